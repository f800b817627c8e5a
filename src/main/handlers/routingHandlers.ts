import { CastorError } from '@shared/api/errors'
import type { routingOperations } from '@shared/api/routingOperations'
import * as routing from '../services/workbench/routing'
import * as workbench from '../services/workbench'
import type { HandlerMap } from './types'
import { readable, writableAfterImports } from './guards'
import { changed } from './workbenchHandlers'

export const routingHandlers: HandlerMap<keyof typeof routingOperations> = {
  'routing-get': (_input, context) => routing.routingState(readable(context)),
  'routing-update': async (input, context) => {
    const db = await writableAfterImports(context)
    const result = db.transaction(() => routing.updateRouting(db, input)).immediate()
    changed(context, null, 'settings')
    return result
  },
  'routing-recompute': async (_input, context) => {
    const db = await writableAfterImports(context)
    const result = db.transaction(() => routing.recomputeRouting(db)).immediate()
    changed(context, null, 'settings')
    return result
  },
  'routing-item': ({ itemId }, context) => routing.itemRouting(readable(context), itemId),
  'work-assist': ({ responseId }, context, caller) => {
    const db = readable(context)
    const me = workbench.actorId(db, caller, false)
    if (me === null) throw new CastorError('forbidden', `Answer ${responseId} is not assigned to you`)
    return { mode: routing.getRoutingSettings(db).annotationMode, items: routing.assistSuggestions(db, me, responseId) }
  },
}
