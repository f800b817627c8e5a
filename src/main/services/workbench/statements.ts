import type { Statement } from 'better-sqlite3'
import type { Db } from '../db'

const caches = new WeakMap<Db, Map<string, Statement>>()

/**
 * The prepared statement for `source` on this connection, prepared once: the workbench's requests run the same few
 * statements thousands of times. Each SQL text here is used in one mode only (plain, or always `.pluck()`).
 */
export function stmt(db: Db, source: string): Statement {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  let statement = cache.get(source)
  if (!statement) cache.set(source, (statement = db.prepare(source)))
  return statement
}
