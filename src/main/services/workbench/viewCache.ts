import type { Db } from '../db'
import { stmt } from './statements'

/** Views kept per connection; the oldest goes first. */
const ENTRIES = 32

const caches = new WeakMap<Db, { version: string; views: Map<string, unknown> }>()

/**
 * The lead views (progress, review, adjudication queue) aggregate every annotation of the project: at 100,000 items
 * that is 50–150 ms a call, and leads poll them. A view is computed again only when the database has changed since
 * it was computed: this connection's total_changes() counts every row it wrote (committed, pending or rolled back)
 * and PRAGMA data_version moves when another connection or process commits. Nothing is kept while a transaction is
 * open (an import's rows may still roll back, and total_changes() does not move back). The result is shared
 * between callers: treat it as read-only.
 */
export function cachedView<T>(db: Db, key: string, compute: () => T): T {
  if (db.inTransaction) return compute()
  const version = stmt(db, 'SELECT (SELECT data_version FROM pragma_data_version()) || \':\' || total_changes()').pluck().get() as string
  let cache = caches.get(db)
  if (!cache || cache.version !== version) caches.set(db, (cache = { version, views: new Map() }))
  if (cache.views.has(key)) return cache.views.get(key) as T
  const value = compute()
  if (cache.views.size >= ENTRIES) cache.views.delete(cache.views.keys().next().value as string)
  cache.views.set(key, value)
  return value
}
