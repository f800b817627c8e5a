import { useTranslation } from 'react-i18next'
import type { Stat } from '@shared/api/statsModels'
import { formatFigure } from '@shared/charts/analyticsCharts'

/** A coefficient: its value (and CI), or a dash and the reason it is undefined — never NaN. */
export function StatValue({ stat, digits = 3 }: { stat: Stat | null | undefined; digits?: number }) {
  const { t } = useTranslation()
  if (!stat) return <span className="stat stat-undefined">—</span>
  if (stat.value === null) {
    const reason = stat.reason ?? t('analytics.undefined')
    return (
      <span className="stat stat-undefined" data-undefined="true" title={reason}>
        — <span className="stat-reason" data-testid="undefined-reason">{reason}</span>
      </span>
    )
  }
  return (
    <span className="stat" data-value={stat.value}>
      {formatFigure(stat.value, digits)}
      {stat.ci && (
        <span className="stat-ci">
          {' '}
          [{formatFigure(stat.ci[0], digits)}, {formatFigure(stat.ci[1], digits)}]
        </span>
      )}
    </span>
  )
}

/** A labelled figure of the summary row. */
export function FigureCard({ id, label, stat }: { id: string; label: string; stat: Stat | null | undefined }) {
  return (
    <div className="figure-card" data-testid={`figure-${id}`} data-undefined={stat?.value === null ? 'true' : 'false'}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">
        <StatValue stat={stat} />
      </div>
    </div>
  )
}

/** A count as a figure card. */
export function CountCard({ id, label, value }: { id: string; label: string; value: number }) {
  return (
    <div className="figure-card" data-testid={`figure-${id}`}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">{value}</div>
    </div>
  )
}
