import { useTranslation } from 'react-i18next'
import type { Annotation, CriterionLevel, Judgment } from '@shared/api/models'
import { useFormat } from '../../hooks/useFormat'

/** Every level of the rubric, with who gave that score beside it (experts, judges, gold). */
export function RubricLevels({
  levels,
  annotations,
  judgments,
  goldScore,
}: {
  levels: CriterionLevel[]
  annotations: Annotation[]
  judgments: Judgment[]
  goldScore: number | null
}) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <ol className="rubric" data-testid="rubric-levels">
      {levels.map((level) => {
        const experts = annotations.filter((a) => !a.notApplicable && a.score === level.score)
        const judges = judgments.filter((j) => !j.notApplicable && j.score === level.score)
        const chosen = experts.length > 0 || judges.length > 0 || goldScore === level.score
        return (
          <li key={level.score} className={`rubric-level ${chosen ? 'chosen' : ''}`} data-testid="rubric-level" data-score={level.score}>
            <span className="rubric-score">{format.number(level.score)}</span>
            <span className="rubric-text">{level.text || <em className="muted">{t('criterion.noLevelText')}</em>}</span>
            <span className="rubric-marks">
              {goldScore === level.score && <span className="mark mark-gold">{t('item.gold')}</span>}
              {experts.map((a) => (
                <span key={`a${a.id}`} className="mark mark-expert" title={a.annotator}>
                  {a.annotator}
                </span>
              ))}
              {judges.map((j) => (
                <span key={`j${j.id}`} className="mark mark-judge" title={`${j.run} · ${j.model}`}>
                  {j.run}
                </span>
              ))}
            </span>
          </li>
        )
      })}
    </ol>
  )
}
