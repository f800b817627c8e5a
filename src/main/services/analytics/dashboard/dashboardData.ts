import { SCATTER_MAX_POINTS, type CellItem, type ChartCell, type DashboardData, type ScatterPoints, type StatsFilters } from '@shared/api/statsOperations'
import type { Db } from '../../db'
import { roundHalfUp, type StatsInput } from '../engine'
import { exactScale, fromUnits, toUnits } from '../engine/exactMeans'

/** One item with its expert scores (as the engine counts them) and judge scores. */
interface ItemEntry {
  id: number
  instruction: string
  model: string
  criterionId: number
  /** The criterion's label (criterionLabels), as in the report's byCriterion keys. */
  criterion: string
  allowed: Float64Array | null
  experts: { annotator: string; score: number; timeMs: number | null }[]
  judges: Map<string, number>
}

/**
 * Every item of a project, built from the engine's own input (loadProject): the dashboard's data and its
 * click-through lists read the very scores the engine's figures count (same revision rule, same criterion identity).
 */
export interface ItemTable {
  items: ItemEntry[]
  criteria: { id: number; label: string }[]
  models: string[]
  runs: string[]
  annotators: string[]
  /** exactMeans' scale for means of these scores (0: plain floating point). */
  scale: number
}

/**
 * A fingerprint of everything the statistics read: changes whenever an annotation, judgment or import changes.
 * Caches key on it.
 */
export function dataVersion(db: Db): string {
  // Every write of the host goes through this connection (total_changes); data_version moves when another
  // connection (a CLI import into the same file) commits. Both are O(1), so every click can check them.
  const changes = db.prepare('SELECT total_changes()').pluck().get() as number
  const external = db.pragma('data_version', { simple: true }) as number
  return `${changes}:${external}`
}

const byName = (a: string, b: string) => a.localeCompare(b)

export function itemTable(input: StatsInput): ItemTable {
  const items: ItemEntry[] = Array.from({ length: input.itemCount }, (_, i) => ({
    id: input.itemId[i],
    instruction: input.instructionNames[input.itemInstruction[i]],
    model: input.modelNames[input.itemModel[i]],
    criterionId: input.criterionIds[input.itemCriterion[i]],
    criterion: input.criterionNames[input.itemCriterion[i]],
    allowed: input.criterionLevels[input.itemCriterion[i]],
    experts: [],
    judges: new Map(),
  }))
  const { scores } = input
  const values = new Set<number>()
  const scored = new Set<number>()
  for (let r = 0; r < scores.length; r++) {
    const time = scores.timeMs[r]
    items[scores.item[r]].experts.push({ annotator: input.annotatorNames[scores.rater[r]], score: scores.value[r], timeMs: Number.isNaN(time) ? null : time })
    values.add(scores.value[r])
    scored.add(scores.rater[r])
  }
  const counts = new Set<number>([1])
  for (const item of items) {
    counts.add(item.experts.length)
    if (item.experts.length > 1) item.experts.sort((a, b) => byName(a.annotator, b.annotator))
  }
  for (const judge of input.judges) {
    for (let j = 0; j < judge.length; j++) {
      items[judge.item[j]].judges.set(judge.name, judge.score[j])
      values.add(judge.score[j])
    }
  }
  const withItems = new Set(input.itemCriterion)
  return {
    items,
    criteria: input.criterionIds.map((id, c) => ({ id, label: input.criterionNames[c] })).filter((_, c) => withItems.has(c)).sort((a, b) => byName(a.label, b.label)),
    models: [...new Set(input.modelNames)].sort(byName),
    runs: input.judges.map((judge) => judge.name).sort(byName),
    annotators: [...scored].map((a) => input.annotatorNames[a]).sort(byName),
    scale: exactScale(values, counts),
  }
}

/** The mean of an item's expert scores (the engine's: their sum, exact for integers and halves, over their count). */
const expertMean = (item: ItemEntry) => item.experts.reduce((sum, expert) => sum + expert.score, 0) / item.experts.length

function filtered(table: ItemTable, filters: StatsFilters): ItemEntry[] {
  return filters.criterionId === undefined ? table.items : table.items.filter((item) => item.criterionId === filters.criterionId)
}

/** Upper bounds of the time buckets, in ms; the last bucket is open. */
const TIME_EDGES = [0, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, Number.MAX_SAFE_INTEGER]

export function dashboardData(table: ItemTable, filters: StatsFilters = {}): DashboardData {
  const items = filtered(table, filters)

  const scoreSet = new Set<number>()
  const perModel = new Map<string, Map<number, number>>()
  const modelExperts = new Map<string, number[]>()
  const modelJudges = new Map<string, Map<string, number[]>>()
  const times: number[] = []

  for (const item of items) {
    const counts = perModel.get(item.model) ?? new Map<number, number>()
    perModel.set(item.model, counts)
    for (const expert of item.experts) {
      scoreSet.add(expert.score)
      counts.set(expert.score, (counts.get(expert.score) ?? 0) + 1)
      if (expert.timeMs !== null) times.push(expert.timeMs)
    }
    if (item.experts.length > 0) {
      const list = modelExperts.get(item.model) ?? []
      list.push(expertMean(item))
      modelExperts.set(item.model, list)
    }
    for (const [run, score] of item.judges) {
      const runs = modelJudges.get(item.model) ?? new Map<string, number[]>()
      modelJudges.set(item.model, runs)
      const list = runs.get(run) ?? []
      list.push(score)
      runs.set(run, list)
    }
  }

  const scores = [...scoreSet].sort((a, b) => a - b)
  times.sort((a, b) => a - b)
  const buckets = TIME_EDGES.slice(0, -1).map((fromMs, index) => ({
    fromMs,
    toMs: TIME_EDGES[index + 1],
    count: 0,
  }))
  for (const time of times) {
    const bucket = buckets.find((candidate) => time >= candidate.fromMs && time < candidate.toMs)
    if (bucket) bucket.count++
  }
  while (buckets.length > 1 && buckets[buckets.length - 1].count === 0) buckets.pop()

  const models = [...perModel.keys()].sort((a, b) => a.localeCompare(b))
  // exact means (exactMeans.ts): models with equal means tie, as in the engine's ranking
  const mean = (values: number[]) => fromUnits(values.reduce((sum, value) => sum + toUnits(value, table.scale), 0), values.length, table.scale)
  return {
    criteria: table.criteria,
    models: table.models,
    runs: table.runs,
    annotators: table.annotators,
    scoreDistribution: {
      scores,
      rows: models.map((model) => ({ model, counts: scores.map((score) => perModel.get(model)?.get(score) ?? 0) })),
      reason: scores.length === 0 ? 'no submitted expert scores' : null,
    },
    ranking: models
      .map((model) => {
        const experts = modelExperts.get(model)
        return {
          model,
          experts: experts ? mean(experts) : null,
          judges: Object.fromEntries(
            table.runs.map((run) => {
              const list = modelJudges.get(model)?.get(run)
              return [run, list ? mean(list) : null]
            }),
          ),
        }
      })
      .sort((a, b) => (b.experts ?? -Infinity) - (a.experts ?? -Infinity) || a.model.localeCompare(b.model)),
    time: {
      buckets: times.length === 0 ? [] : buckets,
      n: times.length,
      medianMs: times.length === 0 ? null : times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2,
      reason: times.length === 0 ? 'no annotation has a recorded time' : null,
    },
  }
}

/** The judge's score against the expert mean on every item that has both (an even stride past `max` points). */
export function scatterPoints(table: ItemTable, run: string, filters: StatsFilters = {}, max = SCATTER_MAX_POINTS): ScatterPoints {
  const both = filtered(table, filters).filter((item) => item.judges.has(run) && item.experts.length > 0)
  const step = both.length > max ? both.length / max : 1
  const points: ScatterPoints = { itemIds: [], expert: [], judge: [], total: both.length }
  for (let k = 0; k * step < both.length && points.itemIds.length < max; k++) {
    const item = both[Math.floor(k * step)]
    points.itemIds.push(item.id)
    points.expert.push(expertMean(item))
    points.judge.push(item.judges.get(run)!)
  }
  return points
}

const spread = (item: ItemEntry) => {
  const scores = item.experts.map((expert) => expert.score)
  return Math.max(...scores) - Math.min(...scores)
}

/** The items behind a chart cell, most different first (then by id), at most `limit` of `total`. */
export function itemsBehind(table: ItemTable, cell: ChartCell, filters: StatsFilters = {}, limit = 5000): { total: number; rows: CellItem[] } {
  const run = 'run' in cell ? cell.run : undefined
  const judgeGap = (item: ItemEntry) => {
    const judge = run === undefined ? undefined : item.judges.get(run)
    return judge === undefined || item.experts.length === 0 ? null : Math.abs(judge - expertMean(item))
  }
  let gap: (item: ItemEntry) => number | null = (item) => (item.experts.length >= 2 ? spread(item) : null)
  let keep: (item: ItemEntry) => boolean
  switch (cell.kind) {
    case 'criterion':
      keep = (item) => item.criterionId === cell.criterionId && item.experts.length >= 2
      break
    case 'pair': {
      const score = (item: ItemEntry, name: string) => item.experts.find((expert) => expert.annotator === name)?.score
      keep = (item) => score(item, cell.a) !== undefined && score(item, cell.b) !== undefined
      gap = (item) => Math.abs(score(item, cell.a)! - score(item, cell.b)!)
      break
    }
    case 'confusion':
      keep = (item) => {
        const judge = item.judges.get(cell.run)
        if (judge !== cell.judge || item.experts.length === 0) return false
        return roundHalfUp(expertMean(item), item.allowed) === cell.expert
      }
      gap = judgeGap
      break
    case 'model':
      keep = (item) => item.model === cell.model && (cell.run === undefined ? item.experts.length > 0 : item.judges.has(cell.run))
      if (cell.run !== undefined) gap = judgeGap
      break
    case 'score':
      keep = (item) => item.model === cell.model && item.experts.some((expert) => expert.score === cell.score)
      break
    case 'time':
      keep = (item) => item.experts.some((expert) => expert.timeMs !== null && expert.timeMs >= cell.fromMs && expert.timeMs < cell.toMs)
      break
    case 'disagreement':
      if (cell.run === undefined) keep = (item) => item.experts.length >= 2 && spread(item) > 0
      else {
        gap = judgeGap
        keep = (item) => (judgeGap(item) ?? 0) > 0
      }
      break
  }
  const matched = filtered(table, filters)
    .filter(keep)
    .map((item) => ({ item, gap: gap(item) }))
  matched.sort((a, b) => (b.gap ?? -1) - (a.gap ?? -1) || a.item.id - b.item.id)
  return {
    total: matched.length,
    rows: matched.slice(0, limit).map(({ item, gap: value }) => ({
      itemId: item.id,
      instruction: item.instruction,
      model: item.model,
      criterion: item.criterion,
      experts: item.experts.map(({ annotator, score }) => ({ annotator, score })),
      judge: run === undefined ? null : (item.judges.get(run) ?? null),
      gap: value,
    })),
  }
}
