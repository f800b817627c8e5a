import type { Patterns, RaterPatterns } from './agreement'
import { FirstSeenIds } from './codes'
import { triplesOf, type PairCodes, type Triples } from './compare'
import type { ScoreTable } from './table'

/**
 * Items by cell: the combination of their groups in every item-level grouping of the report (criterion, answer
 * model, task, difficulty). Each grouping is a function of the cell, so what the report counts per group is counted
 * once per cell, in one pass over the items or the pairs, then summed per grouping over the cells (at most as many
 * as the items; usually criteria × models × a few).
 */
export interface ItemCells {
  count: number
  /** Item → cell. */
  itemCell: Int32Array
  /** Per grouping, in the order given: cell → group. */
  cellGroup: Int32Array[]
}

export interface Grouping {
  /** Item → group (≥ 0). */
  group: Int32Array
  groups: number
}

export function itemCells(itemCount: number, groupings: Grouping[]): ItemCells {
  let space = 1
  for (const { groups } of groupings) space *= Math.max(1, groups)
  const itemCell = new Int32Array(itemCount)
  const firstItem: number[] = []
  if (space <= 1 << 22) {
    // each item's key, one grouping at a time (tight loops), then keys → cells in first-seen order, in place
    for (const { group, groups } of groupings) addDigit(itemCell, group, Math.max(1, groups))
    const cellOfKey = new Int32Array(space).fill(-1)
    for (let i = 0; i < itemCount; i++) {
      let cell = cellOfKey[itemCell[i]]
      if (cell < 0) {
        cell = cellOfKey[itemCell[i]] = firstItem.length
        firstItem.push(i)
      }
      itemCell[i] = cell
    }
  } else {
    const cellOfKey = new Map<number, number>()
    for (let i = 0; i < itemCount; i++) {
      let key = 0
      for (const { group, groups } of groupings) key = key * Math.max(1, groups) + group[i]
      let cell = cellOfKey.get(key)
      if (cell === undefined) {
        cell = firstItem.length
        cellOfKey.set(key, cell)
        firstItem.push(i)
      }
      itemCell[i] = cell
    }
  }
  return { count: firstItem.length, itemCell, cellGroup: groupings.map(({ group }) => Int32Array.from(firstItem, (i) => group[i])) }
}

/** key = key · base + digit, item by item. */
function addDigit(key: Int32Array, digit: Int32Array, base: number): void {
  for (let i = 0; i < key.length; i++) key[i] = key[i] * base + digit[i]
}

/** Items per (cell, rater pattern), and items with a single score per (cell, category). */
export interface CellCounts {
  rater: Float64Array
  single: Float64Array
}

/** One pass over the items; null when cells × rater patterns outgrow the items (then per-item passes are cheaper). */
export function cellCounts(cells: ItemCells, patterns: Patterns, rp: RaterPatterns, table: ScoreTable, code: Int32Array): CellCounts | null {
  const { RP, itemRaterPattern } = rp
  const { K } = patterns
  if (cells.count * RP > Math.max(table.itemCount, 1 << 16)) return null
  const rater = new Float64Array(cells.count * RP)
  const single = new Float64Array(cells.count * K)
  const { itemCell } = cells
  const { offsets } = table
  for (let i = 0; i < itemCell.length; i++) {
    const p = itemRaterPattern[i]
    if (p >= 0) rater[itemCell[i] * RP + p]++
    else if (offsets[i + 1] - offsets[i] === 1) single[itemCell[i] * K + code[offsets[i]]]++
  }
  return { rater, single }
}

/**
 * A grouping's weights over rater patterns and over multiset patterns (as groupRaterWeights gives them) from the
 * cell counts. `cellGroup` null: one group of every item.
 */
export function groupWeightsFromCells(counts: CellCounts, cellGroup: Int32Array | null, cellCount: number, groups: number, patterns: Patterns, rp: RaterPatterns): { rater: Float64Array; multiset: Float64Array } {
  const { RP, toPattern } = rp
  const rater = new Float64Array(groups * RP)
  for (let cell = 0; cell < cellCount; cell++) {
    const base = (cellGroup ? cellGroup[cell] : 0) * RP
    for (let p = 0; p < RP; p++) rater[base + p] += counts.rater[cell * RP + p]
  }
  const multiset = new Float64Array(groups * patterns.P)
  for (let g = 0; g < groups; g++) for (let p = 0; p < RP; p++) multiset[g * patterns.P + toPattern[p]] += rater[g * RP + p]
  return { rater, multiset }
}

/** A grouping of the pairs' items for buildTriplesByCell: cell → group (null: one group), and whether pairTriple is kept. */
export interface TripleGrouping {
  cellGroup: Int32Array | null
  groups: number
  keepPairs: boolean
}

/**
 * buildTriplesFromCodes for several item-level groupings of the same pairs at once: pairs are counted into
 * distinct (cell, reference, rounded, prediction) triples in one pass, and each grouping's triples are sums of
 * those. Triple ids, their order and counts are those buildTriplesFromCodes gives (first seen in pair order).
 * `items`: pair → item.
 */
export function buildTriplesByCell(codes: PairCodes, items: Int32Array, cells: ItemCells, groupings: TripleGrouping[]): Triples[] {
  const PC = codes.refValues.length * codes.roundedValues.length * codes.predValues.length
  const fine = fineTriples(codes, items, cells.itemCell, cells.count, PC)
  return groupings.map((grouping) => tripleGrouping(codes, fine, grouping, PC))
}

interface FineTriples {
  /** Fine triple → cell and pair code ((reference · KD + rounded) · KP + prediction). */
  cell: Int32Array
  pairCode: Int32Array
  count: Float64Array
  /** Pair → fine triple. */
  pairFine: Int32Array
}

function fineTriples(codes: PairCodes, items: Int32Array, itemCell: Int32Array, cellCount: number, PC: number): FineTriples {
  const ids = new FirstSeenIds(cellCount * PC)
  const n = codes.n
  const pairFine = new Int32Array(n)
  const count: number[] = []
  // locals, not pairCode(): property loads in this loop were its main cost
  const refCode = codes.ref
  const roundedCode = codes.rounded
  const predCode = codes.pred
  const KD = codes.roundedValues.length
  const KP = codes.predValues.length
  for (let k = 0; k < n; k++) {
    const id = ids.id(itemCell[items[k]] * PC + (refCode[k] * KD + roundedCode[k]) * KP + predCode[k])
    if (id === count.length) count.push(0)
    count[id]++
    pairFine[k] = id
  }
  return {
    cell: Int32Array.from(ids.keys, (key) => Math.floor(key / PC)),
    pairCode: Int32Array.from(ids.keys, (key) => key % PC),
    count: Float64Array.from(count),
    pairFine,
  }
}

function tripleGrouping(codes: PairCodes, fine: FineTriples, grouping: TripleGrouping, PC: number): Triples {
  const { cellGroup, groups } = grouping
  const F = fine.count.length
  const ids = new FirstSeenIds(groups * PC)
  const fineToTriple = new Int32Array(F)
  const count: number[] = []
  for (let f = 0; f < F; f++) {
    const id = ids.id((cellGroup ? cellGroup[fine.cell[f]] : 0) * PC + fine.pairCode[f])
    if (id === count.length) count.push(0)
    count[id] += fine.count[f]
    fineToTriple[f] = id
  }
  const pairTriple = new Int32Array(grouping.keepPairs ? codes.n : 0)
  if (grouping.keepPairs) for (let k = 0; k < codes.n; k++) pairTriple[k] = fineToTriple[fine.pairFine[k]]
  return triplesOf(codes, ids.keys, count, groups, pairTriple)
}
