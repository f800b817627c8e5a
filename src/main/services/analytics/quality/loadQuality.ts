import type { Db } from '../../db'
import type { StatsInput } from '../engine'

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
  /**
   * Control items: item id → known score. The `controls` branch stores them in
   * `control_items(item_id PRIMARY KEY, score REAL, note TEXT, …)`; null while the project has no such table or it
   * is empty ("no control items").
   */
  controls: Map<number, number> | null
}

export function loadQuality(db: Db, input: StatsInput): QualityData {
  const nameIndex = new Map(input.annotatorNames.map((name, i) => [name, i]))
  const annotatorOf = new Map<number, number>()
  for (const [id, name] of db.prepare('SELECT id, name FROM annotators').raw().iterate() as Iterable<[number, string]>) annotatorOf.set(id, nameIndex.get(name) ?? -1)
  const itemIndex = new Map<number, number>()
  input.itemId.forEach((id, i) => itemIndex.set(id, i))
  const rows = db
    .prepare(
      `SELECT a.annotator_id, a.item_id, i.response_id, a.score, a.not_applicable, a.time_spent_ms,
              EXISTS (SELECT 1 FROM annotation_revisions r WHERE r.annotation_id = a.id) AS revised
         FROM annotations a JOIN items i ON i.id = a.item_id
        WHERE a.status = 'submitted' OR EXISTS (SELECT 1 FROM annotation_revisions r WHERE r.annotation_id = a.id AND r.status = 'submitted')`,
    )
    .raw()
    .all() as [number, number, number, number | null, number, number | null, number][]
  const out: QualityData = {
    annotator: new Int32Array(rows.length),
    item: new Int32Array(rows.length),
    response: new Int32Array(rows.length),
    score: new Float64Array(rows.length),
    notApplicable: new Uint8Array(rows.length),
    timeMs: new Float64Array(rows.length),
    revised: new Uint8Array(rows.length),
    length: 0,
    controls: readControlScores(db),
  }
  for (const [annotatorId, itemId, responseId, score, notApplicable, time, revised] of rows) {
    const a = annotatorOf.get(annotatorId) ?? -1
    const i = itemIndex.get(itemId) ?? -1
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

/** Control items' known scores (item id → score), or null when the project has none (see QualityData.controls). */
export function readControlScores(db: Db): Map<number, number> | null {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'control_items'").get()
  if (!table) return null
  const controls = new Map<number, number>()
  for (const [itemId, score] of db.prepare('SELECT item_id, score FROM control_items WHERE score IS NOT NULL').raw().iterate() as Iterable<[number, number]>) controls.set(itemId, score)
  return controls.size ? controls : null
}
