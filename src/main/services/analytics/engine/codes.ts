/**
 * Small dictionaries of numbers on typed arrays: scores take a handful of distinct values, so a value's code is
 * found by a short linear scan (a Map beyond 16 values).
 */
const SMALL = 64

export class ValueCodes {
  values = new Float64Array(16)
  size = 0
  private map: Map<number, number> | null = null

  code(v: number): number {
    if (this.map) {
      let c = this.map.get(v)
      if (c === undefined) {
        c = this.add(v)
        this.map.set(v, c)
      }
      return c
    }
    const values = this.values
    for (let c = 0; c < this.size; c++) if (values[c] === v) return c
    const c = this.add(v)
    if (this.size > 16) {
      this.map = new Map()
      for (let k = 0; k < this.size; k++) this.map.set(this.values[k], k)
    }
    return c
  }

  private add(v: number): number {
    if (this.size === this.values.length) {
      const next = new Float64Array(this.size * 2)
      next.set(this.values)
      this.values = next
    }
    this.values[this.size] = v
    return this.size++
  }

  /** Codes of every value (small non-negative integers, the usual scores, through a direct table). */
  encode(values: Float64Array, n = values.length): Int32Array {
    const out = new Int32Array(n)
    const small = new Int32Array(SMALL).fill(-1)
    for (let i = 0; i < n; i++) {
      const v = values[i]
      // fractions and NaN take the general path (−0 shares 0's entry, as it does in the dictionary)
      if (v >= 0 && v < SMALL && (v | 0) === v) {
        let c = small[v]
        if (c < 0) small[v] = c = this.code(v)
        out[i] = c
      } else out[i] = this.code(v)
    }
    return out
  }
}

/**
 * Integer keys in [0, space) numbered 0, 1, 2 … in the order first seen: through a dense table when the space is
 * small enough, else a Map. `keys[id]` is the key of id.
 */
export class FirstSeenIds {
  readonly keys: number[] = []
  private readonly dense: Int32Array | null
  private readonly sparse: Map<number, number> | null

  constructor(space: number) {
    this.dense = space <= 1 << 22 ? new Int32Array(space).fill(-1) : null
    this.sparse = this.dense ? null : new Map()
  }

  id(key: number): number {
    const dense = this.dense
    let id = dense ? dense[key] : (this.sparse!.get(key) ?? -1)
    if (id < 0) {
      id = this.keys.length
      if (dense) dense[key] = id
      else this.sparse!.set(key, id)
      this.keys.push(key)
    }
    return id
  }
}

/** Indices 0..n−1 of the best k by `better` (negative when a beats b), best first: a bounded heap, O(n log k). */
export function topK(n: number, k: number, better: (a: number, b: number) => number, include: (i: number) => boolean = () => true): number[] {
  if (k <= 0) return []
  // heap of the k best so far, worst at the root
  const heap: number[] = []
  const worse = (a: number, b: number) => better(a, b) > 0
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!worse(heap[i], heap[parent])) break
      ;[heap[i], heap[parent]] = [heap[parent], heap[i]]
      i = parent
    }
  }
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < heap.length && worse(heap[l], heap[m])) m = l
      if (r < heap.length && worse(heap[r], heap[m])) m = r
      if (m === i) return
      ;[heap[i], heap[m]] = [heap[m], heap[i]]
      i = m
    }
  }
  for (let i = 0; i < n; i++) {
    if (!include(i)) continue
    if (heap.length < k) {
      heap.push(i)
      up(heap.length - 1)
    } else if (better(i, heap[0]) < 0) {
      heap[0] = i
      down(0)
    }
  }
  return heap.sort(better)
}

/** The indices i with codes[i] ≥ 0 and marked[codes[i]] (candidates for topKAmong, in one typed loop). */
export function markedIndices(codes: Int32Array, marked: Uint8Array, n = codes.length): Int32Array {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const c = codes[i]
    if (c >= 0 && marked[c] === 1) out.push(i)
  }
  return Int32Array.from(out)
}

/** topK over a list of candidate indices: the best k of them by `better`, best first. */
export function topKAmong(candidates: Int32Array, k: number, better: (a: number, b: number) => number): number[] {
  return topK(candidates.length, k, (a, b) => better(candidates[a], candidates[b])).map((at) => candidates[at])
}
