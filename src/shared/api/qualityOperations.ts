import { z } from 'zod'
import { operation } from './operation'
import { CompareMeasures, Stat } from './statsModels'

/** A per-annotator figure: a Stat (value or null with a reason, 95 % bootstrap `ci` where bootstrapped) and the n behind it. */
export const QualityFigure = Stat.extend({ n: z.number().int() })
export type QualityFigure = z.infer<typeof QualityFigure>

/** The figures of one annotator over a set of items (all, or one criterion). */
export const QualityFigures = z.object({
  /** Submitted annotations (N/A included). */
  n: z.number().int(),
  /** Share of scores equal to the leave-one-out consensus: the mean of the other experts rounded half up. */
  agreementWithConsensus: QualityFigure,
  spearmanVsOthers: QualityFigure,
  maeVsOthers: QualityFigure,
  /** MACE's θ: the probability that the annotator knows the answer rather than guesses. */
  maceCompetence: QualityFigure,
  medianActiveSeconds: QualityFigure,
  /** Share of timed scores under the rushed threshold. */
  rushedShare: QualityFigure,
  naShare: QualityFigure,
  /** Share of submitted annotations changed after submission. */
  revisionRate: QualityFigure,
  /** Share of answers (≥ 2 criteria scored) where every criterion got the same level. */
  straightLiningShare: QualityFigure,
  controlAccuracy: QualityFigure,
  /** Quadratic-weighted Cohen's κ against each peer with shared items. */
  kappaWithPeers: z.record(z.string(), QualityFigure),
  /** Share of shared items where the annotator's score equals the run's. */
  agreementWithJudges: z.record(z.string(), QualityFigure),
})
export type QualityFigures = z.infer<typeof QualityFigures>

export const AnnotatorQuality = QualityFigures.extend({
  role: z.string(),
  /** Keys are the criterion labels of `castor stats` (criterionLabels). */
  byCriterion: z.record(z.string(), QualityFigures),
})
export type AnnotatorQuality = z.infer<typeof AnnotatorQuality>

export const QualityOptions = z
  .object({
    /** A score made faster than this counts as rushed. */
    rushedSeconds: z.number().min(0).max(3600).default(3),
    /** Bootstrap resamples for the intervals (0: none). */
    bootstrap: z.number().int().min(0).max(10_000).default(0),
    seed: z.number().int().min(0).default(1),
    maceRestarts: z.number().int().min(1).max(100).default(10),
  })
  .strict()
export type QualityOptions = z.infer<typeof QualityOptions>

export const QualityReport = z.object({
  annotators: z.record(z.string(), AnnotatorQuality),
  criteria: z.array(z.object({ id: z.number().int(), label: z.string() })),
  runs: z.array(z.string()),
  /**
   * Each judge run against MACE's posterior label (the alternative consensus Analytics offers beside the rounded
   * expert mean): reference and rounded reference are the label.
   */
  judgesVsMace: z.record(z.string(), CompareMeasures.extend({ byCriterion: z.record(z.string(), CompareMeasures) })),
  options: z.object({ rushedSeconds: z.number(), bootstrap: z.number().int(), seed: z.number().int(), maceRestarts: z.number().int() }),
})
export type QualityReport = z.infer<typeof QualityReport>

/** Which of an annotator's items a figure stands on (the click-through). */
export const QualityItemsFigure = z.enum(['scores', 'consensus', 'disagreeWithConsensus', 'rushed', 'notApplicable', 'revised', 'straightLined', 'judge', 'peer', 'controls'])
export type QualityItemsFigure = z.infer<typeof QualityItemsFigure>

export const QualityItem = z.object({
  itemId: z.number().int(),
  instruction: z.string(),
  model: z.string(),
  criterion: z.string(),
  /** The annotator's score (null: N/A). */
  score: z.number().nullable(),
  /** The mean of the other experts' scores (null without any). */
  othersMean: z.number().nullable(),
  /** That mean rounded half up to the criterion's nearest allowed score. */
  consensus: z.number().nullable(),
  activeSeconds: z.number().nullable(),
  revised: z.boolean(),
})
export type QualityItem = z.infer<typeof QualityItem>

/** The quality domain's operations; merged into `operations` (operations.ts). Leads and owners only. */
export const qualityOperations = {
  /** Per-annotator quality (overall and per criterion); computed in the analytics worker, cached per data version. */
  'quality-compute': operation(QualityOptions, QualityReport, 'lead'),
  /** The annotator's items behind one figure (optionally one criterion; `other` names the run or the peer). */
  'quality-items': operation(
    z
      .object({
        annotator: z.string().max(1000),
        figure: QualityItemsFigure,
        criterionId: z.number().int().optional(),
        other: z.string().max(1000).optional(),
        rushedSeconds: z.number().min(0).max(3600).default(3),
        limit: z.number().int().min(1).max(50_000).default(2000),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(QualityItem) }),
    'lead',
  ),
} as const
