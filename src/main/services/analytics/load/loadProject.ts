import { criterionLabels } from '@shared/domain/criterionLabels'
import type { Db } from '../../db'
import type { JudgeInput, RoutingInput, StatsInput } from '../engine'
import { ROUTING_ROLE } from '../engine'

/**
 * Reads what the statistics need from a project, once, into typed arrays (better-sqlite3 `.raw().iterate()`):
 * - expert scores: submitted annotations; an annotation revised after submission counts with its first
 *   submitted value (the lowest annotation_revisions row with status 'submitted'); not-applicable excluded;
 * - judgments per judge run: successful ones only (a score, no error, not not-applicable), with the top stored
 *   probability for calibration;
 * - each item's criterion (and its allowed scores), model, instruction, task path and difficulty.
 */

const NONE = '(none)'

class Grow<T extends Int32Array | Float64Array> {
  length = 0
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2 || 1024)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = v
  }
}
const ints = (n = 1024) => new Grow(new Int32Array(n), (k) => new Int32Array(k))
const floats = (n = 1024) => new Grow(new Float64Array(n), (k) => new Float64Array(k))

/** Distinct names in first-seen order, with an index per name. */
class Names {
  readonly list: string[] = []
  private readonly index = new Map<string, number>()
  of(name: string): number {
    let i = this.index.get(name)
    if (i === undefined) {
      i = this.list.length
      this.index.set(name, i)
      this.list.push(name)
    }
    return i
  }
}

export interface LoadTimes {
  /** ms spent reading the expert score rows (the 1.2 M rows of the bench). */
  scoresMs: number
  /** ms for everything read (items, names, judgments too). */
  totalMs: number
  /** CPU ms of this process for the same two spans (steadier than wall time on a shared machine). */
  scoresCpuMs?: number
  totalCpuMs?: number
}

const cpuMs = () => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

/**
 * `source`: 'first' counts a revised annotation with its first submitted value, 'latest' with its current one;
 * default: the project's workbench setting (workbench_settings.agreement_source), else 'first'.
 */
export function loadProject(db: Db, times?: LoadTimes, source?: 'first' | 'latest'): StatsInput {
  const started = performance.now()
  const startedCpu = cpuMs()
  const useFirst = (source ?? projectAgreementSource(db)) === 'first'
  // criteria, labelled as on every screen (`name (external id)` where two share a name)
  const criteriaRows = db.prepare('SELECT id, external_id, name FROM criteria ORDER BY id').raw().all() as [number, string, string][]
  const criterionIndex = new Map<number, number>()
  criteriaRows.forEach(([id], i) => criterionIndex.set(id, i))
  const criterionNames = criterionLabels(criteriaRows.map(([, externalId, name]) => ({ name, externalId })))
  const levels: number[][] = criteriaRows.map(() => [])
  for (const [criterionId, score] of db.prepare('SELECT criterion_id, score FROM criterion_levels').raw().iterate() as Iterable<[number, number]>) {
    levels[criterionIndex.get(criterionId)!].push(score)
  }
  const criterionLevels = levels.map((l) => (l.length ? Float64Array.from(l).sort() : null))

  // instructions → task, difficulty
  const instructionNames: string[] = []
  const tasks = new Names()
  const difficulties = new Names()
  const instructionIndex = new Map<number, number>()
  const instructionTask: number[] = []
  const instructionDifficulty: number[] = []
  for (const [id, externalId, task, difficulty] of db.prepare('SELECT id, external_id, task_path, difficulty FROM instructions ORDER BY id').raw().iterate() as Iterable<
    [number, string, string | null, string | null]
  >) {
    instructionIndex.set(id, instructionNames.length)
    instructionNames.push(externalId)
    instructionTask.push(tasks.of(task ?? NONE))
    instructionDifficulty.push(difficulties.of(difficulty ?? NONE))
  }
  // responses → model, instruction
  const models = new Names()
  const responseModel = new Map<number, number>()
  const responseInstruction = new Map<number, number>()
  for (const [id, instructionId, model] of db.prepare('SELECT id, instruction_id, model FROM responses').raw().iterate() as Iterable<[number, number, string]>) {
    responseModel.set(id, models.of(model))
    responseInstruction.set(id, instructionIndex.get(instructionId)!)
  }
  // items
  const maxItem = (db.prepare('SELECT max(id) FROM items').raw().get() as [number | null])[0] ?? 0
  const itemIndex = new Int32Array(maxItem + 1).fill(-1)
  const itemId = ints()
  const itemCriterion = ints()
  const itemModel = ints()
  const itemInstruction = ints()
  for (const [id, responseId, criterionId] of db.prepare('SELECT id, response_id, criterion_id FROM items ORDER BY id').raw().iterate() as Iterable<[number, number, number]>) {
    itemIndex[id] = itemId.length
    itemId.push(id)
    itemCriterion.push(criterionIndex.get(criterionId)!)
    itemModel.push(responseModel.get(responseId)!)
    itemInstruction.push(responseInstruction.get(responseId)!)
  }
  const itemCount = itemId.length
  const itemTask = new Int32Array(itemCount)
  const itemDifficulty = new Int32Array(itemCount)
  for (let i = 0; i < itemCount; i++) {
    itemTask[i] = instructionTask[itemInstruction.data[i]]
    itemDifficulty[i] = instructionDifficulty[itemInstruction.data[i]]
  }

  // annotators (sorted by name, so pairs come out in name order)
  const annotatorRows = (db.prepare('SELECT id, name, role FROM annotators').raw().all() as [number, string, string][]).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
  const annotatorIndex = new Int32Array(Math.max(0, ...annotatorRows.map(([id]) => id)) + 1)
  annotatorRows.forEach(([id], i) => (annotatorIndex[id] = i))
  const annotatorNotApplicable = new Int32Array(annotatorRows.length)

  // first submitted values of revised annotations
  const firstSubmitted = new Map<number, [number | null, number]>()
  if (useFirst) {
    const revisions = db.prepare("SELECT annotation_id, score, not_applicable FROM annotation_revisions WHERE status = 'submitted' ORDER BY annotation_id, revision").raw()
    for (const [annotationId, score, notApplicable] of revisions.iterate() as Iterable<[number, number | null, number]>) {
      if (!firstSubmitted.has(annotationId)) firstSubmitted.set(annotationId, [score, notApplicable])
    }
  }

  const scoresStarted = performance.now()
  const scoresStartedCpu = cpuMs()
  const count = (db.prepare('SELECT count(*) FROM annotations').raw().get() as [number])[0]
  const sItem = ints(count)
  const sRater = ints(count)
  const sValue = floats(count)
  const sTime = floats(count)
  for (const [id, item, annotator, score, notApplicable, status, time] of db
    // assisted scores (given with the judge's score on screen) count only when the lead says so (routing_settings);
    // scores on control items count only for control accuracy
    // (in id order: an item's first expert comes first, which the routed estimates rely on)
    .prepare(
      `SELECT id, item_id, annotator_id, score, not_applicable, status, time_spent_ms FROM annotations
        WHERE (assisted = 0 OR (SELECT assisted_in_statistics FROM routing_settings WHERE id = 1) = 1)${hasControls(db) ? ' AND item_id NOT IN (SELECT item_id FROM control_items)' : ''}
        ORDER BY id`,
    )
    .raw()
    .iterate() as Iterable<[number, number, number, number | null, number, string, number | null]>) {
    let s = score
    let na = notApplicable
    const first = firstSubmitted.size ? firstSubmitted.get(id) : undefined
    if (first) [s, na] = first
    else if (status !== 'submitted') continue
    const a = annotatorIndex[annotator]
    if (na || s === null) {
      annotatorNotApplicable[a]++
      continue
    }
    sItem.push(itemIndex[item])
    sRater.push(a)
    sValue.push(s)
    sTime.push(time ?? Number.NaN)
  }
  const scoresMs = performance.now() - scoresStarted
  const scoresCpuMs = cpuMs() - scoresStartedCpu

  // judgments of each run
  const judges: JudgeInput[] = []
  const runs = db.prepare('SELECT id, name, model FROM judge_runs ORDER BY name').raw().all() as [number, string, string][]
  const judgments = db.prepare('SELECT item_id, score, score_probabilities FROM judgments WHERE run_id = ? AND error IS NULL AND score IS NOT NULL AND not_applicable = 0').raw()
  for (const [runId, name, model] of runs) {
    const item = ints()
    const score = floats()
    const confidence = floats()
    const argmax = floats()
    const expected = floats()
    for (const [itemIdValue, value, probabilities] of judgments.iterate(runId) as Iterable<[number, number, string | null]>) {
      item.push(itemIndex[itemIdValue])
      score.push(value)
      const summary = probabilitySummary(probabilities)
      confidence.push(summary ? summary.top[1] : Number.NaN)
      argmax.push(summary ? summary.top[0] : Number.NaN)
      expected.push(summary ? summary.expected : Number.NaN)
    }
    if (item.length) judges.push({ name, model, item: item.data, score: score.data, confidence: confidence.data, argmax: argmax.data, expected: expected.data, length: item.length })
  }
  if (times) {
    times.scoresMs = scoresMs
    times.totalMs = performance.now() - started
    times.scoresCpuMs = scoresCpuMs
    times.totalCpuMs = cpuMs() - startedCpu
  }
  return {
    itemCount,
    itemId: itemId.data.subarray(0, itemCount),
    itemCriterion: itemCriterion.data.subarray(0, itemCount),
    itemModel: itemModel.data.subarray(0, itemCount),
    itemInstruction: itemInstruction.data.subarray(0, itemCount),
    itemTask,
    itemDifficulty,
    criterionIds: criteriaRows.map(([id]) => id),
    criterionNames,
    criterionLevels,
    modelNames: models.list,
    instructionNames,
    taskNames: tasks.list,
    difficultyNames: difficulties.list,
    annotatorNames: annotatorRows.map(([, name]) => name),
    annotatorRoles: annotatorRows.map(([, , role]) => role),
    annotatorNotApplicable,
    scores: { item: sItem.data.subarray(0, sItem.length), rater: sRater.data.subarray(0, sItem.length), value: sValue.data.subarray(0, sItem.length), timeMs: sTime.data.subarray(0, sItem.length), length: sItem.length },
    judges,
    routing: loadRouting(db, itemIndex, itemCount),
  }
}

/** Judge-guided routing's record per item (role, stored inclusion probability), or undefined when routing is off. */
function loadRouting(db: Db, itemIndex: Int32Array, itemCount: number): RoutingInput | undefined {
  const phase = db.prepare('SELECT phase FROM routing_settings WHERE id = 1').pluck().get() as string | undefined
  if (phase !== 'calibration' && phase !== 'routed') return undefined
  const role = new Uint8Array(itemCount)
  const probability = new Float64Array(itemCount).fill(Number.NaN)
  for (const [itemId, name, p] of db.prepare('SELECT item_id, role, routing_probability FROM item_routing').raw().iterate() as Iterable<[number, string, number | null]>) {
    const i = itemId < itemIndex.length ? itemIndex[itemId] : -1
    if (i < 0) continue
    role[i] = ROUTING_ROLE[name as keyof typeof ROUTING_ROLE] ?? 0
    if (p !== null) probability[i] = p
  }
  return { role, probability }
}

/** [score, probability] of the most probable score in a stored `{ "0": p, … }` (lowest score on a tie), or null. */
export function topProbability(json: string | null): [number, number] | null {
  return probabilitySummary(json)?.top ?? null
}

/** The most probable [score, probability] (lowest score on a tie) and the expected score of a stored distribution. */
export function probabilitySummary(json: string | null): { top: [number, number]; expected: number } | null {
  if (!json) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return null
  }
  if (!parsed || typeof parsed !== 'object') return null
  let best: [number, number] | null = null
  let total = 0
  let weighted = 0
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const score = Number(key)
    if (!Number.isFinite(score) || typeof value !== 'number' || !Number.isFinite(value)) continue
    if (!best || value > best[1] || (value === best[1] && score < best[0])) best = [score, value]
    total += value
    weighted += value * score
  }
  return best ? { top: best, expected: total > 0 ? weighted / total : best[0] } : null
}

/** Scores on control items count only for control accuracy (analytics/quality/controlAccuracy.ts), never here. */
function hasControls(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'control_items'").get() !== undefined
}

function projectAgreementSource(db: Db): 'first' | 'latest' {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'workbench_settings'").get()
  if (!table) return 'first'
  const row = db.prepare('SELECT agreement_source FROM workbench_settings WHERE id = 1').raw().get() as [string] | undefined
  return row?.[0] === 'latest' ? 'latest' : 'first'
}
