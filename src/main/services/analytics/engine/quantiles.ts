/**
 * Quantiles by selection instead of sorting: a workbench project has an active time per score, and sorting a
 * million of them three ways (all, per annotator, per criterion) cost several times the rest of the report.
 * Each quantile is interpolated between the order statistics around q · (n − 1) (numpy's default, 'linear').
 * `values` (no NaN) is reordered.
 */
export function quantilesInPlace(values: Float64Array, qs: readonly number[]): number[] {
  const n = values.length
  return qs.map((q) => {
    const pos = q * (n - 1)
    const lo = Math.floor(pos)
    select(values, lo, 0, n - 1)
    const low = values[lo]
    // after the selection everything right of lo is ≥ values[lo]: the next order statistic is their minimum
    const high = lo + 1 < n && pos > lo ? minimum(values, lo + 1, n) : low
    return low + (high - low) * (pos - lo)
  })
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

function minimum(values: Float64Array, from: number, to: number): number {
  let least = values[from]
  for (let i = from + 1; i < to; i++) if (values[i] < least) least = values[i]
  return least
}
