import { CastorError } from '@shared/api/errors'
import type { HostContext } from '../host/context'

/**
 * An import holds the project's one write transaction until it ends: exporting meanwhile would read rows that may
 * still roll back, and closing the project would cut it off. Such operations wait for the job instead.
 */
export function requireNoRunningImport(context: HostContext, action: string): void {
  const running = context.jobs.list().find((job) => job.kind === 'import' && job.status === 'running')
  if (running) throw new CastorError('conflict', `Cannot ${action} while ${running.label} is being imported; wait for it or cancel it`)
}
