import { useTranslation } from 'react-i18next'
import { useTeamStore } from '../../stores/teamStore'
import { useFormat } from '../../hooks/useFormat'
import { RoutedEffort } from '../routing/RoutedEffort'

/** Done / assigned, scores per hour and median time per score, per annotator and overall; live (progress-changed). */
export function ProgressPanel() {
  const { t } = useTranslation()
  const format = useFormat()
  const progress = useTeamStore((s) => s.progress)
  if (!progress) return <p className="muted">{t('common.loading')}</p>
  const { overall } = progress
  const perHour = (value: number | null) => (value === null ? '—' : format.number(value >= 10 ? Math.round(value) : Math.round(value * 10) / 10))
  const median = (value: number | null) => (value === null ? '—' : format.duration(value))
  return (
    <section className="team-panel" aria-label={t('workbench.team.progress')} data-testid="team-progress">
      <div className="team-overall" data-testid="progress-overall" data-done={overall.done} data-assigned={overall.assigned}>
        <strong>{t('workbench.team.overall')}</strong>
        <span>{t('workbench.team.answersDone', { done: overall.done, slots: overall.slots, overlap: overall.overlap })}</span>
        <span>
          {format.count(overall.itemsSubmitted)} {t('workbench.team.itemsSubmitted')}
        </span>
        <span>
          {perHour(overall.itemsPerHour)} {t('workbench.team.itemsPerHour')}
        </span>
        <span>
          {median(overall.medianMsPerItem)} {t('workbench.team.medianTime')}
        </span>
      </div>
      <RoutedEffort refreshKey={overall.itemsSubmitted} />
      <table className="team-table">
        <thead>
          <tr>
            <th>{t('workbench.team.annotator')}</th>
            <th>{t('workbench.team.doneAssigned')}</th>
            <th>{t('workbench.team.itemsSubmitted')}</th>
            <th>{t('workbench.team.itemsPerHour')}</th>
            <th>{t('workbench.team.medianTime')}</th>
          </tr>
        </thead>
        <tbody>
          {progress.annotators.map((row) => (
            <tr key={row.annotatorId} data-testid="progress-row" data-name={row.name} data-done={row.done} data-assigned={row.assigned}>
              <td>{row.name}</td>
              <td>
                <div className="team-bar" aria-hidden="true">
                  <div style={{ width: `${row.assigned ? (100 * row.done) / row.assigned : 0}%` }} />
                </div>
                {row.done} / {row.assigned}
              </td>
              <td>{format.count(row.itemsSubmitted)}</td>
              <td>{perHour(row.itemsPerHour)}</td>
              <td>{median(row.medianMsPerItem)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
