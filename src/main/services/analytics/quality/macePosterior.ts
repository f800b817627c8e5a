import type { MacePosterior } from '@shared/api/controlModels'
import type { StatsInput } from '../engine'
import { fitMace, type MaceFit } from './maceFit'

/** Posterior probabilities below this are left out of an item's list (they read as 0.00 anyway). */
const SHOWN_PROBABILITY = 0.005

/** The pooled MACE fit of a project read with the item index of each item id. */
export interface PooledMace {
  fit: MaceFit
  indexOf: Map<number, number>
}

/**
 * The last pooled fit, kept while the expert scores stay the same: a data version also moves with writes MACE does
 * not read (a final score saved in the adjudication panel), and a refit at 100k items costs seconds, a fingerprint
 * of the scores one pass. One entry: one open project per host (and per dashboard worker).
 */
let cached: { key: string; pooled: PooledMace } | null = null

/** The pooled fit (default restarts and seed: the exports' `mace_label` and `castor quality` agree with it). */
export function pooledMace(input: StatsInput): PooledMace {
  const key = scoresFingerprint(input)
  if (cached?.key === key) return cached.pooled
  const fit = fitMace(input, { perCriterion: false })
  const indexOf = new Map<number, number>()
  input.itemId.forEach((id, i) => indexOf.set(id, i))
  cached = { key, pooled: { fit, indexOf } }
  return cached.pooled
}

/**
 * MACE's posterior for one item id: the label and the probability of each score; null for an item without expert
 * scores in the analytics read (none submitted, only N/A, or a control item, which agreement never sees).
 */
export function macePosteriorOf(pooled: PooledMace, itemId: number): MacePosterior | null {
  const i = pooled.indexOf.get(itemId)
  if (i === undefined) return null
  const { fit } = pooled
  const label = fit.label[i]
  if (Number.isNaN(label)) return null
  const K = fit.categories.length
  const probabilities: Record<string, number> = {}
  if (Number.isNaN(fit.posterior[i * K])) probabilities[String(label)] = 1 // one score: outside the fit, its own label
  else
    for (let k = 0; k < K; k++) {
      const p = fit.posterior[i * K + k]
      if (p >= SHOWN_PROBABILITY) probabilities[String(fit.categories[k])] = p
    }
  const weak = fit.competenceReason !== null || fit.competenceWarning !== null
  return { label, probabilities, fit: { items: fit.fitItems, experts: fit.fitExperts, weak } }
}

/** FNV-1a over what the fit reads: item ids, criteria and levels, and every (item, rater, value) score. */
function scoresFingerprint(input: StatsInput): string {
  let h = 0x811c9dc5
  const mix = (x: number) => {
    h = Math.imul(h ^ (x | 0), 0x01000193)
    h = Math.imul(h ^ ((x * 4096) | 0), 0x01000193) // half and quarter scores
  }
  const { scores } = input
  mix(input.itemCount)
  mix(input.annotatorNames.length)
  for (let i = 0; i < input.itemCount; i++) {
    mix(input.itemId[i])
    mix(input.itemCriterion[i])
  }
  for (const levels of input.criterionLevels) {
    mix(levels?.length ?? -1)
    for (const level of levels ?? []) mix(level)
  }
  for (let r = 0; r < scores.length; r++) {
    mix(scores.item[r])
    mix(scores.rater[r])
    mix(scores.value[r])
  }
  return `${scores.length}:${h >>> 0}`
}
