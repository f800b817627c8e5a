import { z } from 'zod'
import { JudgeLoadProgress, JudgeRunProgress } from './judgeModels'
import { Job, ProjectInfo } from './models'
import { ProgressChanged } from './workbenchModels'

/** Events the host pushes to the UI (IPC `castor:event`, WebSocket /api/events). */
export const events = {
  'job-progress': Job,
  'project-changed': ProjectInfo.nullable(),
  /** A judge run's counts and rates while it judges (owners and leads only). */
  'judge-progress': JudgeRunProgress,
  /** A local judge model being hashed and loaded for a start (owners and leads only). */
  'judge-load-progress': JudgeLoadProgress,
  /** Lead progress changed (refetch progress-get); never sent to annotators. */
  'progress-changed': ProgressChanged,
  /**
   * Another process (the CLI: an import, a judge run, annotators) committed to the open project (host/dataWatch.ts);
   * leads refetch their views. Carries only when it was noticed; never sent to annotators.
   */
  'project-data-changed': z.object({ at: z.string() }),
} as const

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<K extends EventName> = z.output<Events[K]>
export const eventNames = Object.keys(events) as EventName[]
