import { useTranslation } from 'react-i18next'
import type { SimulationReport } from '@shared/api/simulationModels'
import { formatFigure } from '@shared/charts/analyticsCharts'

const pct = (v: number | null) => (v === null ? '—' : `${formatFigure(100 * v, 1)} %`)
const fig = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatFigure(v))

/** The figures of a finished simulation: overall and per criterion. */
export function SimulationFigures({ report }: { report: SimulationReport }) {
  const { t } = useTranslation()
  const rows = [['—', report] as const, ...Object.entries(report.byCriterion)]
  return (
    <div data-testid="simulation-figures">
      <p>
        {t('estimates.simulation.used', { used: Math.round(report.expertScores.used), fixed: report.expertScores.fixedK, saved: pct(report.expertScores.savedShare) })}
        <br />
        <span className="muted">{t('estimates.simulation.calibrationChosen', { answers: report.calibration.answers, how: report.calibration.chosenBy })}</span>
      </p>
      <table className="analytics-table" data-testid="simulation-table">
        <thead>
          <tr>
            <th>{t('estimates.simulation.criterion')}</th>
            <th>λ</th>
            <th>α</th>
            <th>{t('estimates.simulation.accepted')}</th>
            <th>{t('estimates.simulation.disagreement')}</th>
            <th>{t('estimates.simulation.violation')}</th>
            <th>{t('estimates.simulation.coverage')}</th>
            <th>{t('estimates.simulation.ratio')}</th>
            <th>{t('estimates.simulation.tau')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, g]) => (
            <tr key={name} data-criterion={name}>
              <th scope="row">{name}</th>
              <td>{fig(g.itemLevel.lambda)}</td>
              <td>{fig(g.itemLevel.alpha)}</td>
              <td>{pct(g.itemLevel.acceptedShare)}</td>
              <td>
                {pct(g.itemLevel.disagreementOnAccepted.mean)} / {pct(g.itemLevel.disagreementOnAccepted.max)}
              </td>
              <td>{pct(g.itemLevel.violationRate)}</td>
              <td>{pct(g.estimates.coverage)}</td>
              <td>{fig(g.estimates.ciWidthRatio)}</td>
              <td>{fig(g.estimates.rankingKendallTau)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
