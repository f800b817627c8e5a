import type { AgreementCore, CompareMeasures, JudgeMeasures, Stat, StatsReport } from './statsModels'

/**
 * The one table of measures: the engine's bootstrap, its intervals, the dashboard, the HTML report and the CLI all
 * read these lists. `key` is also the i18n key (analytics.figures.<key> / analytics.judges.<key>); `label` is the
 * English name (report, CLI); `short` the CLI's column header.
 */
export interface Measure<G> {
  key: string
  label: string
  short: string
  pick(group: G): Stat
  /** Recomputed per bootstrap resample (so it can carry an interval). */
  bootstrap: boolean
}

const measure = <G, K extends string>(key: K, label: string, short: string, pick: (group: G) => Stat, bootstrap = true) => ({ key, label, short, pick, bootstrap })

/** Agreement among the experts, read from an AgreementCore (ICC is on the complete case and is not bootstrapped). */
export const AGREEMENT_MEASURES = [
  measure('verdictConfidence', 'Verdict confidence', 'verdict conf.', (g: AgreementCore) => g.verdictConfidence),
  measure('percentAgreement', 'Percent agreement', '% agree', (g: AgreementCore) => g.percentAgreement),
  measure('alphaNominal', 'α nominal', 'α nominal', (g: AgreementCore) => g.krippendorffAlpha.nominal),
  measure('alphaOrdinal', 'α ordinal', 'α ordinal', (g: AgreementCore) => g.krippendorffAlpha.ordinal),
  measure('alphaInterval', 'α interval', 'α interval', (g: AgreementCore) => g.krippendorffAlpha.interval),
  measure('fleissKappa', "Fleiss' κ", 'Fleiss κ', (g: AgreementCore) => g.fleissKappa),
  measure('gwetAC1', 'AC1', 'AC1', (g: AgreementCore) => g.gwetAC1),
  measure('gwetAC2', 'AC2 (ordinal)', 'AC2', (g: AgreementCore) => g.gwetAC2),
  measure('icc21', 'ICC(2,1)', 'ICC(2,1)', (g: AgreementCore) => g.icc.icc21, false),
  measure('icc2k', 'ICC(2,k)', 'ICC(2,k)', (g: AgreementCore) => g.icc.icc2k, false),
] as const satisfies readonly Measure<AgreementCore>[]
export type AgreementMeasure = (typeof AGREEMENT_MEASURES)[number]['key']

/** A prediction (judge, or one expert in the ceiling) against the expert mean, read from CompareMeasures. */
export const COMPARE_MEASURES = [
  measure('spearman', 'Spearman', 'Spearman', (g: CompareMeasures) => g.spearman),
  measure('kendallTauB', "Kendall's τ-b", 'Kendall τ-b', (g: CompareMeasures) => g.kendallTauB),
  measure('pearson', 'Pearson', 'Pearson', (g: CompareMeasures) => g.pearson),
  measure('mae', 'MAE', 'MAE', (g: CompareMeasures) => g.mae),
  measure('rmse', 'RMSE', 'RMSE', (g: CompareMeasures) => g.rmse),
  measure('accuracy', 'Accuracy', 'accuracy', (g: CompareMeasures) => g.accuracy),
  measure('macroF1', 'Macro-F1', 'macro-F1', (g: CompareMeasures) => g.macroF1),
] as const satisfies readonly Measure<CompareMeasures>[]
export type CompareMeasure = (typeof COMPARE_MEASURES)[number]['key']

/** The agreement measures a bootstrap resample recomputes, in slot order. */
export const BOOTSTRAPPED_AGREEMENT = AGREEMENT_MEASURES.filter((m) => m.bootstrap)
/** The compare measures a bootstrap resample recomputes, in slot order. */
export const BOOTSTRAPPED_COMPARE = COMPARE_MEASURES.filter((m) => m.bootstrap)

/**
 * A judge per answer model, as the POLLUX judges' model cards tabulate it (rows: answer models and "Avg."; columns:
 * judges): the compare measures and verdict confidence with the judge as one more voter.
 */
export const JUDGE_MODEL_MEASURES = [
  ...COMPARE_MEASURES,
  measure('verdictConfidence', 'Verdict confidence (judge as one more voter)', 'verdict conf.', (g: JudgeMeasures) => g.verdictConfidence, false),
] as const satisfies readonly Measure<JudgeMeasures>[]
export type JudgeModelMeasure = (typeof JUDGE_MODEL_MEASURES)[number]['key']

/** The measures the POLLUX judges' model cards tabulate per answer model (the report's tables, in this order). */
export const CARD_MEASURES: readonly JudgeModelMeasure[] = ['spearman', 'mae', 'rmse', 'macroF1', 'verdictConfidence']

/** One measure of every judge per answer model, and the "Avg." row (mean over answer models), for one table. */
export interface JudgesByModel {
  judges: string[]
  rows: { model: string; cells: (Stat | null)[] }[]
  average: Stat[]
}

export function judgesByModel(report: StatsReport, key: JudgeModelMeasure): JudgesByModel {
  const measure = JUDGE_MODEL_MEASURES.find((m) => m.key === key)!
  const judges = Object.keys(report.judges)
  const models = [...new Set(judges.flatMap((judge) => Object.keys(report.judges[judge].byModel)))].sort()
  return {
    judges,
    rows: models.map((model) => ({ model, cells: judges.map((judge) => (report.judges[judge].byModel[model] ? measure.pick(report.judges[judge].byModel[model]) : null)) })),
    // the Avg. row has every measure but no item count (it is not pooled); pick reads only the measure
    average: judges.map((judge) => measure.pick({ n: 0, ...report.judges[judge].averageOverModels })),
  }
}
