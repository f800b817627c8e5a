import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EstimateRow } from '@shared/api/estimatesModels'
import type { StatsReport } from '@shared/api/statsModels'
import { formatFigure } from '@shared/charts/analyticsCharts'
import { FootnoteList, Footnotes, StatValue } from './FigureValue'

/**
 * PPI++ mean scores of the report's `estimates` for one judge run: models in ranking order, the PPI and the
 * expert-only means with 95 % intervals and their width ratio; per model (all criteria) or for the chosen criterion.
 */
export function EstimatesTable({ report, criterion, preferredRun }: { report: StatsReport; criterion: string | null; preferredRun: string | null }) {
  const { t } = useTranslation()
  const runs = Object.keys(report.estimates)
  const [chosen, setChosen] = useState<string | null>(null)
  const run = chosen && runs.includes(chosen) ? chosen : preferredRun && runs.includes(preferredRun) ? preferredRun : (runs[0] ?? null)
  if (run === null) {
    return (
      <section className="analytics-table-section" aria-label={t('estimates.heading')}>
        <h3>{t('estimates.heading')}</h3>
        <p className="muted" data-testid="estimates-none">
          {t('estimates.none')}
        </p>
      </section>
    )
  }
  const estimates = report.estimates[run]
  const rows: Record<string, EstimateRow> = (criterion === null ? estimates.byModel : estimates.byCriterion[criterion]) ?? {}
  const rank = new Map(estimates.ranking.map((r) => [r.model, r.rank]))
  const models = Object.keys(rows).sort((a, b) => (rows[b].ppi.value ?? -Infinity) - (rows[a].ppi.value ?? -Infinity) || (a < b ? -1 : 1))
  const notes = new Footnotes(t('analytics.undefined'))
  return (
    <section className="analytics-table-section" aria-label={t('estimates.heading')}>
      <header className="drill-header">
        <h3>{t('estimates.heading')}</h3>
        <label>
          {t('estimates.run')}{' '}
          <select data-testid="estimates-run" value={run} onChange={(event) => setChosen(event.target.value)}>
            {runs.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </header>
      <p className="muted">{t('estimates.explain')}</p>
      {estimates.design && <p className="muted" data-testid="estimates-design" title={estimates.sample}>{t(`effort.design.${estimates.design}`)}</p>}
      <table className="analytics-table" data-testid="estimates-table">
        <thead>
          <tr>
            <th>{t('estimates.rank')}</th>
            <th>{t('estimates.model')}</th>
            <th>{t('estimates.labeled')}</th>
            <th>{t('estimates.unlabeled')}</th>
            <th>{t('estimates.ppi')}</th>
            <th>{t('estimates.expertOnly')}</th>
            <th>{t('estimates.widthRatio')}</th>
            <th>{t('estimates.lambda')}</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => {
            const row = rows[model]
            return (
              <tr key={model} data-model={model}>
                <td>{criterion === null ? (rank.get(model) ?? '—') : '—'}</td>
                <th scope="row">{model}</th>
                <td>{row.labeled}</td>
                <td>{row.unlabeled}</td>
                <td>
                  <StatValue stat={row.ppi} note={notes.of(row.ppi)} />
                </td>
                <td>
                  <StatValue stat={row.expertOnly} note={notes.of(row.expertOnly)} />
                </td>
                <td>
                  <StatValue stat={row.widthRatio} note={notes.of(row.widthRatio)} />
                </td>
                <td>{formatFigure(row.lambda)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <FootnoteList notes={notes} testId="estimates-table-notes" />
    </section>
  )
}
