import type { ExpansionResult } from '@shared/api/criteriaModels'
import type { criteriaOperations } from '@shared/api/criteriaOperations'
import { CastorError } from '@shared/api/errors'
import type { HostContext } from '../host/context'
import type { Db } from '../services/db'
import { duplicateCriterion, editableCriteria, editableCriterion, saveCriterion } from '../services/criteria/editor'
import { answerGuidance, getGuideline, saveGuideline } from '../services/criteria/guidelines'
import { addLibraryCriteria, polluxLibraryView } from '../services/criteria/library'
import { addSetTarget, expandCriteriaSets, getCriteriaSet, listCriteriaSets, saveCriteriaSet } from '../services/criteria/sets'
import { requireActor } from '../services/workbench/identity'
import { writableAfterImports } from './guards'
import type { HandlerMap } from './types'

const inTransaction = <T>(db: Db, work: () => T): T => db.transaction(work).immediate()

/**
 * Writes a set's change and its expansion into items as one job (shown with progress like an import, and waited
 * for by exports and other writes): one IMMEDIATE transaction across the expansion's steps, all or nothing.
 */
async function expandAsJob(context: HostContext, label: string, change: (db: Db) => number): Promise<{ setId: number; added: ExpansionResult }> {
  const db = await writableAfterImports(context)
  let outcome: { setId: number; added: ExpansionResult } | null = null
  let failure: unknown = null
  const job = context.jobs.start({
    kind: 'import',
    label,
    unit: 'rows',
    run: async ({ report, signal }) => {
      db.exec('BEGIN IMMEDIATE')
      try {
        const setId = change(db)
        const added = await expandCriteriaSets(db, { setId, signal, onProgress: (done, total) => report(done, total, done) })
        db.exec('COMMIT')
        outcome = { setId, added }
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK')
        failure = error
        throw error
      }
      context.project.changed()
      return outcome
    },
  })
  await context.jobs.settled(job.id)
  if (failure) throw failure
  if (!outcome) throw new CastorError('internal', `${label} did not finish`)
  return outcome
}

export const criteriaHandlers: HandlerMap<keyof typeof criteriaOperations> = {
  'pollux-library': () => polluxLibraryView(),
  'criteria-library-add': async ({ taskPaths, criterionIds }, context) => {
    const db = await writableAfterImports(context)
    return inTransaction(db, () => {
      const ids = addLibraryCriteria(db, taskPaths, criterionIds)
      const byExternalId = db.prepare('SELECT id FROM criteria WHERE external_id = ?').pluck()
      return ids.map((id) => editableCriterion(db, byExternalId.get(id) as number))
    })
  },
  'criteria-editable': (_input, context) => editableCriteria(context.project.require().db),
  'criterion-save': async ({ id, criterion }, context) => {
    const db = await writableAfterImports(context)
    return inTransaction(db, () => saveCriterion(db, id, criterion))
  },
  'criterion-duplicate': async ({ id, name }, context) => {
    const db = await writableAfterImports(context)
    return inTransaction(db, () => duplicateCriterion(db, id, name))
  },
  'criteria-sets-list': (_input, context) => listCriteriaSets(context.project.require().db),
  'criteria-set-save': async ({ id, name, criterionIds }, context) => {
    const { setId, added } = await expandAsJob(context, name, (db) => saveCriteriaSet(db, id, name, criterionIds))
    return { set: getCriteriaSet(context.project.require().db, setId), added }
  },
  'criteria-set-attach': async ({ setId, target }, context) => {
    const name = context.project.require().db.prepare('SELECT name FROM criteria_sets WHERE id = ?').pluck().get(setId) as string | undefined
    const { added } = await expandAsJob(context, name ?? `criteria set ${setId}`, (db) => {
      addSetTarget(db, setId, target)
      return setId
    })
    return { set: getCriteriaSet(context.project.require().db, setId), added }
  },
  'guideline-get': (target, context) => getGuideline(context.project.require().db, target),
  'guideline-save': async ({ target, text }, context) => {
    const db = await writableAfterImports(context)
    return inTransaction(db, () => saveGuideline(db, target, text))
  },
  'guidance-get': async ({ responseId }, context, caller) => {
    const db = await writableAfterImports(context)
    return inTransaction(db, () => {
      const me = requireActor(db, caller)
      if (!db.prepare('SELECT 1 FROM assignments WHERE response_id = ? AND annotator_id = ?').pluck().get(responseId, me)) {
        throw new CastorError('forbidden', `Answer ${responseId} is not assigned to you`)
      }
      return answerGuidance(db, me, responseId)
    })
  },
}
