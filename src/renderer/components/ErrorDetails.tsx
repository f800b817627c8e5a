import { useTranslation } from 'react-i18next'
import type { ErrorLocation } from '@shared/api/errors'
import { importErrorMessage } from '../features/import/importErrorMessage'

export interface ErrorLike {
  code: string
  message: string
  location?: ErrorLocation
}

function showValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text
}

/** An error's message (an import error in the UI's language) and where it was found: file, line, field and value, each on its own line. */
export function ErrorDetails({ error, testId }: { error: ErrorLike; testId?: string }) {
  const { t } = useTranslation()
  const location = error.location ?? {}
  const rows: [string, string, string][] = []
  if (location.file !== undefined) rows.push(['file', t('error.file'), location.file])
  if (location.line !== undefined) rows.push(['line', t('error.line'), String(location.line)])
  if (location.field !== undefined) rows.push(['field', t('error.field'), location.field])
  if (location.column !== undefined) rows.push(['column', t('mapping.column'), location.column])
  if (location.value !== undefined) rows.push(['value', t('error.value'), showValue(location.value)])
  return (
    <div className="error-details" role="alert" data-testid={testId}>
      <div className="error-message">{importErrorMessage(t, error)}</div>
      {rows.length > 0 && (
        <dl className="error-location">
          {rows.map(([key, label, value]) => (
            <div key={key} className="error-location-row" data-testid={`error-${key}`}>
              <dt>{label}</dt>
              <dd>
                <code>{value}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  )
}
