import { useTranslation } from 'react-i18next'
import type { Annotation, Judgment } from '@shared/api/models'
import { ScoreValue } from './ScoreValue'

/** The experts' scores with their rationales. */
export function Annotations({ annotations }: { annotations: Annotation[] }) {
  const { t } = useTranslation()
  if (annotations.length === 0) return <p className="muted">{t('item.noAnnotations')}</p>
  return (
    <ul className="score-list" data-testid="annotations">
      {annotations.map((annotation) => (
        <li key={annotation.id} className="score-entry" data-testid="annotation">
          <div className="score-head">
            <span className="who" data-testid="annotator">
              {annotation.annotator}
            </span>
            {annotation.status === 'draft' && <span className="tag tag-draft">{t('item.draft')}</span>}
            <span data-testid="annotation-score">
              <ScoreValue score={annotation.score} notApplicable={annotation.notApplicable} />
            </span>
          </div>
          {annotation.rationale && <p className="rationale">{annotation.rationale}</p>}
        </li>
      ))}
    </ul>
  )
}

/** The judge models' scores, rationales and failures. */
export function Judgments({ judgments }: { judgments: Judgment[] }) {
  const { t } = useTranslation()
  if (judgments.length === 0) return <p className="muted">{t('item.noJudgments')}</p>
  return (
    <ul className="score-list" data-testid="judgments">
      {judgments.map((judgment) => (
        <li key={judgment.id} className="score-entry" data-testid="judgment">
          <div className="score-head">
            <span className="who">{judgment.run}</span>
            {judgment.model !== judgment.run && <span className="muted model">{judgment.model}</span>}
            {judgment.error !== null ? (
              <span className="tag tag-error" title={judgment.error} data-testid="judgment-error">
                {t('item.judgmentFailed')}
              </span>
            ) : (
              <span data-testid="judgment-score">
                <ScoreValue score={judgment.score} notApplicable={judgment.notApplicable} />
              </span>
            )}
          </div>
          {judgment.error && <p className="rationale error-text">{judgment.error}</p>}
          {judgment.rationale && <p className="rationale">{judgment.rationale}</p>}
        </li>
      ))}
    </ul>
  )
}
