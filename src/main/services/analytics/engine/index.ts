/**
 * The statistics engine: pure TypeScript on typed arrays, no I/O (it also runs in worker threads).
 * analytics/load reads a project and analytics/index.ts calls computeStats; tests call the coefficient functions directly.
 */
export { buildPatterns, buildRaterPatterns, groupRaterWeights, groupWeights, patternFigures, raterFiguresFromWeights, type Patterns, type PatternFigures, type RaterPatterns } from './agreement'
export { intervals, percentile, runResamples, slotsPerResample, type BootstrapJob, type Family } from './bootstrap'
export { calibration } from './calibration'
export { buildTriples, compareMeasures, confusion, roundHalfUp, scatter, smallCorrelations, systemAndInstructionByGroup, type Triples } from './compare'
export { kendallTauB, kendallTauBWeighted, maeWeighted, pearson, pearsonWeighted, points, rmseWeighted, spearman, spearmanWeighted, type WeightedPoints } from './correlation'
export { cohenKappa, cohenKappaFromTable } from './kappa'
export { applyIntervals, computeStats, ROUTING_ROLE, type EngineResult, type JudgeInput, type RoutingInput, type StatsInput } from './computeStats'
export { nullStat, statOf } from './stat'
export { categorize, scoreTable, tableFromMatrix, type ScoreTable } from './table'

import { buildPatterns, buildRaterPatterns, groupRaterWeights, patternFigures, raterFiguresFromWeights } from './agreement'
import { categorize, type ScoreTable } from './table'
import type { AgreementGroup } from '@shared/api/statsModels'

/** All agreement figures of one table (every item in one group), e.g. a units × raters matrix. */
export function agreementOf(table: ScoreTable, raterNames?: string[]): AgreementGroup {
  const { categories, code } = categorize(table)
  const patterns = buildPatterns(table, code, categories)
  const all = new Int32Array(table.itemCount)
  const names = raterNames ?? Array.from({ length: table.raterCount }, (_, r) => `r${r}`)
  const rp = buildRaterPatterns(table, code, patterns)
  const weights = groupRaterWeights(patterns, rp, all, 1)
  const raters = raterFiguresFromWeights(rp, weights.rater, 1, categories, table.raterCount, true, names)
  return { ...patternFigures(patterns, weights.multiset), raters: raters.raters[0], icc: raters.icc[0], pairwise: raters.pairs[0] }
}
