import { z } from 'zod'
import { Criterion, Id, Instruction } from './models'
import { Adjudication, JudgeScore, OtherAnnotation } from './workbenchModels'

/**
 * Control items and the adjudication panel. Nothing here is ever sent to an annotator: every operation that
 * returns these shapes is `lead` (controlOperations.ts), and the annotators' own replies carry no control flag.
 */

export const ControlSettings = z.object({
  /** Share of new claims that hand out a control answer (0 = never). */
  rate: z.number().min(0).max(1),
  /** After submitting a control, the annotator is told the reference score and the lead's note. */
  feedback: z.boolean(),
})
export type ControlSettings = z.infer<typeof ControlSettings>

export const ControlItem = z.object({
  itemId: Id,
  responseId: Id,
  criterionId: Id,
  criterionName: z.string(),
  model: z.string(),
  /** The reference score (a level of the criterion). */
  score: z.number(),
  note: z.string().nullable(),
  source: z.enum(['adjudication', 'typed', 'import']),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
})
export type ControlItem = z.infer<typeof ControlItem>

export const ControlAccuracyRow = z.object({
  annotatorId: Id,
  name: z.string(),
  /** Controls submitted (blind first submission). */
  n: z.number().int(),
  /** Of them, equal to the reference score. */
  correct: z.number().int(),
})
export type ControlAccuracyRow = z.infer<typeof ControlAccuracyRow>

/** Told to an annotator after submitting a control, only when the lead turned feedback on. */
export const ControlFeedback = z.object({ referenceScore: z.number(), note: z.string().nullable() })
export type ControlFeedback = z.infer<typeof ControlFeedback>

/**
 * MACE's view of an item (analytics/quality/macePosterior.ts): the posterior of each level and the most likely one,
 * and what the pooled fit stood on (items with ≥ 2 expert scores, experts); `weak` when that is too little to trust
 * (under 10 items or under 3 experts: the quality table's MACE reason or warning).
 */
export const MacePosterior = z.object({
  label: z.number().nullable(),
  probabilities: z.record(z.string(), z.number()),
  fit: z.object({ items: z.number().int(), experts: z.number().int(), weak: z.boolean() }).optional(),
})
export type MacePosterior = z.infer<typeof MacePosterior>

/** Everything a lead needs to decide an item's final score. */
export const AdjudicationItem = z.object({
  itemId: Id,
  instruction: Instruction,
  answer: z.object({ id: Id, model: z.string(), text: z.string() }),
  criterion: Criterion,
  experts: z.array(OtherAnnotation),
  judges: z.array(JudgeScore),
  final: Adjudication.nullable(),
  control: ControlItem.nullable(),
  mace: MacePosterior.nullable(),
})
export type AdjudicationItem = z.infer<typeof AdjudicationItem>

/** A judgment asked for one item on demand; shown beside the experts', not stored. */
export const OnDemandJudgment = z.object({
  itemId: Id,
  /** The judge run whose configuration was used. */
  run: z.string(),
  model: z.string(),
  score: z.number().nullable(),
  probabilities: z.record(z.string(), z.number()).nullable(),
  rationale: z.string().nullable(),
  error: z.string().nullable(),
  latencyMs: z.number(),
})
export type OnDemandJudgment = z.infer<typeof OnDemandJudgment>
