import type { controlOperations } from '@shared/api/controlOperations'
import type { Caller } from '@shared/api/access'
import type { HostContext } from '../host/context'
import { controlAccuracyByAnnotator } from '../services/analytics/quality/controlAccuracy'
import type { Db } from '../services/db'
import { judgeOnDemand } from '../services/judge/runs/onDemand'
import * as workbench from '../services/workbench'
import { stmt } from '../services/workbench/statements'
import type { HandlerMap } from './types'
import { readable, writableAfterImports } from './guards'

/** One write transaction, after any running import (which holds the connection's write transaction). */
async function write<T>(context: HostContext, work: (db: Db) => T): Promise<T> {
  const db = await writableAfterImports(context)
  return db.transaction(() => work(db)).immediate()
}

function byName(db: Db, caller: Caller): string {
  if (caller.role !== 'owner') return caller.name
  const id = workbench.actorId(db, caller, false)
  return id === null ? 'Owner' : ((stmt(db, 'SELECT name FROM annotators WHERE id = ?').pluck().get(id) as string | undefined) ?? 'Owner')
}

export const controlHandlers: HandlerMap<keyof typeof controlOperations> = {
  'control-settings-get': (_input, context) => {
    const { rate, feedback } = workbench.getControlSettings(readable(context))
    return { rate, feedback }
  },
  'control-settings-update': (input, context) => write(context, (db) => workbench.updateControlSettings(db, input)),
  'controls-list': (input, context) => workbench.listControls(readable(context), input),
  'control-set': (input, context, caller) => write(context, (db) => workbench.markControl(db, input, byName(db, caller))),
  'control-remove': ({ itemId }, context) => write(context, (db) => ({ removed: workbench.unmarkControl(db, itemId) })),
  'control-accuracy': (_input, context) => {
    const db = readable(context)
    const names = new Map((stmt(db, 'SELECT id, name FROM annotators').all() as { id: number; name: string }[]).map((row) => [row.id, row.name]))
    return [...controlAccuracyByAnnotator(db)]
      .map(([annotatorId, { n, correct }]) => ({ annotatorId, name: names.get(annotatorId) ?? String(annotatorId), n, correct }))
      .sort((a, b) => a.name.localeCompare(b.name))
  },
  'adjudication-item': ({ itemId }, context) => workbench.adjudicationItem(readable(context), itemId),
  'adjudication-judge': ({ itemId }, context) => judgeOnDemand(readable(context), itemId),
}
