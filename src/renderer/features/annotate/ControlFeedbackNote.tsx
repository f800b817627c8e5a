import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/useFormat'

/** After submitting a control item, when the lead turned feedback on: the reference score and the lead's note. */
export function ControlFeedbackNote({ feedback }: { feedback: { referenceScore: number; note: string | null } | null }) {
  const { t } = useTranslation()
  const format = useFormat()
  if (!feedback) return null
  return (
    <section className="wb-reveal" data-testid="control-feedback">
      <h3 className="section-title">{t('controls.feedbackTitle')}</h3>
      <p>
        {t('controls.feedbackText', { score: format.number(feedback.referenceScore) })} {feedback.note}
      </p>
    </section>
  )
}
