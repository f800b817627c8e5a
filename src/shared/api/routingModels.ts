import { z } from 'zod'
import { Id } from './models'

/**
 * Assignment policies, judge-guided routing and the annotation mode (issue 12, the workbench half).
 * `breadth`: least-assigned answers first (every answer gets its first annotator before any its second);
 * `depth`: an answer reaches k before a new one opens; `random`: least-assigned first in a seeded random order;
 * `judge-guided`: a calibration sample gets k experts, then only the items the judge cannot settle go to experts.
 */
export const AssignmentPolicy = z.enum(['breadth', 'depth', 'random', 'judge-guided'])
export type AssignmentPolicy = z.infer<typeof AssignmentPolicy>

export const AnnotationMode = z.enum(['blind', 'assisted'])
export type AnnotationMode = z.infer<typeof AnnotationMode>

export const RoutingSettings = z.object({
  policy: AssignmentPolicy,
  /** Seeds the random order and the calibration sample. */
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  /** `assisted`: the item screen shows the judge's score, probabilities and rationale before the expert scores. */
  annotationMode: AnnotationMode,
  /** Agreement, the judge comparison and the calibration use blind scores only unless this is true. */
  assistedInStatistics: z.boolean(),
  /** One judge run, or several (a committee: vote shares as probabilities). */
  judgeRunIds: z.array(Id).max(20),
  /** The judge's confidence: the top probability, or 1 − normalised entropy. */
  confidence: z.enum(['top', 'entropy']),
  /** Tolerated disagreement with the expert consensus among accepted items; null: "no worse than one more expert". */
  alpha: z.number().gt(0).lt(1).nullable(),
  delta: z.number().gt(0).lt(1),
  /** Calibration answers; null: the default (the status's calibrationChoice says how it was chosen). */
  calibrationSize: z.number().int().min(1).nullable(),
  /** Thresholds backed by fewer calibration items are skipped. */
  minItems: z.number().int().min(1).max(100_000),
  /** Most experts an escalated item may get. */
  maxExperts: z.number().int().min(1).max(50),
  /** Probabilistic routing: every item goes to an expert with probability ≥ piMin (0: deterministic). */
  piMin: z.number().min(0).max(1),
})
export type RoutingSettings = z.infer<typeof RoutingSettings>

export const CriterionThreshold = z.object({
  criterionId: Id,
  criterion: z.string(),
  /** null: nothing of this criterion is accepted (reason says why). */
  lambda: z.number().nullable(),
  alpha: z.number().nullable(),
  delta: z.number(),
  calibrationItems: z.number().int(),
  /** Share of the criterion's routed (non-calibration) items accepted with the judge's score. */
  acceptedShare: z.number().nullable(),
  /**
   * Why nothing is accepted: `few-items` (fewer calibration items than the minimum), `exceeds` (the most confident
   * tested threshold already exceeds α at δ), `sparse` (no threshold backed by the minimum), `no-ceiling` (α is the
   * expert ceiling and no calibration item has two expert scores). null when λ exists.
   */
  reason: z.enum(['few-items', 'exceeds', 'sparse', 'no-ceiling']).nullable(),
  /** The guarantee module's own words for the reason (English), for logs and tooltips. */
  reasonText: z.string().nullable(),
})
export type CriterionThreshold = z.infer<typeof CriterionThreshold>

/**
 * How the calibration size was chosen. The default: 2 × max(minItems, zeroErrorItems) items per criterion (a
 * threshold accepting half the calibration items is still tested; zeroErrorItems = ⌈ln δ / ln(1 − α)⌉ is what the
 * exact bound needs to get under α with no judge error), divided by the rarest criterion's share of answers, capped at
 * the number of answers.
 */
export const CalibrationChoice = z.object({
  size: z.number().int(),
  answers: z.number().int(),
  setByLead: z.boolean(),
  minItems: z.number().int(),
  zeroErrorItems: z.number().int(),
  /** The α the default assumed (0.1 when α is the expert ceiling, unknown before calibration). */
  alpha: z.number(),
  alphaAssumed: z.boolean(),
  delta: z.number(),
  perCriterion: z.number().int(),
  rarestShare: z.number(),
  capped: z.boolean(),
})
export type CalibrationChoice = z.infer<typeof CalibrationChoice>

export const RoutingStatus = z.object({
  phase: z.enum(['off', 'calibration', 'routed']),
  /** How the calibration size was chosen (the default's reasoning, or that the lead set it). */
  calibrationChoice: CalibrationChoice.nullable(),
  calibration: z.object({ answers: z.number().int(), complete: z.number().int() }),
  items: z.object({ calibration: z.number().int(), pending: z.number().int(), accepted: z.number().int(), escalated: z.number().int() }),
  /** Expert scores: the fixed-k plan (items × k), the ones asked for now, and the ones given. */
  expertScores: z.object({ fixedK: z.number().int(), planned: z.number().int(), given: z.number().int() }),
  thresholds: z.array(CriterionThreshold),
  computedAt: z.string().nullable(),
  /** Assisted submissions and how many kept the judge's most probable score. */
  assisted: z.object({ submitted: z.number().int(), keptJudge: z.number().int() }),
})
export type RoutingStatus = z.infer<typeof RoutingStatus>

export const RoutingState = z.object({ settings: RoutingSettings, status: RoutingStatus })
export type RoutingState = z.infer<typeof RoutingState>

/** Why an item went to experts or was accepted, for Browse and review. */
export const ItemRouting = z.object({
  itemId: Id,
  role: z.enum(['calibration', 'pending', 'accepted', 'escalated']),
  judgeScore: z.number().nullable(),
  confidence: z.number().nullable(),
  lambda: z.number().nullable(),
  alpha: z.number().nullable(),
  delta: z.number().nullable(),
  calibrationSize: z.number().int().nullable(),
  routingProbability: z.number().nullable(),
  expertsNeeded: z.number().int(),
})
export type ItemRouting = z.infer<typeof ItemRouting>

/** What an assisted expert sees beside the rubric: the judge's suggestion per item of their answer. */
export const JudgeSuggestion = z.object({
  itemId: Id,
  score: z.number().nullable(),
  probabilities: z.record(z.string(), z.number()).nullable(),
  rationale: z.string().nullable(),
  run: z.string(),
})
export type JudgeSuggestion = z.infer<typeof JudgeSuggestion>
