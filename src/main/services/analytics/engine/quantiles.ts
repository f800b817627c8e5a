/**
 * Quantiles by selection instead of sorting (O(n) per quantile), each interpolated between the order statistics
 * around q · (n − 1) (numpy's default, 'linear'). `values` (no NaN) is reordered.
 */
export function quantilesInPlace(values: Float64Array, qs: readonly number[]): number[] {
  const n = values.length
  const places = qs.map((q) => {
    const pos = q * (n - 1)
    const lo = Math.floor(pos)
    return { pos, lo, hi: pos > lo && lo + 1 < n ? lo + 1 : lo }
  })
  const ranks = [...new Set(places.flatMap(({ lo, hi }) => [lo, hi]))].sort((a, b) => a - b)
  const found = orderStatisticsBySelection(values, ranks)
  const at = (rank: number) => found[ranks.indexOf(rank)]
  return places.map(({ pos, lo, hi }) => at(lo) + (at(hi) - at(lo)) * (pos - lo))
}

/** The values of the given ranks (ascending): one selection each, each on the part right of the last. */
function orderStatisticsBySelection(values: Float64Array, ranks: number[]): number[] {
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
