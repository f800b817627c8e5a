/**
 * Quantiles as numpy's default ('linear') defines them: each interpolated between the order statistics around
 * q · (n − 1). Found by selection, not sorting (O(n) per quantile): quantilesInPlace, or any way of finding the
 * order statistics quantileRanks names (activeTimes.ts counts buckets) and then interpolateQuantiles.
 */
export function quantilesInPlace(values: Float64Array, qs: readonly number[]): number[] {
  const ranks = quantileRanks(values.length, qs)
  return interpolateQuantiles(values.length, qs, ranks, orderStatisticsBySelection(values, ranks))
}

/** The 0-based ranks (ascending, distinct) whose values the quantiles `qs` of n values interpolate between. */
export function quantileRanks(n: number, qs: readonly number[]): number[] {
  const ranks = new Set<number>()
  for (const q of qs) {
    const pos = q * (n - 1)
    ranks.add(Math.floor(pos))
    if (pos > Math.floor(pos)) ranks.add(Math.floor(pos) + 1)
  }
  return [...ranks].sort((a, b) => a - b)
}

/** The quantiles `qs` of n values from the values of quantileRanks(n, qs) (`ranks`, in the same order). */
export function interpolateQuantiles(n: number, qs: readonly number[], ranks: readonly number[], values: readonly number[]): number[] {
  return qs.map((q) => {
    const pos = q * (n - 1)
    const lo = Math.floor(pos)
    const low = values[ranks.indexOf(lo)]
    return pos > lo ? low + (values[ranks.indexOf(lo + 1)] - low) * (pos - lo) : low
  })
}

/** The values of the given ranks (ascending): one selection each, each on the part right of the last. */
function orderStatisticsBySelection(values: Float64Array, ranks: readonly number[]): number[] {
  let left = 0
  return ranks.map((rank) => {
    select(values, rank, left, values.length - 1)
    left = rank
    return values[rank]
  })
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
