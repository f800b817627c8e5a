import type { EventBus } from './eventBus'
import type { ProjectSession } from './projectSession'

export const DATA_WATCH_INTERVAL_MS = 1000

/**
 * Notices commits by other processes on the open project (`castor import`, `castor judge`, a second server):
 * `PRAGMA data_version` changes only for other connections' commits and costs no I/O, so it is read once a second.
 * A change sends `project-changed` (the header's counts) and `project-data-changed` (leads refetch their views).
 * Returns the function that stops watching.
 */
export function watchProjectData(session: ProjectSession, events: EventBus, intervalMs = DATA_WATCH_INTERVAL_MS): () => void {
  let last: { db: unknown; version: number } | null = null
  const timer = setInterval(() => {
    const project = session.current()
    if (!project) {
      last = null
      return
    }
    let version: number
    try {
      version = project.db.pragma('data_version', { simple: true }) as number
    } catch {
      return // closed under us (a project switch): the next tick reads the new one
    }
    const changed = last !== null && last.db === project.db && last.version !== version
    last = { db: project.db, version }
    if (!changed) return
    try {
      session.changed()
    } catch {
      // The file is busy (another process holds its write lock): the counts follow with the next change.
    }
    events.emit('project-data-changed', { at: new Date().toISOString() })
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
