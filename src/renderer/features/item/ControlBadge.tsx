import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/useFormat'

/** "control" beside a control item in Browse (lead-only screens); its title gives the reference score. */
export function ControlBadge({ score }: { score: number | null }) {
  const { t } = useTranslation()
  const format = useFormat()
  if (score === null) return null
  return (
    <span className="tag tag-draft" title={t('controls.isControl', { score: format.number(score) })} data-testid="control-badge">
      {t('controls.badge')}
    </span>
  )
}
