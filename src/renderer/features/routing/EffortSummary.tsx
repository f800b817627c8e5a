import { useTranslation } from 'react-i18next'
import type { RoutingStatus } from '@shared/api/routingModels'
import { useFormat } from '../../hooks/useFormat'

/**
 * Expert effort under judge-guided routing (scores given and needed against the fixed-k plan, items by role) and how
 * often assisted experts kept the judge's score. Nothing when routing is off and no score was assisted.
 */
export function EffortSummary({ status }: { status: RoutingStatus }) {
  const { t } = useTranslation()
  const format = useFormat()
  const routed = status.phase !== 'off'
  const { submitted, keptJudge } = status.assisted
  if (!routed && submitted === 0) return null
  const { given, planned, fixedK } = status.expertScores
  return (
    <section className="team-overall" aria-label={t('effort.heading')} data-testid="effort-summary">
      <strong>{t('effort.heading')}</strong>
      {routed && (
        <>
          <span data-testid="effort-scores" data-given={given} data-planned={planned} data-fixed-k={fixedK}>
            {t('effort.scores', { given: format.count(given), planned: format.count(planned), fixedK: format.count(fixedK), saved: format.count(Math.max(0, fixedK - planned)) })}
          </span>
          <span data-testid="effort-calibration">{t('effort.calibration', { complete: format.count(status.calibration.complete), answers: format.count(status.calibration.answers) })}</span>
          <span data-testid="effort-items">{t('effort.items', status.items)}</span>
        </>
      )}
      {submitted > 0 && (
        <span data-testid="effort-assisted" data-submitted={submitted} data-kept={keptJudge}>
          {t('effort.assisted', { submitted: format.count(submitted), kept: format.count(keptJudge), share: `${format.number(Math.round((1000 * keptJudge) / submitted) / 10)} %` })}
        </span>
      )}
    </section>
  )
}
