import { SCATTER_MAX_POINTS, type CellItem, type ChartCell, type DashboardData, type ScatterPoints, type StatsFilters } from '@shared/api/statsOperations'
import type { Db } from '../../db'
import { roundHalfUp } from '../engine'

/** One item with its expert scores (submitted, first submission, not-applicable excluded) and judge scores. */
interface ItemEntry {
  id: number
  instruction: string
  model: string
  criterion: string
  allowed: number[]
  experts: { annotator: string; score: number; timeMs: number | null }[]
  judges: Map<string, number>
}

/** Every item of a project in one pass; the dashboard's data and its click-through lists are read from it. */
export interface ItemTable {
  items: ItemEntry[]
  criteria: string[]
  models: string[]
  runs: string[]
  annotators: string[]
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

export function loadItemTable(db: Db): ItemTable {
  const levels = new Map<number, number[]>()
  for (const [criterionId, score] of db.prepare('SELECT criterion_id, score FROM criterion_levels ORDER BY criterion_id, score').raw().iterate() as Iterable<
    [number, number]
  >) {
    const list = levels.get(criterionId)
    if (list) list.push(score)
    else levels.set(criterionId, [score])
  }
  const items: ItemEntry[] = []
  const byId = new Map<number, ItemEntry>()
  for (const [id, instruction, model, criterionId, criterion] of db
    .prepare(
      `SELECT it.id, i.external_id, r.model, c.id, c.name
         FROM items it JOIN responses r ON r.id = it.response_id JOIN instructions i ON i.id = r.instruction_id
         JOIN criteria c ON c.id = it.criterion_id ORDER BY it.id`,
    )
    .raw()
    .iterate() as Iterable<[number, string, string, number, string]>) {
    const entry: ItemEntry = { id, instruction, model, criterion, allowed: levels.get(criterionId) ?? [], experts: [], judges: new Map() }
    items.push(entry)
    byId.set(id, entry)
  }
  const annotatorNames = new Map(db.prepare('SELECT id, name FROM annotators').raw().all() as [number, string][])
  // The first submission of a revised annotation (revision 1); the plain rows when nothing was ever revised.
  const revised = db.prepare('SELECT EXISTS (SELECT 1 FROM annotation_revisions)').pluck().get() === 1
  const scoresSql = revised
    ? `SELECT a.item_id, a.annotator_id, COALESCE(r1.score, a.score), a.time_spent_ms
         FROM annotations a LEFT JOIN annotation_revisions r1 ON r1.annotation_id = a.id AND r1.revision = 1
        WHERE a.status = 'submitted' AND COALESCE(r1.not_applicable, a.not_applicable) = 0 AND COALESCE(r1.score, a.score) IS NOT NULL`
    : `SELECT item_id, annotator_id, score, time_spent_ms FROM annotations
        WHERE status = 'submitted' AND not_applicable = 0 AND score IS NOT NULL`
  for (const [itemId, annotatorId, score, timeMs] of db.prepare(scoresSql).raw().iterate() as Iterable<[number, number, number, number | null]>) {
    byId.get(itemId)?.experts.push({ annotator: annotatorNames.get(annotatorId) ?? String(annotatorId), score, timeMs })
  }
  for (const item of items) if (item.experts.length > 1) item.experts.sort((a, b) => a.annotator.localeCompare(b.annotator))
  const runNames = new Map(db.prepare('SELECT id, name FROM judge_runs').raw().all() as [number, string][])
  for (const [itemId, runId, score] of db
    .prepare('SELECT item_id, run_id, score FROM judgments WHERE not_applicable = 0 AND score IS NOT NULL AND error IS NULL')
    .raw()
    .iterate() as Iterable<[number, number, number]>) {
    byId.get(itemId)?.judges.set(runNames.get(runId) ?? String(runId), score)
  }
  const names = (sql: string) => (db.prepare(sql).pluck().all() as string[]).sort((a, b) => a.localeCompare(b))
  return {
    items,
    criteria: names('SELECT DISTINCT c.name FROM criteria c JOIN items it ON it.criterion_id = c.id'),
    models: names('SELECT DISTINCT model FROM responses'),
    runs: names('SELECT name FROM judge_runs'),
    annotators: names('SELECT DISTINCT an.name FROM annotators an JOIN annotations a ON a.annotator_id = an.id'),
  }
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length

const allowedAsTyped = new WeakMap<number[], Float64Array>()

/**
 * The allowed score nearest to `value`; a tie goes to the larger (round half up). The engine's rule, so a
 * click-through lists exactly the items the confusion matrix counted.
 */
export function roundToAllowed(value: number, allowed: number[]): number {
  let typed = allowedAsTyped.get(allowed)
  if (!typed) allowedAsTyped.set(allowed, (typed = Float64Array.from(allowed).sort()))
  return roundHalfUp(value, typed.length ? typed : null)
}

function filtered(table: ItemTable, filters: StatsFilters): ItemEntry[] {
  return filters.criterion === undefined ? table.items : table.items.filter((item) => item.criterion === filters.criterion)
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
    const expertMean = item.experts.length > 0 ? mean(item.experts.map((expert) => expert.score)) : null
    if (expertMean !== null) {
      const list = modelExperts.get(item.model) ?? []
      list.push(expertMean)
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
    points.expert.push(mean(item.experts.map((expert) => expert.score)))
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
    return judge === undefined || item.experts.length === 0 ? null : Math.abs(judge - mean(item.experts.map((expert) => expert.score)))
  }
  let gap: (item: ItemEntry) => number | null = (item) => (item.experts.length >= 2 ? spread(item) : null)
  let keep: (item: ItemEntry) => boolean
  switch (cell.kind) {
    case 'criterion':
      keep = (item) => item.criterion === cell.criterion && item.experts.length >= 2
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
        return roundToAllowed(mean(item.experts.map((expert) => expert.score)), item.allowed) === cell.expert
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
