import { z } from 'zod'

/** `castor simulate --json` and the `simulate` operation's result (services/routing/simulation). */

export const SimulationPolicy = z.enum(['judge-guided', 'breadth', 'depth', 'random'])
export type SimulationPolicy = z.infer<typeof SimulationPolicy>

export const SimulationSettings = z.object({
  policy: SimulationPolicy,
  /** Judge run name (its stored probabilities; with a committee, one more vote). */
  judge: z.string().min(1),
  /** Further runs whose scores vote with the judge's (vote shares as probabilities). */
  committee: z.array(z.string().min(1)).default([]),
  alpha: z.union([z.number().gt(0).lt(1), z.literal('ceiling')]),
  delta: z.number().gt(0).lt(1),
  /** Calibration answers; default: see defaultCalibration (reported in `calibration.chosenBy`). */
  calibration: z.number().int().min(0).optional(),
  /** Most experts per escalated item; default the project's k. */
  maxExperts: z.number().int().min(1).optional(),
  minItems: z.number().int().min(1).default(50),
  /** Expert scores the non-guided policies may spend; default all. */
  budget: z.number().int().min(0).optional(),
  confidence: z.enum(['top', 'entropy']).default('top'),
  /** Probabilistic routing: items above λ still reach an expert with this probability (weighted estimates). */
  piMin: z.number().gt(0).lt(1).optional(),
  repeats: z.number().int().min(1).max(100_000),
  seed: z.number().int(),
})
export type SimulationSettings = z.input<typeof SimulationSettings>

const Nullable = z.number().nullable()

export const SimulationExpertScores = z.object({
  /** Expert scores today's policy spends: every item × the project's k. */
  fixedK: z.number(),
  /** Mean over repeats of the expert scores this policy asked for. */
  used: z.number(),
  savedShare: z.number(),
})

export const SimulationItemLevel = z.object({
  /** Share of items accepted with the judge's score (mean over repeats). */
  acceptedShare: z.number(),
  /** Disagreement of accepted items with the full-panel consensus, per repeat: mean and max (null: none accepted). */
  disagreementOnAccepted: z.object({ mean: Nullable, max: Nullable }),
  /** Share of repeats (overall: of repeat × criterion pairs) whose disagreement on accepted items exceeded α. */
  violationRate: z.number(),
  /**
   * The same against the project's own rate among all its items with confidence ≥ λ (the risk the guarantee bounds,
   * with the project as the population); violationRate adds the scatter of the realized rate around it.
   */
  populationViolationRate: z.number(),
  /** α (with `ceiling`, the mean of the α each repeat computed). */
  alpha: Nullable,
  delta: z.number(),
  /** Median λ over repeats (null: no threshold qualified in most repeats); per criterion only. */
  lambda: Nullable.optional(),
})

export const SimulationEstimates = z.object({
  /** Share of intervals (over repeats) that cover the full-panel mean. */
  coverage: Nullable,
  /** Median PPI / expert-only interval width. */
  ciWidthRatio: Nullable,
  /** Mean over repeats of Kendall's τ-b between the estimated and the full-panel model means. */
  rankingKendallTau: Nullable,
})

export const SimulationGroup = z.object({ expertScores: SimulationExpertScores, itemLevel: SimulationItemLevel, estimates: SimulationEstimates })

export const SimulationReport = SimulationGroup.extend({
  policy: SimulationPolicy,
  judge: z.string(),
  committee: z.array(z.string()),
  alphaMode: z.enum(['absolute', 'ceiling']),
  repeats: z.number().int(),
  seed: z.number().int(),
  calibration: z.object({ answers: z.number().int(), chosenBy: z.string() }),
  maxExperts: z.number().int(),
  minItems: z.number().int(),
  piMin: z.number().nullable(),
  /** Items, answers, models and the project's k. */
  data: z.object({ items: z.number().int(), answers: z.number().int(), models: z.number().int(), k: z.number().int() }),
  /** Criterion label (as in `castor stats`) → the same figures. */
  byCriterion: z.record(z.string(), SimulationGroup),
})
export type SimulationReport = z.infer<typeof SimulationReport>
