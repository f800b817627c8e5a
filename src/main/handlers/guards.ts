import { CastorError } from '@shared/api/errors'
import type { HostContext } from '../host/context'
import type { Db } from '../services/db'

/**
 * An import holds the project's one write transaction until it ends: exporting meanwhile would read rows that may
 * still roll back, and closing the project would cut it off. Such operations wait for the job instead.
 */
export function requireNoRunningImport(context: HostContext, action: string): void {
  const running = context.jobs.list().find((job) => job.kind === 'import' && job.status === 'running')
  if (running) throw new CastorError('conflict', `Cannot ${action} while ${running.label} is being imported; wait for it or cancel it`)
}

/** The open project, for a read. */
export const readable = (context: HostContext): Db => context.project.require().db

/**
 * The project for a write made outside an import: waits for running imports (they hold the connection's one write
 * transaction across awaits, and a write made meanwhile would join it, and roll back with it), then refuses while
 * another write is open. Each write is then one synchronous `BEGIN IMMEDIATE` transaction, so nothing runs between.
 */
export async function writableAfterImports(context: HostContext): Promise<Db> {
  for (;;) {
    const running = context.jobs.list().find((job) => job.kind === 'import' && job.status === 'running')
    if (!running) break
    await context.jobs.settled(running.id)
  }
  const { db } = context.project.requireWritable()
  if (db.inTransaction) throw new CastorError('busy', 'The project is busy writing; try again in a moment')
  return db
}
