/** The normalised rows every format produces and the ProjectWriter consumes. */
import type { ScoreStatus } from '@shared/domain/longFormat'

export interface InstructionFields {
  externalId: string
  text: string
  referenceAnswer: string | null
  taskPath: string | null
  difficulty: string | null
  domain: string | null
  /** JSON text of an object, or null. */
  meta: string | null
}

/** How a row names its criterion. */
export interface CriterionRef {
  /** Generic: an external id or a name. POLLUX: criteria_name. */
  value: string
  /** The rubric as the source gave it (object, JSON text or "score: text" lines); undefined when absent. */
  rubric: unknown
  /** POLLUX: one name may come with different rubrics, so name + rubric identifies the criterion. */
  keyedByRubric: boolean
  /** Generic: the display name for a criterion this row creates (the external id is `value`); null = `value`. */
  name?: string | null
}

/** What the fields are called in the source format, for messages. */
export interface RowFieldNames {
  instruction: string
  answer: string
  criterion: string
  rubric: string
  score: string
  rater: string
}

/** One score (or, with no rater, just the item it belongs to). */
export interface ScoreRow {
  instruction: InstructionFields
  model: string
  answer: string
  criterion: CriterionRef
  /** A published aggregate score (POLLUX criteria_score), or null. */
  goldScore: number | null
  rater: { kind: 'annotator' | 'judge'; name: string } | null
  /** The score cell as given: a number, numeric text, null or "N/A"; checked against the criterion's scale. */
  score: unknown
  rationale: string | null
  fields: RowFieldNames
  /** The long format's state columns (generic formats); absent or null = a submitted score, null / N/A = not applicable. */
  state?: ScoreState | null
}

/** A score cell with the status that says what it holds; status null = read from the cell alone. */
export interface DeclaredScore {
  status: ScoreStatus | null
  score: unknown
  rationale: string | null
}

export interface ScoreState {
  status: ScoreStatus | null
  /** A failed judgment's reason (status "error"). */
  error: string | null
  draft: boolean
  activeMs: number | null
  /** A revised annotation's blind first submission. */
  first: DeclaredScore | null
  /** JSON text of the judgment's score probabilities. */
  probabilities: string | null
  /** The lead's final score for the item. */
  final: (DeclaredScore & { note: string | null }) | null
  /** The item is a control item with this reference score (`control_score`, a level of the criterion). */
  control: { score: unknown; note: string | null } | null
  /** An annotator row scored in assisted mode (`assisted`: true). */
  assisted: boolean
}

/** An instruction with the criteria it is to be scored on (POLLUX instruction sets). */
export interface InstructionSetRow {
  instruction: InstructionFields
  criteria: { ref: CriterionRef; field: string }[]
}
