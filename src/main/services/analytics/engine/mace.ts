import { generator } from './bootstrap'

/**
 * MACE (Hovy, Berg-Kirkpatrick, Vaswani, Hovy, NAACL 2013: "Learning Whom to Trust with MACE"), fitted by EM.
 * Each item i has a hidden true label T_i (uniform prior over its allowed labels); annotator j either knows it
 * (probability θ_j, the competence) and gives T_i, or guesses (spams) by its own label distribution ξ_j.
 * EM runs from `restarts` seeded random starts for `iterations` steps each; the start with the highest
 * log-likelihood wins (as MACE does). Pure, no I/O.
 */
export interface MaceInput {
  items: number
  annotators: number
  /** Number of distinct labels (codes 0..labels−1). */
  labels: number
  /** Observations: item index, annotator index, label code. */
  item: Int32Array
  annotator: Int32Array
  label: Int32Array
  length: number
  /** Optional per-item allowed labels (item × labels, 1 = allowed); default every label. */
  allowed?: Uint8Array
}

export interface MaceOptions {
  restarts?: number
  iterations?: number
  seed?: number
  /** Added to the expected counts in the M step (MACE's `smoothing`). */
  smoothing?: number
  /** A restart stops early when the log-likelihood gains less than this (relative) in one step. */
  tolerance?: number
}

export interface MaceResult {
  /** θ_j per annotator (NaN for an annotator without observations). */
  competence: Float64Array
  /** Posterior over labels per item (item × labels); an item without observations keeps its prior. */
  posterior: Float64Array
  /** The most probable label code per item (lowest code on a tie), −1 without observations. */
  label: Int32Array
  logLikelihood: number
  /** The restart that won. */
  restart: number
}

export const MACE_DEFAULTS = { restarts: 10, iterations: 50, seed: 1, smoothing: 0.01, tolerance: 1e-7 } as const

export function mace(input: MaceInput, options: MaceOptions = {}): MaceResult {
  const restarts = Math.max(1, options.restarts ?? MACE_DEFAULTS.restarts)
  const iterations = Math.max(1, options.iterations ?? MACE_DEFAULTS.iterations)
  const seed = options.seed ?? MACE_DEFAULTS.seed
  const smoothing = options.smoothing ?? MACE_DEFAULTS.smoothing
  const tolerance = options.tolerance ?? MACE_DEFAULTS.tolerance
  const { items: I, annotators: J, labels: K, length: N } = input
  // observations grouped by item
  const start = new Int32Array(I + 1)
  for (let n = 0; n < N; n++) start[input.item[n] + 1]++
  for (let i = 0; i < I; i++) start[i + 1] += start[i]
  const fill = start.slice(0, I)
  const order = new Int32Array(N)
  for (let n = 0; n < N; n++) order[fill[input.item[n]]++] = n
  const observed = new Int32Array(J)
  for (let n = 0; n < N; n++) observed[input.annotator[n]]++
  const allowed = input.allowed ?? new Uint8Array(I * K).fill(1)
  // items with the same observations and allowed labels have the same posterior: EM runs over these patterns,
  // each counted as often as it occurs (O(patterns) per step, not O(items))
  const { patternOf, item: patternItem, weight } = observationPatterns(input, start, order, allowed, K)
  const P = patternItem.length

  let best: MaceResult | null = null
  const theta = new Float64Array(J)
  const xi = new Float64Array(J * K)
  const posterior = new Float64Array(P * K)
  const knows = new Float64Array(J)
  const spamCounts = new Float64Array(J * K)
  for (let restart = 0; restart < restarts; restart++) {
    const random = generator((seed * 1_000_003 + restart * 7919) | 0)
    for (let j = 0; j < J; j++) {
      theta[j] = random()
      let sum = 0
      for (let k = 0; k < K; k++) sum += xi[j * K + k] = random() + 1e-3
      for (let k = 0; k < K; k++) xi[j * K + k] /= sum
    }
    let logLikelihood = 0
    let previous = -Infinity
    for (let step = 0; step <= iterations; step++) {
      // E step: posterior of each pattern's label; expected "knows" and guessed-label counts per annotator
      logLikelihood = 0
      knows.fill(0)
      spamCounts.fill(0)
      for (let p = 0; p < P; p++) {
        const i = patternItem[p]
        const w = weight[p]
        let total = 0
        for (let k = 0; k < K; k++) {
          if (!allowed[i * K + k]) {
            posterior[p * K + k] = 0
            continue
          }
          let product = 1
          for (let o = start[i]; o < start[i + 1]; o++) {
            const n = order[o]
            const j = input.annotator[n]
            const a = input.label[n]
            product *= (a === k ? theta[j] : 0) + (1 - theta[j]) * xi[j * K + a]
          }
          posterior[p * K + k] = product
          total += product
        }
        if (!(total > 0)) {
          for (let k = 0; k < K; k++) posterior[p * K + k] = allowed[i * K + k] ? 1 : 0
          total = 0
          for (let k = 0; k < K; k++) total += posterior[p * K + k]
        } else if (start[i + 1] > start[i]) logLikelihood += w * Math.log(total)
        for (let k = 0; k < K; k++) posterior[p * K + k] /= total
        for (let o = start[i]; o < start[i + 1]; o++) {
          const n = order[o]
          const j = input.annotator[n]
          const a = input.label[n]
          const right = theta[j] + (1 - theta[j]) * xi[j * K + a]
          // P(knows | a, item) = P(T = a) θ / (θ + (1 − θ) ξ(a))
          const k = right > 0 ? (posterior[p * K + a] * theta[j]) / right : 0
          knows[j] += w * k
          spamCounts[j * K + a] += w * (1 - k)
        }
      }
      if (step === iterations || Math.abs(logLikelihood - previous) <= tolerance * Math.abs(logLikelihood)) break
      previous = logLikelihood
      // M step
      for (let j = 0; j < J; j++) {
        if (observed[j] === 0) continue
        theta[j] = (knows[j] + smoothing) / (observed[j] + 2 * smoothing)
        let sum = 0
        for (let k = 0; k < K; k++) sum += spamCounts[j * K + k] + smoothing
        for (let k = 0; k < K; k++) xi[j * K + k] = (spamCounts[j * K + k] + smoothing) / sum
      }
    }
    if (!best || logLikelihood > best.logLikelihood) {
      best = {
        competence: Float64Array.from(theta, (t, j) => (observed[j] ? t : Number.NaN)),
        posterior: itemPosteriors(posterior, patternOf, K),
        label: new Int32Array(I),
        logLikelihood,
        restart,
      }
    }
  }
  const result = best!
  for (let i = 0; i < I; i++) {
    if (start[i + 1] === start[i]) {
      result.label[i] = -1
      continue
    }
    let top = 0
    for (let k = 1; k < K; k++) if (result.posterior[i * K + k] > result.posterior[i * K + top]) top = k
    result.label[i] = top
  }
  return result
}

/**
 * Items grouped by their observations (the sorted (annotator, label) pairs) and allowed labels: each item's
 * pattern, each pattern's first item (whose observations stand for all) and its number of items.
 */
function observationPatterns(input: MaceInput, start: Int32Array, order: Int32Array, allowed: Uint8Array, K: number) {
  const I = input.items
  const patternOf = new Int32Array(I)
  const ids = new Map<string, number>()
  const item: number[] = []
  const weight: number[] = []
  const cells: number[] = []
  for (let i = 0; i < I; i++) {
    cells.length = 0
    for (let o = start[i]; o < start[i + 1]; o++) cells.push(input.annotator[order[o]] * K + input.label[order[o]])
    cells.sort((a, b) => a - b)
    let mask = ''
    for (let k = 0; k < K; k++) mask += allowed[i * K + k] ? '1' : '0'
    const key = `${mask}|${cells.join(',')}`
    let id = ids.get(key)
    if (id === undefined) {
      id = item.length
      ids.set(key, id)
      item.push(i)
      weight.push(0)
    }
    weight[id]++
    patternOf[i] = id
  }
  return { patternOf, item: Int32Array.from(item), weight: Float64Array.from(weight) }
}

/** Each item's posterior: its pattern's. */
function itemPosteriors(patternPosterior: Float64Array, patternOf: Int32Array, K: number): Float64Array {
  const out = new Float64Array(patternOf.length * K)
  for (let i = 0; i < patternOf.length; i++) out.set(patternPosterior.subarray(patternOf[i] * K, patternOf[i] * K + K), i * K)
  return out
}
