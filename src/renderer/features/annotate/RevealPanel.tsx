import { useTranslation } from 'react-i18next'
import type { RevealedScore } from '../../stores/workbenchStore'
import { ScoreValue } from '../item/ScoreValue'

/** After submit: the other experts' and the judges' scores with rationales. Before: a note that they are hidden. */
export function RevealPanel({
  submitted,
  experts,
  judges,
}: {
  submitted: boolean
  experts: RevealedScore[] | null
  judges: RevealedScore[] | null
}) {
  const { t } = useTranslation()
  if (!submitted) {
    return (
      <section className="wb-reveal wb-reveal-hidden" data-testid="reveal-hidden">
        <p className="muted">{t('workbench.reveal.hidden')}</p>
      </section>
    )
  }
  return (
    <section className="wb-reveal" aria-label={t('workbench.reveal.title')} data-testid="reveal-panel">
      <h3 className="section-title">{t('workbench.reveal.title')}</h3>
      {experts === null || judges === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <ScoreGroup title={t('workbench.reveal.experts')} empty={t('workbench.reveal.noExperts')} scores={experts} testId="reveal-expert" />
          <ScoreGroup title={t('workbench.reveal.judges')} empty={t('workbench.reveal.noJudges')} scores={judges} testId="reveal-judge" />
          <p className="muted wb-revise-note">{t('workbench.reveal.revise')}</p>
        </>
      )}
    </section>
  )
}

function ScoreGroup({ title, empty, scores, testId }: { title: string; empty: string; scores: RevealedScore[]; testId: string }) {
  return (
    <>
      <h4 className="wb-reveal-title">
        {title} <span className="pane-count">{scores.length}</span>
      </h4>
      {scores.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="score-list">
          {scores.map((entry) => (
            <li key={entry.key} className="score-entry" data-testid={testId}>
              <div className="score-head">
                <span className="who">{entry.who}</span>
                {entry.detail && <span className="muted model">{entry.detail}</span>}
                <span data-testid={`${testId}-score`}>
                  <ScoreValue score={entry.score} notApplicable={entry.notApplicable} />
                </span>
              </div>
              {entry.probabilities && entry.probabilities.length > 0 && <ScoreProbabilities values={entry.probabilities} />}
              {entry.rationale && <p className="rationale">{entry.rationale}</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

/** How sure the judge was: its probability for every allowed score, as bars. */
function ScoreProbabilities({ values }: { values: NonNullable<RevealedScore['probabilities']> }) {
  const { t } = useTranslation()
  return (
    <dl className="wb-probabilities" aria-label={t('workbench.reveal.probabilities')} data-testid="reveal-judge-probabilities">
      {values.map(({ score, probability }) => (
        <div key={score} className="wb-probability">
          <dt>{score}</dt>
          <dd>
            <span className="wb-probability-bar" style={{ width: `${(probability * 70).toFixed(1)}%` }} />
            <span className="wb-probability-value">{(probability * 100).toFixed(probability >= 0.995 || probability < 0.005 ? 0 : 1)}%</span>
          </dd>
        </div>
      ))}
    </dl>
  )
}
