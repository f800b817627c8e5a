import { useTranslation } from 'react-i18next'
import { useFormat } from '../../hooks/useFormat'

/** A score, or «Not applicable», or a dash when there is none. */
export function ScoreValue({ score, notApplicable }: { score: number | null; notApplicable: boolean }) {
  const { t } = useTranslation()
  const format = useFormat()
  if (notApplicable) return <span className="score score-na">{t('score.notApplicable')}</span>
  if (score === null) return <span className="score score-none">—</span>
  return <span className="score">{format.number(score)}</span>
}
