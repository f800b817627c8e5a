import type { ItemSelection } from '@shared/api/judgeModels'
import { CastorError } from '@shared/api/errors'
import type { Db } from '../../db'
import type { DecodingParameters, JudgeModelIdentity } from '../backend'
import { makeRunConfig, type BackendSettings } from './runConfig'
import { clearErrors, enqueueItems, ensureRun, queueCounts, type RunRow } from './runStore'
import { selectItems } from './selection'

export interface RunSpec {
  name: string
  identity: JudgeModelIdentity
  parallel: number
  settings: BackendSettings
  decoding: DecodingParameters
  selection: ItemSelection
  /** Judge again the items whose judgment is an error. */
  retryErrors?: boolean
  /** How the user resumes an existing run of this configuration (see ensureRun). */
  resumeHint?: (existing: string) => string
}

export interface PreparedRun {
  run: RunRow
  created: boolean
  /** Items this selection added to the run's queue. */
  added: number
  selected: number
  queued: number
  alreadyJudged: number
  clearedErrors: number
}

/** Finds or creates the run for this configuration and queues the selected items; judges nothing. */
export function prepareRun(db: Db, spec: RunSpec): PreparedRun {
  if (spec.decoding.constrained && spec.identity.backend !== 'llama-cpp') {
    throw new CastorError('unsupported', 'Constrained decoding works with a local GGUF model only; a server judges unconstrained (its output is parsed and checked against the scale)', { field: 'constrained' })
  }
  const config = makeRunConfig(spec.identity, spec.decoding, spec.parallel, spec.settings)
  const { run, created } = ensureRun(db, spec.name, config, spec.resumeHint)
  const itemIds = selectItems(db, spec.selection)
  const added = enqueueItems(db, run.id, itemIds, spec.selection)
  const clearedErrors = spec.retryErrors ? clearErrors(db, run.id) : 0
  const counts = queueCounts(db, run.id)
  return { run, created, added, selected: itemIds.length, queued: counts.queued, alreadyJudged: counts.judged, clearedErrors }
}
