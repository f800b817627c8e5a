import { z } from 'zod'
import { operation } from './operation'
import { StatsReport } from './statsModels'

/** Restricts the dashboard's descriptive data and item lists to one criterion (by id: names may repeat). */
export const StatsFilters = z
  .object({
    criterionId: z.number().int().optional(),
  })
  .strict()
export type StatsFilters = z.infer<typeof StatsFilters>

/**
 * A chart cell whose items the dashboard lists (click-through). Every kind names the same item set the chart
 * counted, so a list's length equals the cell's count.
 */
export const ChartCell = z.discriminatedUnion('kind', [
  /** Items of a criterion with ≥ 2 expert scores (agreement per criterion). */
  z.object({ kind: z.literal('criterion'), criterionId: z.number().int() }).strict(),
  /** Items both annotators scored (κ matrix cell), largest difference first. */
  z.object({ kind: z.literal('pair'), a: z.string(), b: z.string() }).strict(),
  /** Items whose expert mean rounds (half up, to the nearest allowed score) to `expert` and the run scored `judge`. */
  z.object({ kind: z.literal('confusion'), run: z.string(), expert: z.number(), judge: z.number() }).strict(),
  /** Items of a model with expert scores (or, with `run`, with that run's scores). */
  z.object({ kind: z.literal('model'), model: z.string(), run: z.string().optional() }).strict(),
  /** Items of a model where some expert gave `score`. */
  z.object({ kind: z.literal('score'), model: z.string(), score: z.number() }).strict(),
  /** Items with an expert annotation whose time spent lies in [fromMs, toMs). */
  z.object({ kind: z.literal('time'), fromMs: z.number(), toMs: z.number() }).strict(),
  /** The disagreement browser: experts' spread (max − min) without `run`; |judge − expert mean| with it. */
  z.object({ kind: z.literal('disagreement'), run: z.string().optional() }).strict(),
])
export type ChartCell = z.infer<typeof ChartCell>

export const CellItem = z.object({
  itemId: z.number().int(),
  instruction: z.string(),
  model: z.string(),
  criterion: z.string(),
  experts: z.array(z.object({ annotator: z.string(), score: z.number() })),
  /** The run's score (cells and browsers that name a run), else null. */
  judge: z.number().nullable(),
  /** How far apart the scores are: experts' max − min, or |judge − expert mean| when a run is named. */
  gap: z.number().nullable(),
})
export type CellItem = z.infer<typeof CellItem>

const Reason = z.string().nullable()

/** Descriptive data of the dashboard that the statistics report does not carry (counts, means, times). */
export const DashboardData = z.object({
  /** Criteria with items: id and label (criterionLabels; the report's byCriterion keys), sorted by label. */
  criteria: z.array(z.object({ id: z.number().int(), label: z.string() })),
  models: z.array(z.string()),
  runs: z.array(z.string()),
  annotators: z.array(z.string()),
  /** Expert scores per model and score value (not-applicable excluded). */
  scoreDistribution: z.object({
    scores: z.array(z.number()),
    rows: z.array(z.object({ model: z.string(), counts: z.array(z.number().int()) })),
    reason: Reason,
  }),
  /** Per model: the mean of its items' expert means, and each run's mean score (null with a reason when none). */
  ranking: z.array(
    z.object({
      model: z.string(),
      experts: z.number().nullable(),
      judges: z.record(z.string(), z.number().nullable()),
    }),
  ),
  /** Annotation time per item (submitted expert annotations with a recorded time). */
  time: z.object({
    buckets: z.array(z.object({ fromMs: z.number(), toMs: z.number(), count: z.number().int() })),
    n: z.number().int(),
    medianMs: z.number().nullable(),
    reason: Reason,
  }),
})
export type DashboardData = z.infer<typeof DashboardData>

/**
 * Judge vs expert mean per item of one run, as parallel arrays; at most SCATTER_MAX_POINTS of `total` (an even
 * stride through the items when there are more).
 */
export const ScatterPoints = z.object({
  itemIds: z.array(z.number().int()),
  expert: z.array(z.number()),
  judge: z.array(z.number()),
  total: z.number().int(),
})
export const SCATTER_MAX_POINTS = 100_000
export type ScatterPoints = z.infer<typeof ScatterPoints>

/** The stats domain's operations; merged into `operations` (operations.ts). Leads and owners only. */
export const statsOperations = {
  /** The statistics report (engine) and the dashboard's descriptive data; cached per project data version. */
  'stats-compute': operation(
    z
      .object({
        bootstrap: z.number().int().min(0).max(10_000).optional(),
        filters: StatsFilters.default({}),
      })
      .strict(),
    z.object({ report: StatsReport, dashboard: DashboardData, dataVersion: z.string() }),
    'lead',
  ),
  /** The items behind a chart cell (click-through) or the disagreement browser, most different first. */
  'stats-items': operation(
    z
      .object({ cell: ChartCell, filters: StatsFilters.default({}), limit: z.number().int().min(1).max(50_000).default(5000) })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(CellItem) }),
    'lead',
  ),
  /** Judge score vs expert mean of every item a run and the experts share (the scatter). */
  'stats-points': operation(
    z.object({ run: z.string().max(1000), filters: StatsFilters.default({}) }).strict(),
    ScatterPoints,
    'lead',
  ),
} as const
