import { describe, expect, it } from 'vitest'
import { quantilesInPlace } from '../../../../../../src/main/services/analytics/engine/quantiles'

function random(seed: number): () => number {
  let state = seed
  return () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
}

/** numpy.quantile(values, q) with its default linear interpolation, by sorting. */
function sortedQuantile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort()
  const pos = q * (sorted.length - 1)
  const lo = Math.floor(pos)
  const hi = Math.min(sorted.length - 1, lo + 1)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}

describe('quantiles by selection', () => {
  it('equal the sorted quantiles exactly, on short and long, tied and distinct, ordered and reversed times', () => {
    const next = random(9)
    const shapes: [string, (n: number) => Float64Array][] = [
      ['distinct', (n) => Float64Array.from({ length: n }, () => Math.floor(next() * 1e6))],
      ['few values', (n) => Float64Array.from({ length: n }, () => Math.floor(next() * 4) * 1000)],
      ['all equal', (n) => new Float64Array(n).fill(5000)],
      ['ascending', (n) => Float64Array.from({ length: n }, (_, i) => i * 10)],
      ['descending', (n) => Float64Array.from({ length: n }, (_, i) => (n - i) * 10)],
      ['fractions', (n) => Float64Array.from({ length: n }, () => next() * 100)],
      ['long tail', (n) => Float64Array.from({ length: n }, () => Math.floor(1000 * Math.exp(next() * 14)))],
      ['zeros and a week', (n) => Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? 7 * 24 * 3600 * 1000 : i % 3 === 0 ? 0 : 1000 + (i % 7)))],
      ['negative', (n) => Float64Array.from({ length: n }, () => next() * 200 - 100)],
    ]
    const qs = [0, 0.1, 0.5, 0.9, 1]
    for (const [shape, make] of shapes) {
      for (const n of [1, 2, 3, 4, 5, 10, 11, 100, 1001, 4095, 4096, 50_000, 300_001]) {
        const values = make(n)
        const expected = qs.map((q) => sortedQuantile(values, q))
        expect(quantilesInPlace(values, qs), `${shape}, n = ${n}`).toEqual(expected)
      }
    }
  })
})
