/**
 * Quantiles by selection instead of sorting: a workbench project has an active time per score, and sorting a
 * million of them three ways (all, per annotator, per criterion) cost several times the rest of the report.
 * Each quantile is interpolated between the order statistics around q · (n − 1) (numpy's default, 'linear').
 * `values` (no NaN) may be reordered.
 */
export function quantilesInPlace(values: Float64Array, qs: readonly number[]): number[] {
  const n = values.length
  const places = qs.map((q) => {
    const pos = q * (n - 1)
    const lo = Math.floor(pos)
    return { pos, lo, hi: pos > lo && lo + 1 < n ? lo + 1 : lo }
  })
  const ranks = [...new Set(places.flatMap(({ lo, hi }) => [lo, hi]))].sort((a, b) => a - b)
  const found = (n >= BUCKETED_FROM && orderStatisticsByBuckets(values, ranks)) || orderStatisticsBySelection(values, ranks)
  const at = (rank: number) => found[ranks.indexOf(rank)]
  return places.map(({ pos, lo, hi }) => at(lo) + (at(hi) - at(lo)) * (pos - lo))
}

const BUCKETED_FROM = 4096
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/** The values of the given ranks (ascending): one selection each, each on the part right of the last. */
function orderStatisticsBySelection(values: Float64Array, ranks: number[]): number[] {
  let left = 0
  return ranks.map((rank) => {
    select(values, rank, left, values.length - 1)
    left = rank
    return values[rank]
  })
}

/**
 * The values of the given ranks in three passes without moving any: for non-negative finite numbers the high 32
 * bits of a double order like the number (sign, exponent, then the top of the mantissa), so counting values per
 * range of high words, about log-spaced, finds the bucket of each rank; the few values of those buckets are then
 * selected among. Null (use selection) for negative or non-finite values.
 */
function orderStatisticsByBuckets(values: Float64Array, ranks: number[]): number[] | null {
  const n = values.length
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2)
  const high = LITTLE_ENDIAN ? 1 : 0
  let lowest = 0xffffffff
  let highest = 0
  for (let i = 0; i < n; i++) {
    const word = words[2 * i + high]
    // sign bit set (negative, −0) or the exponent of Infinity and NaN
    if (word >= 0x7ff00000) return null
    if (word < lowest) lowest = word
    if (word > highest) highest = word
  }
  const buckets = Math.min(1 << 16, Math.max(256, n >> 4))
  let shift = 0
  while ((highest - lowest) >>> shift >= buckets) shift++
  const counts = new Int32Array(buckets)
  for (let i = 0; i < n; i++) counts[(words[2 * i + high] - lowest) >>> shift]++
  // each rank's bucket and its rank among the bucket's values
  const slotOf = new Int8Array(buckets).fill(-1)
  const slots: { size: number; values?: Float64Array; filled: number }[] = []
  const wanted = ranks.map((rank) => {
    let before = 0
    let b = 0
    while (before + counts[b] <= rank) before += counts[b++]
    if (slotOf[b] < 0) {
      slotOf[b] = slots.length
      slots.push({ size: counts[b], filled: 0 })
    }
    return { slot: slotOf[b], within: rank - before }
  })
  for (const slot of slots) slot.values = new Float64Array(slot.size)
  for (let i = 0; i < n; i++) {
    const slot = slotOf[(words[2 * i + high] - lowest) >>> shift]
    if (slot >= 0) {
      const target = slots[slot]
      target.values![target.filled++] = values[i]
    }
  }
  return wanted.map(({ slot, within }) => kthSmallest(slots[slot].values!, within))
}

/** The k-th smallest of `values` (0-based); reorders them. */
export function kthSmallest(values: Float64Array, k: number): number {
  select(values, k, 0, values.length - 1)
  return values[k]
}

/**
 * Moves the k-th smallest of values[left..right] to values[k], smaller ones before it and larger ones after:
 * Floyd and Rivest's SELECT (1975), which first narrows the range around k on a sample, so it makes about n
 * comparisons where a plain quickselect makes 3n.
 */
function select(values: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1
      const m = k - left + 1
      const z = Math.log(n)
      const s = 0.5 * Math.exp((2 * z) / 3)
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1)
      select(values, k, Math.max(left, Math.floor(k - (m * s) / n + sd)), Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)))
    }
    const pivot = values[k]
    let i = left
    let j = right
    swap(values, left, k)
    if (values[right] > pivot) swap(values, left, right)
    while (i < j) {
      swap(values, i, j)
      i++
      j--
      while (values[i] < pivot) i++
      while (values[j] > pivot) j--
    }
    if (values[left] === pivot) swap(values, left, j)
    else {
      j++
      swap(values, j, right)
    }
    if (j <= k) left = j + 1
    if (k <= j) right = j - 1
  }
}

function swap(values: Float64Array, a: number, b: number): void {
  const t = values[a]
  values[a] = values[b]
  values[b] = t
}
