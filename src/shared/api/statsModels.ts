// contract: ready
import { z } from 'zod'
import { Estimates } from './estimatesModels'

/**
 * The stats report: the object `castor stats FILE --json` prints and `computeProjectStats` returns
 * (src/main/services/analytics). The keys named in issue 6's CLI contract are here exactly; the rest are extra keys.
 *
 * Conventions
 * - Every coefficient that can be undefined is a `Stat`: `{ value, reason?, ci? }`.
 *   `value` is a plain number, or null when the coefficient is undefined for the data (a constant vector, one
 *   rater, no shared items, …); then `reason` says why in one English sentence. Never NaN, never a stand-in 0.
 *   `ci` is the bootstrap percentile interval [lo, hi] (95 %), present only when the report was computed with
 *   bootstrap resamples and the value is defined (and at least one resample gave a defined value).
 *   Read a figure as `report.agreement.krippendorffAlpha.nominal.value`.
 * - Counts (`items`, `annotations`, `n`) are plain integers.
 * - Scores are the submitted expert scores (the first submitted value when an annotation was revised);
 *   not-applicable scores are excluded. An item counts for agreement when it has ≥ 2 scores.
 * - Group keys (`byCriterion`, `byModel`, `byTask`, `byDifficulty`, `byAnnotator`) are the display names:
 *   criterion name, model name, task path, difficulty, annotator name. Items without a task or difficulty go
 *   under the key "(none)".
 * - Score lists with `labels` carry counts aligned with `labels` (the sorted distinct score values).
 */

/** A coefficient: value or null + reason; ci when bootstrapped. */
export const Stat = z.object({
  value: z.number().nullable(),
  reason: z.string().optional(),
  /** A defined value to read with care (e.g. an ICC outside [−1, 1]). */
  warning: z.string().optional(),
  ci: z.tuple([z.number(), z.number()]).optional(),
})
export type Stat = z.infer<typeof Stat>

export const KrippendorffAlpha = z.object({ nominal: Stat, ordinal: Stat, interval: Stat })
export type KrippendorffAlpha = z.infer<typeof KrippendorffAlpha>

/** Cohen's κ of one annotator pair on the items both scored (weights as sklearn's cohen_kappa_score). */
export const PairKappa = z.object({
  a: z.string(),
  b: z.string(),
  /** Items both annotators scored. */
  n: z.number().int(),
  unweighted: Stat,
  linear: Stat,
  quadratic: Stat,
})
export type PairKappa = z.infer<typeof PairKappa>

/**
 * ICC(2,1) and ICC(2,k): two-way random effects, absolute agreement (Shrout & Fleiss), on the complete case:
 * the annotators who scored in the group × the items every one of them scored. `raters`/`items` say what that
 * matrix was; null + reason when it has < 2 raters or < 5 items (MIN_ICC_ITEMS); a value outside [−1, 1] has a
 * `warning`.
 */
export const Icc = z.object({
  icc21: Stat,
  icc2k: Stat,
  raters: z.number().int(),
  items: z.number().int(),
})
export type Icc = z.infer<typeof Icc>

/** Agreement figures of one set of items (the whole project or one group). */
export const AgreementCore = z.object({
  /** Items with ≥ 2 scores. */
  items: z.number().int(),
  /** Scores on those items. */
  annotations: z.number().int(),
  /** Distinct annotators among those scores. */
  raters: z.number().int(),
  verdictConfidence: Stat,
  percentAgreement: Stat,
  krippendorffAlpha: KrippendorffAlpha,
  /** Null with a reason when items have unequal numbers of scores. */
  fleissKappa: Stat,
  gwetAC1: Stat,
  /** Gwet's AC2 with ordinal weights (irrCAC's ordinal.weights over the observed categories). */
  gwetAC2: Stat,
  icc: Icc,
})
export type AgreementCore = z.infer<typeof AgreementCore>

export const AgreementGroup = AgreementCore.extend({
  /** Cohen's κ per annotator pair (pairs with ≥ 1 shared item), sorted by a then b. */
  pairwise: z.array(PairKappa),
})
export type AgreementGroup = z.infer<typeof AgreementGroup>

export const AgreementStats = AgreementGroup.extend({
  byCriterion: z.record(z.string(), AgreementGroup),
  byModel: z.record(z.string(), AgreementCore),
  byTask: z.record(z.string(), AgreementCore),
  byDifficulty: z.record(z.string(), AgreementCore),
})
export type AgreementStats = z.infer<typeof AgreementStats>

/**
 * A prediction (judge score, or one expert in the ceiling) against a reference (the mean expert score, or the
 * mean of the other experts). accuracy/macroF1 compare the prediction with the reference rounded half up to the
 * nearest allowed score of the item's criterion (macro-F1 as sklearn: labels = union of both sides).
 */
export const CompareMeasures = z.object({
  /** Items (pairs) compared. */
  n: z.number().int(),
  spearman: Stat,
  kendallTauB: Stat,
  pearson: Stat,
  mae: Stat,
  rmse: Stat,
  accuracy: Stat,
  macroF1: Stat,
})
export type CompareMeasures = z.infer<typeof CompareMeasures>

export const ModelMeans = z.object({
  model: z.string(),
  /** Items of this model with both sides. */
  n: z.number().int(),
  /** Mean of the expert means. */
  expertMean: z.number(),
  /** Mean judge score. */
  judgeMean: z.number(),
})
export type ModelMeans = z.infer<typeof ModelMeans>

/** Per model: the mean of the expert means vs the mean judge score, correlated across models. */
export const SystemLevel = z.object({
  spearman: Stat,
  kendallTauB: Stat,
  pearson: Stat,
  /** The model ranking behind it, sorted by expertMean descending (then model name). */
  models: z.array(ModelMeans),
})
export type SystemLevel = z.infer<typeof SystemLevel>

/**
 * Per instruction: each model's mean expert score vs its mean judge score (over the instruction's items, i.e.
 * averaged over criteria at the top level), correlated across models; then the mean of the defined correlations.
 */
export const PerInstruction = z.object({
  spearman: Stat,
  kendallTauB: Stat,
  pearson: Stat,
  /** Instructions with ≥ 2 models having both sides. */
  instructions: z.number().int(),
  /** How many instructions gave a defined value, per coefficient. */
  defined: z.object({ spearman: z.number().int(), kendallTauB: z.number().int(), pearson: z.number().int() }),
})
export type PerInstruction = z.infer<typeof PerInstruction>

/** Rows: reference (expert mean rounded half up to the scale); columns: prediction (judge score). */
export const ConfusionMatrix = z.object({
  labels: z.array(z.number()),
  counts: z.array(z.array(z.number().int())),
})
export type ConfusionMatrix = z.infer<typeof ConfusionMatrix>

/** The scatter of expert mean (x) vs judge score (y), aggregated: one point per distinct pair with its count. */
export const ScatterPoint = z.object({ x: z.number(), y: z.number(), count: z.number().int() })
export type ScatterPoint = z.infer<typeof ScatterPoint>

export const JudgeGroup = CompareMeasures.extend({
  systemLevel: SystemLevel,
  perInstruction: PerInstruction,
  confusion: ConfusionMatrix,
  scatter: z.array(ScatterPoint),
})
export type JudgeGroup = z.infer<typeof JudgeGroup>

export const ReliabilityBin = z.object({
  lo: z.number(),
  hi: z.number(),
  n: z.number().int(),
  /** Mean confidence (max stored probability) in the bin; null when empty. */
  confidence: z.number().nullable(),
  /** Share of the bin whose most probable score equals the rounded expert mean; null when empty. */
  accuracy: z.number().nullable(),
})
export type ReliabilityBin = z.infer<typeof ReliabilityBin>

/** Expected calibration error over 10 equal-width confidence bins, on judgments with stored score probabilities. */
export const Calibration = z.object({
  n: z.number().int(),
  ece: Stat,
  bins: z.array(ReliabilityBin),
})
export type Calibration = z.infer<typeof Calibration>

/**
 * A judge's measures on one answer model, as the POLLUX judges' model cards report them: the compare measures plus
 * verdict confidence with the judge as one more voter (per item, the largest share of one score among the experts'
 * scores and the judge's; averaged over items).
 */
export const JudgeMeasures = CompareMeasures.extend({ verdictConfidence: Stat })
export type JudgeMeasures = z.infer<typeof JudgeMeasures>

/** The model cards' "Avg." row: each measure averaged over answer models (models where it is defined), not pooled. */
export const AverageOverModels = JudgeMeasures.omit({ n: true }).extend({
  /** Answer models averaged over. */
  models: z.number().int(),
})
export type AverageOverModels = z.infer<typeof AverageOverModels>

export const JudgeStats = JudgeGroup.extend({
  /** judge_runs.model */
  model: z.string(),
  /** Verdict confidence with the judge as one more voter, over all its items with expert scores. */
  verdictConfidence: Stat,
  byModel: z.record(z.string(), JudgeMeasures),
  averageOverModels: AverageOverModels,
  byCriterion: z.record(z.string(), JudgeGroup),
  byTask: z.record(z.string(), CompareMeasures),
  byDifficulty: z.record(z.string(), CompareMeasures),
  calibration: Calibration,
})
export type JudgeStats = z.infer<typeof JudgeStats>

/**
 * The human ceiling, leave-one-annotator-out: each expert's score against the mean of the other experts on the
 * same item (items with ≥ 2 scores), with the judge measures. `pooled` takes every (expert, item) pair together.
 */
export const Ceiling = z.object({
  pooled: CompareMeasures,
  byAnnotator: z.record(z.string(), CompareMeasures),
  byCriterion: z.record(z.string(), CompareMeasures),
})
export type Ceiling = z.infer<typeof Ceiling>

export const TimeStats = z.object({
  /** Submitted scores with a recorded time. */
  n: z.number().int(),
  meanMs: z.number().nullable(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
})
export type TimeStats = z.infer<typeof TimeStats>

export const TimeReport = TimeStats.extend({
  byAnnotator: z.record(z.string(), TimeStats),
  byCriterion: z.record(z.string(), TimeStats),
  /** Histogram of time per item: bin i counts times in [edgesMs[i], edgesMs[i+1]); the last bin is open-ended. */
  histogram: z.object({ edgesMs: z.array(z.number()), counts: z.array(z.number().int()) }),
})
export type TimeReport = z.infer<typeof TimeReport>

export const AnnotatorSummary = z.object({
  role: z.string(),
  /** Submitted, applicable scores. */
  annotations: z.number().int(),
  notApplicable: z.number().int(),
  meanScore: z.number().nullable(),
})
export type AnnotatorSummary = z.infer<typeof AnnotatorSummary>

/** Score distributions: counts aligned with `labels` (all distinct scores seen, experts and judges). */
export const Distributions = z.object({
  labels: z.array(z.number()),
  experts: z.record(z.string(), z.array(z.number().int())),
  /** judge run name → model → counts */
  judges: z.record(z.string(), z.record(z.string(), z.array(z.number().int()))),
})
export type Distributions = z.infer<typeof Distributions>

export const ItemRef = z.object({
  itemId: z.number().int(),
  /** instructions.external_id */
  instruction: z.string(),
  model: z.string(),
  criterion: z.string(),
})
export type ItemRef = z.infer<typeof ItemRef>

/** Items where experts differ most: spread = max − min of the scores (then standard deviation, then item id). */
export const ExpertDisagreement = ItemRef.extend({
  scores: z.array(z.number()),
  annotators: z.array(z.string()),
  spread: z.number(),
})
export type ExpertDisagreement = z.infer<typeof ExpertDisagreement>

/** Items where the judge differs most from the expert mean: diff = |judge − expertMean|. */
export const JudgeDisagreement = ItemRef.extend({
  expertMean: z.number(),
  judge: z.number(),
  diff: z.number(),
})
export type JudgeDisagreement = z.infer<typeof JudgeDisagreement>

export const Disagreements = z.object({
  experts: z.array(ExpertDisagreement),
  judges: z.record(z.string(), z.array(JudgeDisagreement)),
})
export type Disagreements = z.infer<typeof Disagreements>

export const StatsOptions = z.object({
  /** Bootstrap resamples over items (0 = none; the CLI's default is 1,000 only when --bootstrap is given). */
  bootstrap: z.number().int().min(0).max(100_000).default(0),
  seed: z.number().int().default(1),
  /** Length of each disagreement list. */
  top: z.number().int().min(0).max(10_000).default(100),
  /** Which value a revised annotation counts with; default: the project's workbench setting (else 'first'). */
  source: z.enum(['first', 'latest']).optional(),
})
export type StatsOptions = z.input<typeof StatsOptions>

export const StatsReport = z.object({
  agreement: AgreementStats,
  /** judge run name → figures (runs with ≥ 1 successful judgment). */
  judges: z.record(z.string(), JudgeStats),
  ceiling: Ceiling,
  annotators: z.record(z.string(), AnnotatorSummary),
  time: TimeReport,
  distributions: Distributions,
  disagreements: Disagreements,
  /** PPI++ mean scores per judge run with probabilities (estimatesModels.ts). */
  estimates: Estimates,
  /** What the report was computed with. */
  options: z.object({ bootstrap: z.number().int(), seed: z.number().int(), confidenceLevel: z.number(), top: z.number().int() }),
})
export type StatsReport = z.infer<typeof StatsReport>
