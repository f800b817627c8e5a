import type { WorkbenchSettings } from '@shared/api/workbenchModels'
import type { Db } from '../db'
import { stmt } from './statements'

export const nowIso = (): string => new Date().toISOString()

export function getSettings(db: Db): WorkbenchSettings {
  const row = stmt(db, 'SELECT overlap, rationale_required AS rationaleRequired, agreement_source AS agreementSource FROM workbench_settings WHERE id = 1').get() as
    | { overlap: number; rationaleRequired: number; agreementSource: 'first' | 'latest' }
    | undefined
  if (!row) return { overlap: 2, rationaleRequired: true, agreementSource: 'first' }
  return { overlap: row.overlap, rationaleRequired: row.rationaleRequired === 1, agreementSource: row.agreementSource }
}

/** Changes the settings. Lowering the overlap never takes answers away from anyone; it only stops new claims. */
export function updateSettings(db: Db, patch: Partial<WorkbenchSettings>): WorkbenchSettings {
  const next = { ...getSettings(db), ...patch }
  stmt(db, 
    `INSERT INTO workbench_settings (id, overlap, rationale_required, agreement_source) VALUES (1, @overlap, @rationaleRequired, @agreementSource)
     ON CONFLICT (id) DO UPDATE SET overlap = excluded.overlap, rationale_required = excluded.rationale_required, agreement_source = excluded.agreement_source`,
  ).run({ overlap: next.overlap, rationaleRequired: next.rationaleRequired ? 1 : 0, agreementSource: next.agreementSource })
  return next
}
