import type { TFunction } from 'i18next'
import type { ErrorLocation } from '@shared/api/errors'
import { isImportReasonKey } from '@shared/api/importReasons'

/** Parameters whose values are words the importers write in English (a type, a unit, a rater), said in the UI's language. */
const WORD_PARAMS = new Set(['type', 'unit', 'rater'])

/**
 * An import error in the UI's language: the reason key and its parameters (location.reason), placed as the CLI
 * places them (where: field reason). Other errors, and reasons this build does not know, keep their message.
 */
export function importErrorMessage(t: TFunction, error: { message: string; location?: ErrorLocation }): string {
  const location = error.location
  const reason = location?.reason
  if (!location || !reason || !isImportReasonKey(reason.key)) return error.message
  const params: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(reason.params ?? {})) {
    params[name] = WORD_PARAMS.has(name) && typeof value === 'string' ? word(t, value) : value
  }
  const { file = '', line, unit, field, column } = location
  const where = line !== undefined && unit ? t(`importErrors.where.${unit}`, { file, position: line }) : t('importErrors.where.file', { file })
  const subject = field ? `${column !== undefined ? t('importErrors.column', { column, field }) : t('importErrors.field', { field })} ` : ''
  return `${where}: ${subject}${t(`importErrors.reasons.${reason.key}`, params)}`
}

function word(t: TFunction, value: string): string {
  const key = value.replace(/^an? /, '')
  return t(`importErrors.words.${key}`, { defaultValue: value })
}
