import { useTranslation } from 'react-i18next'
import { ClampedText } from '../../components/ClampedText'

/** A criterion's description, clamped to a few lines with more/less. */
export function CriterionDescription({ text, testId }: { text: string; testId: string }) {
  const { t } = useTranslation()
  return <ClampedText text={text} className="criterion-description" moreLabel={t('criterion.more')} lessLabel={t('criterion.less')} testId={testId} />
}
