import { SCORE_STATUSES, type ScoreStatus } from '@shared/domain/longFormat'
import { inputError, type InputFile } from '../importErrors'
import { describeType, isAbsent, optionalText, type SourceRecord } from '../fields'
import type { DeclaredScore, ScoreState } from '../rows'

/**
 * The long format's state columns (what Castor's own exports carry beside the score): the score's status and a
 * failed judgment's error, an annotation's draft/submitted status, active time and blind first submission, a
 * judgment's score probabilities and the lead's final score. Checked here as far as the row alone allows; the
 * writer checks scores against the criterion's scale. Null when the row has none of these columns (older files).
 */
export function readScoreState(input: InputFile, position: number, record: SourceRecord, rater: 'annotator' | 'judge' | null): ScoreState | null {
  const status = optionalStatus(input, position, record, 'status')
  const error = optionalText(input, position, record, 'error')
  const annotationStatus = optionalText(input, position, record, 'annotation_status')
  const activeMs = record.active_ms
  const first = declared(input, position, record, 'first')
  const finalScore = declared(input, position, record, 'final')
  // `probabilities` is accepted as another name of `score_probabilities` (exports write the latter)
  const probabilitiesField = isAbsent(record.score_probabilities) && !isAbsent(record.probabilities) ? 'probabilities' : 'score_probabilities'
  if (!isAbsent(record.score_probabilities) && !isAbsent(record.probabilities)) {
    throw inputError(input, position, 'probabilities', record.probabilities, 'probabilities-twice')
  }
  const probabilities = record[probabilitiesField]
  const control = controlOf(input, position, record, rater)
  const assisted = assistedOf(input, position, record, rater)
  if (status === null && error === null && annotationStatus === null && isAbsent(activeMs) && !first && !finalScore && isAbsent(probabilities) && !control && !assisted) return null

  const only = (field: string, value: unknown, kind: 'annotator' | 'judge') => {
    if (rater !== kind) throw inputError(input, position, field, value, kind === 'annotator' ? 'only-annotator-rows' : 'only-judge-rows')
  }
  if (status !== null && rater === null) throw inputError(input, position, 'status', status, 'score-without-rater')
  if (status === 'error') {
    only('status', status, 'judge')
    if (!isAbsent(record.score)) throw inputError(input, position, 'score', record.score, 'error-with-score')
    if (error === null || error.trim() === '') throw inputError(input, position, 'error', error, 'error-missing')
  } else if (error !== null) {
    throw inputError(input, position, 'error', error, 'error-without-status')
  }
  if (annotationStatus !== null) {
    only('annotation_status', annotationStatus, 'annotator')
    if (annotationStatus !== 'draft' && annotationStatus !== 'submitted') throw inputError(input, position, 'annotation_status', annotationStatus, 'annotation-status')
  }
  if (!isAbsent(activeMs)) only('active_ms', activeMs, 'annotator')
  if (first) {
    only(first.field, first.score, 'annotator')
    if (annotationStatus === 'draft') throw inputError(input, position, 'first_status', first.status, 'first-on-draft')
  }
  if (!isAbsent(probabilities)) only(probabilitiesField, probabilities, 'judge')
  return {
    status,
    error,
    draft: annotationStatus === 'draft',
    activeMs: isAbsent(activeMs) ? null : milliseconds(input, position, activeMs),
    first,
    probabilities: isAbsent(probabilities) ? null : probabilityText(input, position, probabilities, probabilitiesField),
    final: finalScore ? { ...finalScore, note: optionalText(input, position, record, 'final_note') } : null,
    control,
    assisted,
  }
}

/** `assisted`: true on an annotator row scored with the judge's score on screen; false or absent: blind. */
function assistedOf(input: InputFile, position: number, record: SourceRecord, rater: 'annotator' | 'judge' | null): boolean {
  const flag = record.assisted
  if (isAbsent(flag)) return false
  const on = flag === true || flag === 'true'
  if (!on && flag !== false && flag !== 'false') throw inputError(input, position, 'assisted', flag, 'assisted-flag-boolean')
  if (on && rater !== 'annotator') throw inputError(input, position, 'assisted', flag, 'assisted-flag-annotator-only')
  return on
}

/**
 * `control_score` (+ `control_note`): the item is a control item. `control` (true on an export's annotator rows of
 * such an item) is derived, so it is only checked: given, it needs an annotator and a control_score.
 */
function controlOf(input: InputFile, position: number, record: SourceRecord, rater: 'annotator' | 'judge' | null): ScoreState['control'] {
  const score = record.control_score
  const note = optionalText(input, position, record, 'control_note')
  const flag = record.control
  if (!isAbsent(flag)) {
    const on = flag === true || flag === 'true'
    if (!on && flag !== false && flag !== 'false') throw inputError(input, position, 'control', flag, 'control-flag-boolean')
    if (on && rater !== 'annotator') throw inputError(input, position, 'control', flag, 'control-flag-annotator-only')
    if (on && isAbsent(score)) throw inputError(input, position, 'control', flag, 'control-flag-without-score')
  }
  if (isAbsent(score)) {
    if (note !== null) throw inputError(input, position, 'control_note', note, 'control-note-without-score')
    return null
  }
  return { score, note }
}

function optionalStatus(input: InputFile, position: number, record: SourceRecord, field: string): ScoreStatus | null {
  const value = optionalText(input, position, record, field)
  if (value === null) return null
  if (!(SCORE_STATUSES as readonly string[]).includes(value)) throw inputError(input, position, field, value, 'must-be-one-of', { values: SCORE_STATUSES.join(', ') })
  return value as ScoreStatus
}

/** `first_*` or `final_*`: a status and a score (a rationale or note beside them); null when neither is given. */
function declared(input: InputFile, position: number, record: SourceRecord, prefix: 'first' | 'final'): (DeclaredScore & { field: string }) | null {
  const status = optionalStatus(input, position, record, `${prefix}_status`)
  const score = record[`${prefix}_score`]
  const textField = prefix === 'first' ? 'first_rationale' : 'final_note'
  const text = optionalText(input, position, record, textField)
  if (status === null && isAbsent(score)) {
    if (text !== null) throw inputError(input, position, textField, text, 'needs-status-and-score', { prefix })
    return null
  }
  if (status === 'error') throw inputError(input, position, `${prefix}_status`, status, 'scored-or-na')
  return { status, score, rationale: prefix === 'first' ? text : null, field: `${prefix}_score` }
}

function milliseconds(input: InputFile, position: number, value: unknown): number {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) throw inputError(input, position, 'active_ms', value, 'active-ms')
  return number
}

/** Score probabilities as stored: a JSON object of score → probability in [0, 1] (JSON text in CSV and Parquet). */
function probabilityText(input: InputFile, position: number, value: unknown, field: string): string {
  let parsed = value
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value) as unknown
    } catch {
      throw inputError(input, position, field, value, 'probabilities-not-json')
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw inputError(input, position, field, value, 'probabilities-type', { type: describeType(parsed) })
  }
  for (const [score, probability] of Object.entries(parsed)) {
    if (!Number.isFinite(Number(score)) || typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
      throw inputError(input, position, field, value, 'probability-entry', { score: JSON.stringify(score), probability: String(JSON.stringify(probability)) })
    }
  }
  return JSON.stringify(parsed)
}
