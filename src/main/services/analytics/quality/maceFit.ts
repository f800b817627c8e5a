import type { StatsInput } from '../engine'
import { mace, MACE_DEFAULTS } from '../engine/mace'
import { categorize, scoreTable } from '../engine/table'

/** Fewer items with two or more expert scores than this leave MACE's competences undefined (they swing to 0 or 1). */
export const MIN_MACE_ITEMS = 10

const TWO_EXPERTS =
  'two experts only: where they disagree MACE cannot tell who is right except by their guessing patterns; read with care'

/** MACE over a project's expert scores: competences (overall and per criterion) and each item's posterior label. */
export interface MaceFit {
  /** θ per annotator (NaN: no observation in the fit). */
  competence: Float64Array
  /** θ per annotator × criterion (a fit per criterion). */
  competenceByCriterion: Float64Array
  /** Observations behind each θ. */
  observations: Int32Array
  observationsByCriterion: Int32Array
  /** Why the competences are undefined (too few items, or a single level among the scores); null when defined. */
  competenceReason: string | null
  competenceReasonByCriterion: (string | null)[]
  /** Set when the competences are defined but rest on two experts only (read with care). */
  competenceWarning: string | null
  /** Items and experts in the pooled fit. */
  fitItems: number
  fitExperts: number
  /** Posterior label per item (its one score when only one expert scored it; NaN without scores). */
  label: Float64Array
  /** Posterior probability of that label (1 for an item with one score). */
  labelProbability: Float64Array
  /** The score values the labels code (sorted). */
  categories: Float64Array
  /** The pooled fit's posterior per item × category (NaN for items outside the fit). */
  posterior: Float64Array
  restarts: number
}

/**
 * The pooled fit (every item with ≥ 2 expert scores; each item's labels limited to its criterion's allowed scores)
 * gives the overall competences and the posterior labels; one fit per criterion gives the per-criterion competences.
 * Items with a single score stay out of the fits (they say nothing about who is right) and keep that score as label.
 */
export function fitMace(input: StatsInput, options: { restarts?: number; seed?: number; perCriterion?: boolean } = {}): MaceFit {
  const restarts = options.restarts ?? MACE_DEFAULTS.restarts
  const seed = options.seed ?? MACE_DEFAULTS.seed
  const A = input.annotatorNames.length
  const C = input.criterionNames.length
  const { scores, itemCount } = input
  const table = scoreTable(itemCount, A, scores.item, scores.rater, scores.value, scores.length)
  const { categories, code } = categorize(table)
  const K = categories.length
  const label = new Float64Array(itemCount).fill(Number.NaN)
  const labelProbability = new Float64Array(itemCount).fill(Number.NaN)
  // allowed labels of each criterion among the categories
  const allowedOf = input.criterionLevels.map((levels) => Uint8Array.from(categories, (v) => (!levels || levels.includes(v) ? 1 : 0)))
  const fit = (criterion: number) => {
    const fitItems: number[] = []
    for (let i = 0; i < itemCount; i++) {
      const m = table.offsets[i + 1] - table.offsets[i]
      if (m === 1 && criterion < 0) {
        label[i] = table.value[table.offsets[i]]
        labelProbability[i] = 1
      }
      if (m >= 2 && (criterion < 0 || input.itemCriterion[i] === criterion)) fitItems.push(i)
    }
    const item: number[] = []
    const annotator: number[] = []
    const labels: number[] = []
    const allowed = new Uint8Array(fitItems.length * K)
    fitItems.forEach((i, f) => {
      allowed.set(allowedOf[input.itemCriterion[i]], f * K)
      for (let r = table.offsets[i]; r < table.offsets[i + 1]; r++) {
        item.push(f)
        annotator.push(table.rater[r])
        labels.push(code[r])
        // a score outside the criterion's levels (imported data) is still a label the item can take
        allowed[f * K + code[r]] = 1
      }
    })
    const result = mace(
      { items: fitItems.length, annotators: A, labels: K, item: Int32Array.from(item), annotator: Int32Array.from(annotator), label: Int32Array.from(labels), length: item.length, allowed },
      { restarts, seed },
    )
    const observations = new Int32Array(A)
    for (const a of annotator) observations[a]++
    return { fitItems, result, observations, reason: competenceReason(fitItems.length, labels) }
  }
  const pooled = fit(-1)
  const posterior = new Float64Array(itemCount * K).fill(Number.NaN)
  pooled.fitItems.forEach((i, f) => {
    posterior.set(pooled.result.posterior.subarray(f * K, f * K + K), i * K)
    const k = pooled.result.label[f]
    label[i] = categories[k]
    labelProbability[i] = pooled.result.posterior[f * K + k]
  })
  const competenceByCriterion = new Float64Array(A * C).fill(Number.NaN)
  const observationsByCriterion = new Int32Array(A * C)
  const competenceReasonByCriterion: (string | null)[] = new Array<string | null>(C).fill(null)
  for (let c = 0; c < (options.perCriterion === false ? 0 : C); c++) {
    const { result, observations, reason } = fit(c)
    competenceReasonByCriterion[c] = reason
    for (let a = 0; a < A; a++) {
      competenceByCriterion[a * C + c] = result.competence[a]
      observationsByCriterion[a * C + c] = observations[a]
    }
  }
  return {
    competence: pooled.result.competence,
    competenceByCriterion,
    observations: pooled.observations,
    observationsByCriterion,
    competenceReason: pooled.reason,
    competenceReasonByCriterion,
    competenceWarning: pooled.observations.filter((n) => n > 0).length < 3 ? TWO_EXPERTS : null,
    fitItems: pooled.fitItems.length,
    fitExperts: pooled.observations.filter((n) => n > 0).length,
    label, labelProbability, categories, posterior, restarts }
}

/**
 * MACE tells knowing from guessing only through disagreement across enough items: on a handful of items, or when
 * every score is the same level (a guess concentrated on that level explains the data as well), EM lands anywhere
 * between 0 and 1 (the demo's 3-item criteria gave 0.01 beside 0.99 for the same agreement).
 */
function competenceReason(items: number, labels: number[]): string | null {
  if (items < MIN_MACE_ITEMS) return `fewer than ${MIN_MACE_ITEMS} items with two or more expert scores`
  if (labels.every((label) => label === labels[0])) return 'every expert score is the same level: knowing and guessing cannot be told apart'
  return null
}
