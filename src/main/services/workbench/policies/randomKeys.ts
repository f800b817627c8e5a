import type { Db } from '../../db'

/** A 32-bit mix of (seed, id) (the murmur3 finaliser): the same seed gives the same order on every machine. */
export function randomKey(seed: number, id: number): number {
  let h = (Math.imul(id, 0x9e3779b1) ^ Math.imul(seed + 1, 0x85ebca77)) >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b) >>> 0
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35) >>> 0
  h ^= h >>> 16
  return h >>> 0
}

/**
 * Keys every answer for the random policy (called when the policy or seed is saved, in the caller's transaction).
 * Answers imported later keep key 0 (they come first) until the settings are saved again.
 */
export function assignRandomKeys(db: Db, seed: number): void {
  const update = db.prepare('UPDATE responses SET random_key = ? WHERE id = ?')
  for (const id of db.prepare('SELECT id FROM responses').pluck().all() as number[]) update.run(randomKey(seed, id), id)
}
