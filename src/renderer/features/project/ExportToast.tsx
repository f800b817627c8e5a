import { useTranslation } from 'react-i18next'
import { ErrorDetails } from '../../components/ErrorDetails'
import { useFormat } from '../../hooks/useFormat'
import { useAppStore } from '../../stores/appStore'
import { useExportStore } from '../../stores/exportStore'
import { useViewStore } from '../../stores/viewStore'

/** The last export's outcome (rows, size, where, or the error), only in the project and tab it was started from. */
export function ExportToast() {
  const { t } = useTranslation()
  const format = useFormat()
  const { result, error, origin, dismiss } = useExportStore()
  const projectPath = useAppStore((s) => s.project?.path ?? null)
  const view = useViewStore((s) => s.view)
  if (!(result || error) || origin?.projectPath !== projectPath || origin.view !== view) return null
  return (
    <div className={error ? 'toast toast-error' : 'toast'} role="status" data-testid="export-outcome">
      <div className="toast-body">
        {result && (
          <p>
            {t('export.done', { rows: format.count(result.rows), size: format.bytes(result.bytes) })}
            <br />
            <code>{result.path}</code>
          </p>
        )}
        {error && <ErrorDetails error={error} />}
      </div>
      <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={dismiss} data-testid="export-outcome-dismiss">
        ×
      </button>
    </div>
  )
}
