import type { qualityOperations } from '@shared/api/qualityOperations'
import { setMacePosteriorSource } from '../services/workbench/adjudicationItem'
import type { HandlerMap } from './types'
import { analyticsFor } from './statsHandlers'

/** Per-annotator quality: computed in the analytics worker (the dashboard's), from the same read of the project. */
export const qualityHandlers: HandlerMap<keyof typeof qualityOperations> = {
  'quality-compute': (options, context) => analyticsFor(context.project.require().db).query({ op: 'quality', options }),
  'quality-items': (query, context) => analyticsFor(context.project.require().db).query({ op: 'quality-items', query }),
}

// The adjudication panel's MACE posterior: the same worker, its pooled fit kept while the expert scores are unchanged.
setMacePosteriorSource((db, itemId) => analyticsFor(db).query({ op: 'mace-posterior', itemId }))
