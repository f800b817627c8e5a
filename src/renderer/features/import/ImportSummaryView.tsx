import { useTranslation } from 'react-i18next'
import { ImportSummary } from '@shared/api/models'
import { useFormat } from '../../hooks/useFormat'

export function asImportSummary(value: unknown): ImportSummary | null {
  const parsed = ImportSummary.safeParse(value)
  return parsed.success ? parsed.data : null
}

const addedKinds = ['instructions', 'responses', 'criteria', 'items', 'annotators', 'annotations', 'judgments', 'judgmentErrors', 'judgeRuns', 'tasks'] as const

/** What an import did: rows read, and what the project gained of each kind. */
export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation()
  const format = useFormat()
  const gained = addedKinds.filter((kind) => summary.added[kind] > 0)
  return (
    <div className="import-outcome" data-testid="import-summary">
      <h3 className="outcome-title outcome-done">{t('import.done')}</h3>
      <p>
        {t('import.summary', {
          rows: format.count(summary.rows),
          file: summary.file,
          format: t(`import.formats.${summary.format}`),
          time: format.duration(summary.durationMs),
        })}
      </p>
      {gained.length === 0 ? (
        <p className="muted" data-testid="import-nothing-added">
          {t('import.nothingAdded')}
        </p>
      ) : (
        <dl className="added">
          {gained.map((kind) => (
            <div key={kind} className="count" data-testid={`added-${kind}`}>
              <dt>{t(`counts.${kind}`)}</dt>
              <dd>+{format.count(summary.added[kind])}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  )
}
