import { useTranslation } from 'react-i18next'
import type { InstructionRow } from '@shared/api/models'

/** One instruction in the list: external id and task, the preview, and how much is attached to it. */
export function InstructionRowView({ row }: { row: InstructionRow }) {
  const { t } = useTranslation()
  return (
    <>
      <div className="row-line">
        <span className="row-id">{row.externalId}</span>
        {row.taskPath && (
          <span className="row-task" title={row.taskPath}>
            {row.taskPath}
          </span>
        )}
        <span className="row-counts">
          <span title={`${t('counts.responses')}: ${row.responses}`}>
            {row.responses} {t('short.responses')}
          </span>
          <span title={`${t('counts.items')}: ${row.items}`}>
            {row.items} {t('short.items')}
          </span>
          <span title={`${t('counts.annotations')}: ${row.annotations}`}>
            {row.annotations} {t('short.annotations')}
          </span>
        </span>
      </div>
      <div className="row-preview">{row.preview}</div>
    </>
  )
}
