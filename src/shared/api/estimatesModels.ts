import { z } from 'zod'

/**
 * `castor stats --json` → `estimates`: per judge run that stored score probabilities, PPI++ mean scores
 * (analytics/engine/ppi.ts). A mean is a Stat whose `ci` is its 95 % normal interval (always present when defined,
 * bootstrap or not), plus `se`.
 */
// the shape of statsModels' Stat (not imported: statsModels imports this file)
export const MeanEstimate = z.object({
  value: z.number().nullable(),
  reason: z.string().optional(),
  ci: z.tuple([z.number(), z.number()]).optional(),
  se: z.number().optional(),
})
export type MeanEstimate = z.infer<typeof MeanEstimate>

export const EstimateRow = z.object({
  /** Units (items; answers for a model's overall mean) with expert scores. */
  labeled: z.number().int(),
  /** Units with the judge's expected score only. */
  unlabeled: z.number().int(),
  /** Power-tuning weight of the judge (0: ignored). */
  lambda: z.number(),
  ppi: MeanEstimate,
  expertOnly: MeanEstimate,
  /** PPI interval width / expert-only interval width (≤ 1). */
  widthRatio: z.object({ value: z.number().nullable(), reason: z.string().optional() }),
})
export type EstimateRow = z.infer<typeof EstimateRow>

export const RankedModel = z.object({ model: z.string(), rank: z.number().int(), value: z.number(), ci: z.tuple([z.number(), z.number()]) })
export type RankedModel = z.infer<typeof RankedModel>

export const RunEstimates = z.object({
  /** model → its mean over answers (each answer: the mean over its criteria). */
  byModel: z.record(z.string(), EstimateRow),
  /** criterion label (as in byCriterion elsewhere) → model → mean. */
  byCriterion: z.record(z.string(), z.record(z.string(), EstimateRow)),
  /** Models by PPI estimate, highest first (models with a defined estimate). */
  ranking: z.array(RankedModel),
  /** What the expert-scored items are taken to be. */
  sample: z.string(),
  /**
   * uniform: routing off, every expert-scored item taken as a uniform sample; calibration: judge-guided routing,
   * the calibration sample only; weighted: calibration + routed items weighted by 1/π (probabilistic routing).
   */
  design: z.enum(['uniform', 'calibration', 'weighted']).optional(),
})
export type RunEstimates = z.infer<typeof RunEstimates>

/** judge run name → estimates (runs with at least one stored probability distribution). */
export const Estimates = z.record(z.string(), RunEstimates)
export type Estimates = z.infer<typeof Estimates>
