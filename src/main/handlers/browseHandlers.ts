import { getInstruction, getItem, getResponseItems, listCriteria, listInstructions } from '../services/project/browse'
import { listTaskNames } from '../services/project/taskNames'
import type { HandlerMap } from './types'

export const browseHandlers: HandlerMap<'instructions-list' | 'instruction-get' | 'response-items' | 'item-get' | 'criteria-list' | 'task-names'> = {
  'instructions-list': (input, context) => listInstructions(context.project.require().db, input),
  'instruction-get': ({ id }, context) => getInstruction(context.project.require().db, id),
  'response-items': ({ responseId }, context) => getResponseItems(context.project.require().db, responseId),
  'item-get': ({ id }, context) => getItem(context.project.require().db, id),
  'criteria-list': (_input, context) => listCriteria(context.project.require().db),
  'task-names': (_input, context) => listTaskNames(context.project.require().db),
}
