import type { TFunction } from 'i18next'
import type { CalibrationChoice, ItemRouting } from '@shared/api/routingModels'

const two = (value: number | null) => (value === null ? '—' : value.toFixed(2))

/** Why an item went to experts or was accepted, in one line ("judge confidence 0.52 < λ 0.71"). Pure. */
export function routingReasonText(routing: ItemRouting, t: TFunction): string {
  const values = {
    score: routing.judgeScore ?? '—',
    confidence: two(routing.confidence),
    lambda: two(routing.lambda),
    alpha: two(routing.alpha),
    delta: two(routing.delta),
    n: routing.calibrationSize ?? 0,
    probability: two(routing.routingProbability),
  }
  switch (routing.role) {
    case 'calibration':
      return t('routing.reason.calibration')
    case 'pending':
      return t('routing.reason.pending')
    case 'accepted':
      return t('routing.reason.accepted', values)
    case 'escalated': {
      const above = routing.lambda !== null && routing.confidence !== null && routing.confidence >= routing.lambda
      const line = routing.lambda === null ? t('routing.reason.escalatedNoLambda') : above ? t('routing.reason.escalatedSampled', values) : t('routing.reason.escalated', values)
      return `${line}. ${t('routing.reason.experts', { n: routing.expertsNeeded })}`
    }
  }
}

/** How the default calibration size was chosen, in the UI's language. Pure. */
export function calibrationDefaultText(choice: CalibrationChoice, t: TFunction): string {
  const values = { ...choice, alpha: String(choice.alpha), delta: String(choice.delta), rarestShare: choice.rarestShare.toFixed(2) }
  return [
    t('routing.calibrationDefault.base', values),
    choice.alphaAssumed ? t('routing.calibrationDefault.alphaAssumed', values) : '',
    choice.rarestShare < 1 ? t('routing.calibrationDefault.rarest', values) : '',
    choice.capped ? t('routing.calibrationDefault.capped', values) : '',
  ]
    .filter(Boolean)
    .join(' ')
}
