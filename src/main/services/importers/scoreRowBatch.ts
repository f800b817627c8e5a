import { ANNOTATOR_FIELDS, JUDGE_FIELDS } from './formats/generic'
import type { ScoreRow } from './rows'

/**
 * Generic score rows packed for postMessage from the import worker: one flat array per batch (structured
 * clone copies a flat array of primitives much faster than one object per row), and values that repeat are
 * sent once: a field equal to the previous row's (an instruction over all its answers, an answer over its
 * criteria) and a rubric equal to the last one of its criterion. Encoder and decoder keep the same state, row
 * by row in file order, so the decoder restores what was left out. It also hands the writer the very same
 * strings and rubric objects again, which its equality checks then settle at once.
 */

/** Slots of one row, in order. */
const POSITION = 0
const SAME = 1
const EXTERNAL_ID = 2
const TEXT = 3
const REFERENCE = 4
const TASK = 5
const DIFFICULTY = 6
const DOMAIN = 7
const MODEL = 8
const ANSWER = 9
const CRITERION = 10
const RUBRIC = 11
const CRITERION_NAME = 12
const RATER_KIND = 13
const RATER_NAME = 14
const SCORE = 15
const RATIONALE = 16
const STATE = 17
const SLOTS = 18

/** Text slots left out when equal to the previous row's; bit `slot` of SAME says so (bit RUBRIC: the criterion's last rubric). */
const REPEATABLE = [EXTERNAL_ID, TEXT, REFERENCE, TASK, DIFFICULTY, DOMAIN, MODEL, ANSWER, CRITERION, CRITERION_NAME, RATER_NAME, RATIONALE]
/** Rubrics remembered per criterion; both sides forget all of them at once when there are more. */
const RUBRICS_KEPT = 4_096

const RATER_NONE = 0
const RATER_ANNOTATOR = 1
const RATER_JUDGE = 2

/** The fields the packing leaves out are those normaliseGenericRecord always sets the same way. */
export class ScoreRowEncoder {
  private values: unknown[] = []
  private previous: unknown[] | null = null
  private readonly rubrics = new Map<string, unknown>()

  get rows(): number {
    return this.values.length / SLOTS
  }

  add(row: ScoreRow, position: number): void {
    const { instruction, criterion, rater } = row
    const slots: unknown[] = [
      position,
      0,
      instruction.externalId,
      instruction.text,
      instruction.referenceAnswer,
      instruction.taskPath,
      instruction.difficulty,
      instruction.domain,
      row.model,
      row.answer,
      criterion.value,
      criterion.rubric,
      criterion.name ?? null,
      rater ? (rater.kind === 'annotator' ? RATER_ANNOTATOR : RATER_JUDGE) : RATER_NONE,
      rater ? rater.name : null,
      row.score,
      row.rationale,
      row.state ?? null,
    ]
    let same = 0
    const previous = this.previous
    if (previous) for (const slot of REPEATABLE) if (previous[slot] === slots[slot]) same |= 1 << slot
    if (this.rubrics.has(criterion.value) && sameRubric(this.rubrics.get(criterion.value), criterion.rubric)) same |= 1 << RUBRIC
    else remember(this.rubrics, criterion.value, criterion.rubric)
    slots[SAME] = same
    const values = this.values
    for (let slot = 0; slot < SLOTS; slot++) values.push(same & (1 << slot) ? null : slots[slot])
    this.previous = slots
  }

  /** The packed rows so far; the next ones go into a fresh batch (what repeats carries on across batches). */
  take(): unknown[] {
    const values = this.values
    this.values = []
    return values
  }
}

export class ScoreRowDecoder {
  private previous: unknown[] | null = null
  private readonly rubrics = new Map<string, unknown>()

  /** Calls `onRow` with each row of a batch, in order; a throw stops the batch there. */
  decode(values: unknown[], onRow: (row: ScoreRow, position: number) => void): void {
    for (let at = 0; at < values.length; at += SLOTS) {
      const same = values[at + SAME] as number
      const previous = this.previous
      const slots = new Array<unknown>(SLOTS)
      for (let slot = 0; slot < SLOTS; slot++) slots[slot] = same & (1 << slot) && slot !== RUBRIC ? previous![slot] : values[at + slot]
      const criterionValue = slots[CRITERION] as string
      if (same & (1 << RUBRIC)) slots[RUBRIC] = this.rubrics.get(criterionValue)
      else remember(this.rubrics, criterionValue, slots[RUBRIC])
      this.previous = slots
      const raterKind = slots[RATER_KIND] as number
      onRow(
        {
          instruction: {
            externalId: slots[EXTERNAL_ID] as string,
            text: slots[TEXT] as string,
            referenceAnswer: slots[REFERENCE] as string | null,
            taskPath: slots[TASK] as string | null,
            difficulty: slots[DIFFICULTY] as string | null,
            domain: slots[DOMAIN] as string | null,
            meta: null,
          },
          model: slots[MODEL] as string,
          answer: slots[ANSWER] as string,
          criterion: { value: criterionValue, rubric: slots[RUBRIC], keyedByRubric: false, name: slots[CRITERION_NAME] as string | null },
          goldScore: null,
          rater: raterKind === RATER_NONE ? null : { kind: raterKind === RATER_ANNOTATOR ? 'annotator' : 'judge', name: slots[RATER_NAME] as string },
          score: slots[SCORE],
          rationale: slots[RATIONALE] as string | null,
          fields: raterKind === RATER_JUDGE ? JUDGE_FIELDS : ANNOTATOR_FIELDS,
          state: slots[STATE] as ScoreRow['state'],
        },
        slots[POSITION] as number,
      )
    }
  }
}

function remember(rubrics: Map<string, unknown>, criterion: string, rubric: unknown): void {
  if (rubrics.size >= RUBRICS_KEPT && !rubrics.has(criterion)) rubrics.clear()
  rubrics.set(criterion, rubric)
}

/**
 * Whether two rubrics parsed from JSON cannot be told apart: the same text, number or null, or flat objects
 * with the same keys in the same order and the same values. Anything else counts as different (and is sent).
 */
function sameRubric(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) || Array.isArray(b)) return false
  const aKeys = Object.keys(a)
  const bKeys = Object.keys(b)
  if (aKeys.length !== bKeys.length) return false
  for (let i = 0; i < aKeys.length; i++) {
    const key = aKeys[i]
    if (key !== bKeys[i]) return false
    const aValue = (a as Record<string, unknown>)[key]
    if (typeof aValue === 'object' && aValue !== null) return false
    if (!Object.is(aValue, (b as Record<string, unknown>)[key])) return false
  }
  return true
}
