import { ValueCodes } from './codes'

/**
 * The engine's input: scores grouped by item (CSR layout). Row r (offsets[i] ≤ r < offsets[i+1]) is one
 * annotator's score of item i; an annotator scores an item at most once.
 */
export interface ScoreTable {
  itemCount: number
  raterCount: number
  offsets: Int32Array
  rater: Int32Array
  value: Float64Array
}

/** Builds a table from parallel row arrays in any order (counting sort by item). */
export function scoreTable(itemCount: number, raterCount: number, item: Int32Array, rater: Int32Array, value: Float64Array, rows = item.length): ScoreTable {
  const offsets = new Int32Array(itemCount + 1)
  // rows already in item order (as projects store them): no copy
  let inOrder = 1
  let previous = 0
  for (let r = 0; r < rows; r++) {
    const i = item[r]
    offsets[i + 1]++
    inOrder &= +(i >= previous)
    previous = i
  }
  for (let i = 0; i < itemCount; i++) offsets[i + 1] += offsets[i]
  if (inOrder && rows === item.length && rows === rater.length && rows === value.length) return { itemCount, raterCount, offsets, rater, value }
  const cursor = offsets.slice(0, itemCount)
  const outRater = new Int32Array(rows)
  const outValue = new Float64Array(rows)
  for (let r = 0; r < rows; r++) {
    const at = cursor[item[r]]++
    outRater[at] = rater[r]
    outValue[at] = value[r]
  }
  return { itemCount, raterCount, offsets, rater: outRater, value: outValue }
}

/** From a units × raters matrix with NaN for missing (the layout of the published examples and fixtures). */
export function tableFromMatrix(matrix: ArrayLike<ArrayLike<number>>): ScoreTable {
  const items: number[] = []
  const raters: number[] = []
  const values: number[] = []
  let raterCount = 0
  for (let i = 0; i < matrix.length; i++) {
    raterCount = Math.max(raterCount, matrix[i].length)
    for (let r = 0; r < matrix[i].length; r++) {
      const v = matrix[i][r]
      if (v === null || v === undefined || Number.isNaN(v)) continue
      items.push(i)
      raters.push(r)
      values.push(v)
    }
  }
  return scoreTable(matrix.length, raterCount, Int32Array.from(items), Int32Array.from(raters), Float64Array.from(values))
}

/** The sorted distinct values of the table and each row's category index. */
export function categorize(table: ScoreTable): { categories: Float64Array; code: Int32Array } {
  const rows = table.value.length
  const dictionary = new ValueCodes()
  const first = dictionary.encode(table.value, rows)
  const seen = dictionary.values.slice(0, dictionary.size)
  const categories = seen.slice().sort()
  const remap = Int32Array.from(seen, (v) => categories.indexOf(v))
  // remap in place: `first` is ours
  for (let r = 0; r < rows; r++) first[r] = remap[first[r]]
  return { categories, code: first }
}
