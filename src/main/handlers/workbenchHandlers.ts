import type { Caller } from '@shared/api/access'
import { CastorError } from '@shared/api/errors'
import type { ProgressChanged } from '@shared/api/workbenchModels'
import type { workbenchOperations } from '@shared/api/workbenchOperations'
import type { HostContext } from '../host/context'
import type { Db } from '../services/db'
import * as workbench from '../services/workbench'
import { stmt } from '../services/workbench/statements'
import { cachedView } from '../services/workbench/viewCache'
import { readable, writableAfterImports } from './guards'
import type { HandlerMap } from './types'

/** A lead view, computed again only when the project changed (services/workbench/viewCache.ts). */
function leadView<T>(context: HostContext, view: string, input: unknown, compute: (db: Db) => T): T {
  const db = readable(context)
  return cachedView(db, `${view} ${JSON.stringify(input)}`, () => compute(db))
}

const PROGRESS_EVENT_MS = 1000
const progressThrottle = new WeakMap<HostContext, { last: number; pending: ProgressChanged | null; timer: NodeJS.Timeout | null }>()

/**
 * Tells lead views that progress changed, at most once a second (the last change in a burst is sent when the
 * second is up), so twenty annotators submitting do not make every lead refetch progress twenty times.
 */
export function changed(context: HostContext, annotatorId: number | null, reason: ProgressChanged['reason']): void {
  const state = progressThrottle.get(context) ?? { last: 0, pending: null, timer: null }
  progressThrottle.set(context, state)
  const payload: ProgressChanged = { annotatorId, reason }
  const now = Date.now()
  if (!state.timer && now - state.last >= PROGRESS_EVENT_MS) {
    state.last = now
    context.events.emit('progress-changed', payload)
    return
  }
  state.pending = payload
  state.timer ??= setTimeout(
    () => {
      state.timer = null
      state.last = Date.now()
      const pending = state.pending
      state.pending = null
      if (pending) context.events.emit('progress-changed', pending)
    },
    Math.max(0, PROGRESS_EVENT_MS - (now - state.last)),
  )
  state.timer.unref?.()
}

/** Runs `work` in one immediate transaction (for writes that are not a single service call). */
const inTransaction = <T>(db: Db, work: () => T): T => db.transaction(work).immediate()

function callerName(db: Db, caller: Caller): { id: number | null; name: string } {
  if (caller.role !== 'owner') return { id: caller.annotatorId, name: caller.name }
  const id = workbench.actorId(db, caller, false)
  const name = id === null ? 'Owner' : ((db.prepare('SELECT name FROM annotators WHERE id = ?').pluck().get(id) as string | undefined) ?? 'Owner')
  return { id, name }
}

export const workbenchHandlers: HandlerMap<keyof typeof workbenchOperations> = {
  'me-get': (_input, context, caller) => {
    const db = readable(context)
    const annotatorId = workbench.actorId(db, caller, false)
    const row =
      annotatorId === null
        ? undefined
        : (stmt(db, 'SELECT name, ui_language AS language FROM annotators WHERE id = ?').get(annotatorId) as { name: string; language: string | null } | undefined)
    const own = workbench.ownProgress(db, annotatorId)
    return {
      role: caller.role,
      annotatorId,
      name: row?.name ?? 'Owner',
      language: row?.language === 'ru' || row?.language === 'en' ? row.language : null,
      settings: workbench.getSettings(db),
      assigned: own.assigned,
      done: own.done,
      quota: own.quota,
    }
  },

  'annotators-list': ({ includeRemoved }, context) => workbench.listAnnotators(readable(context), includeRemoved),
  'annotator-add': async (input, context) => {
    const db = await writableAfterImports(context)
    const result = inTransaction(db, () => workbench.addAnnotator(db, input))
    changed(context, result.annotator.id, 'annotators')
    return result
  },
  'annotator-update': async ({ id, ...patch }, context) => {
    const db = await writableAfterImports(context)
    const result = inTransaction(db, () => workbench.updateAnnotator(db, id, patch))
    changed(context, id, 'annotators')
    return result
  },
  'annotator-remove': async ({ id }, context) => {
    const db = await writableAfterImports(context)
    const result = inTransaction(db, () => workbench.removeAnnotator(db, id))
    changed(context, id, 'freed')
    return result
  },
  'annotator-link': async ({ id }, context) => {
    const db = await writableAfterImports(context)
    return inTransaction(db, () => workbench.issueLink(db, id))
  },
  'annotator-revoke': async ({ id }, context) => {
    const db = await writableAfterImports(context)
    const result = inTransaction(db, () => workbench.revokeAnnotator(db, id))
    changed(context, id, 'annotators')
    return result
  },

  'work-next': async (_input, context, caller) => {
    const db = await writableAfterImports(context)
    const me = inTransaction(db, () => workbench.requireActor(db, caller))
    const claim = workbench.claimNext(db, me)
    if (claim.responseId === null) return { item: null, reason: claim.reason }
    if (claim.claimed) changed(context, me, 'assigned')
    return { item: workbench.workItem(db, me, claim.responseId), reason: null }
  },
  'work-get': ({ responseId }, context, caller) => {
    const db = readable(context)
    const me = workbench.actorId(db, caller, false)
    if (me === null) throw new CastorError('forbidden', `Answer ${responseId} is not assigned to you`)
    return workbench.workItem(db, me, responseId)
  },
  'work-queue': (input, context, caller) => {
    const db = readable(context)
    return workbench.workQueue(db, workbench.actorId(db, caller, false), input)
  },
  'annotation-draft-save': async (input, context, caller) => {
    const db = await writableAfterImports(context)
    return workbench.saveDraft(db, workbench.requireActor(db, caller), input)
  },
  'annotation-submit': async (input, context, caller) => {
    const db = await writableAfterImports(context)
    const me = workbench.requireActor(db, caller)
    const result = workbench.submit(db, me, input)
    changed(context, me, 'submitted')
    const feedback = workbench.controlFeedback(db, input.itemId)
    return feedback ? { ...result, feedback } : result
  },
  'annotation-revise': async (input, context, caller) => {
    const db = await writableAfterImports(context)
    const me = workbench.requireActor(db, caller)
    const result = workbench.revise(db, me, input)
    changed(context, me, 'revised')
    return result
  },
  'reveal-get': ({ responseId }, context, caller) => {
    const db = readable(context)
    const me = workbench.actorId(db, caller, false)
    const assigned = me !== null && stmt(db, 'SELECT 1 FROM assignments WHERE response_id = ? AND annotator_id = ?').pluck().get(responseId, me)
    if (!assigned) {
      // Leads and owners see every answer; an annotator only their own.
      if (caller.role === 'annotator') throw new CastorError('forbidden', `Answer ${responseId} is not assigned to you`)
      if (!db.prepare('SELECT 1 FROM responses WHERE id = ?').pluck().get(responseId)) throw new CastorError('not-found', `No answer ${responseId}`)
      return { responseId, items: workbench.reveal(db, responseId, null) }
    }
    return { responseId, items: workbench.reveal(db, responseId, me) }
  },

  'progress-get': (_input, context) => leadView(context, 'progress', null, (db) => workbench.progress(db)),
  'review-list': (input, context) => leadView(context, 'review', input, (db) => workbench.reviewList(db, input)),
  'adjudication-queue': (input, context) => leadView(context, 'adjudication', input, (db) => workbench.adjudicationQueue(db, input)),
  'adjudication-set': async (input, context, caller) => {
    const db = await writableAfterImports(context)
    return inTransaction(db, () => workbench.setAdjudication(db, input, callerName(db, caller)))
  },
  'project-settings-update': async (input, context) => {
    const db = await writableAfterImports(context)
    const result = inTransaction(db, () => workbench.updateSettings(db, input))
    changed(context, null, 'settings')
    return result
  },
}
