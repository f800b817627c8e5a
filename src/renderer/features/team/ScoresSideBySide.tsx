import { useTranslation } from 'react-i18next'
import type { JudgeScore, OtherAnnotation } from '@shared/api/workbenchModels'
import { ScoreValue } from '../item/ScoreValue'

/** Every expert's score and rationale of one item side by side, then the judges'. */
export function ScoresSideBySide({ annotations, judges }: { annotations: OtherAnnotation[]; judges: JudgeScore[] }) {
  const { t } = useTranslation()
  return (
    <div className="side-by-side">
      {annotations.map((annotation) => (
        <div key={annotation.annotatorId} className="side-card" data-testid="review-annotation">
          <div className="score-head">
            <span className="who">{annotation.annotator}</span>
            <ScoreValue score={annotation.score} notApplicable={annotation.notApplicable} />
          </div>
          {annotation.rationale && <p className="rationale">{annotation.rationale}</p>}
        </div>
      ))}
      {judges.map((judge, index) => (
        <div key={`j${index}`} className="side-card side-judge" data-testid="review-judge">
          <div className="score-head">
            <span className="who">
              {judge.run} <span className="muted">({t('workbench.team.judge')})</span>
            </span>
            <ScoreValue score={judge.score} notApplicable={judge.notApplicable} />
          </div>
          {judge.rationale && <p className="rationale">{judge.rationale}</p>}
        </div>
      ))}
    </div>
  )
}
