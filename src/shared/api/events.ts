import { z } from 'zod'
import { Job, ProjectInfo } from './models'

/** Events the host pushes to the UI (IPC `castor:event`, WebSocket /api/events). */
export const events = {
  'job-progress': Job,
  'project-changed': ProjectInfo.nullable(),
} as const

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<K extends EventName> = z.output<Events[K]>
export const eventNames = Object.keys(events) as EventName[]
