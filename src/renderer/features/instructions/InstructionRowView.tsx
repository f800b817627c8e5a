import { useTranslation } from 'react-i18next'
import type { InstructionRow } from '@shared/api/models'
import { useTaskLabels } from './useTaskLabels'

/** One instruction in the list: external id and task, the preview, and how much is attached to it. */
export function InstructionRowView({ row }: { row: InstructionRow }) {
  const { t } = useTranslation()
  const labels = useTaskLabels()
  const task = row.taskPath === null ? null : labels.taskPath(row.taskPath)
  return (
    <>
      <div className="row-line">
        <span className="row-id">{row.externalId}</span>
        {task && (
          <span className="row-task" title={task} data-testid="instruction-row-task">
            {task}
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
