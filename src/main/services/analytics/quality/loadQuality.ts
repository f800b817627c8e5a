import type { Db } from '../../db'
import type { StatsInput } from '../engine'
import { controlAnswers, tallyControlAnswers, type ControlAccuracy } from './controlAccuracy'

/**
 * What the behaviour figures need beyond the engine's input: every submitted annotation (N/A included) with its
 * answer, current score, active time and whether it was revised after submission; and the control items' known
 * scores when the project has them.
 */
export interface QualityData {
  /** Annotator index (StatsInput.annotatorNames order), item index, response id. */
  annotator: Int32Array
  item: Int32Array
  response: Int32Array
  /** Current score (NaN: N/A). */
  score: Float64Array
  notApplicable: Uint8Array
  /** Active time in ms (NaN: none recorded). */
  timeMs: Float64Array
  revised: Uint8Array
  length: number
  /** Control items as controlAccuracy.ts counts them; null when the project has none ("no control items"). */
  controls: QualityControls | null
}

export interface QualityControls {
  /** By annotator index, its `byCriterion` by criterion index (StatsInput order). */
  accuracy: Map<number, ControlAccuracy>
  /** The counted score of each control an annotator submitted (null: N/A), by annotator index and item id. */
  counted: Map<number, Map<number, number | null>>
}

export function loadQuality(db: Db, input: StatsInput): QualityData {
  const nameIndex = new Map(input.annotatorNames.map((name, i) => [name, i]))
  const annotatorOf = new Map<number, number>()
  for (const [id, name] of db.prepare('SELECT id, name FROM annotators').raw().iterate() as Iterable<[number, string]>) annotatorOf.set(id, nameIndex.get(name) ?? -1)
  // item id → index: a typed table (ids are dense row ids), not a Map of every item
  let maxItem = 0
  for (const id of input.itemId) if (id > maxItem) maxItem = id
  const itemIndex = new Int32Array(maxItem + 1).fill(-1)
  input.itemId.forEach((id, i) => (itemIndex[id] = i))
  const capacity = (db.prepare('SELECT count(*) FROM annotations').pluck().get() as number) ?? 0
  const out: QualityData = {
    annotator: new Int32Array(capacity),
    item: new Int32Array(capacity),
    response: new Int32Array(capacity),
    score: new Float64Array(capacity),
    notApplicable: new Uint8Array(capacity),
    timeMs: new Float64Array(capacity),
    revised: new Uint8Array(capacity),
    length: 0,
    controls: readControls(db, input, annotatorOf),
  }
  const rows = db
    .prepare(
      `SELECT a.annotator_id, a.item_id, i.response_id, a.score, a.not_applicable, a.time_spent_ms,
              EXISTS (SELECT 1 FROM annotation_revisions r WHERE r.annotation_id = a.id) AS revised
         FROM annotations a JOIN items i ON i.id = a.item_id
        WHERE a.status = 'submitted' OR EXISTS (SELECT 1 FROM annotation_revisions r WHERE r.annotation_id = a.id AND r.status = 'submitted')`,
    )
    .raw()
    .iterate() as Iterable<[number, number, number, number | null, number, number | null, number]>
  for (const [annotatorId, itemId, responseId, score, notApplicable, time, revised] of rows) {
    const a = annotatorOf.get(annotatorId) ?? -1
    const i = itemId < itemIndex.length ? itemIndex[itemId] : -1
    if (a < 0 || i < 0) continue
    const r = out.length++
    out.annotator[r] = a
    out.item[r] = i
    out.response[r] = responseId
    out.notApplicable[r] = notApplicable ? 1 : 0
    out.score[r] = notApplicable || score === null ? Number.NaN : score
    out.timeMs[r] = time ?? Number.NaN
    out.revised[r] = revised ? 1 : 0
  }
  return out
}

function readControls(db: Db, input: StatsInput, annotatorOf: Map<number, number>): QualityControls | null {
  if (db.prepare('SELECT EXISTS (SELECT 1 FROM control_items)').pluck().get() !== 1) return null
  const criterionOf = new Map(input.criterionIds.map((id, c) => [id, c]))
  const answers = controlAnswers(db).filter((answer) => (annotatorOf.get(answer.annotatorId) ?? -1) >= 0)
  const counted = new Map<number, Map<number, number | null>>()
  for (const answer of answers) {
    const a = annotatorOf.get(answer.annotatorId) as number
    let own = counted.get(a)
    if (!own) counted.set(a, (own = new Map()))
    own.set(answer.itemId, answer.score)
  }
  const accuracy = new Map<number, ControlAccuracy>()
  for (const [annotatorId, tally] of tallyControlAnswers(answers)) {
    const byCriterion = new Map([...tally.byCriterion].map(([criterionId, t]) => [criterionOf.get(criterionId) ?? -1, t]))
    accuracy.set(annotatorOf.get(annotatorId) as number, { ...tally, byCriterion })
  }
  return { accuracy, counted }
}
