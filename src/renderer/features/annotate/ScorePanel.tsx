import { forwardRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { CriterionText } from '../item/criterionText'
import { CriterionDescription } from '../item/CriterionDescription'
import { useFormat } from '../../hooks/useFormat'
import { levelKey } from './scoreKeys'

export interface ScoreDraft {
  score: number | null
  notApplicable: boolean
  rationale: string
}

import type { SaveState } from '../../stores/workbenchStore'

/**
 * One criterion of the open answer: its name, description, every rubric level as a button (with its key),
 * «Not applicable», the rationale box and submit. Keys are handled by the screen (useAnnotateKeys).
 */
export const ScorePanel = forwardRef<
  HTMLTextAreaElement,
  {
    text: CriterionText
    externalId: string
    index: number
    total: number
    draft: ScoreDraft
    status: 'new' | 'draft' | 'submitted'
    /** True when the shown score differs from the submitted one (a revision not yet sent). */
    dirty: boolean
    saveState: SaveState
    problem: 'score' | 'rationale' | null
    rationaleRequired: boolean
    activeMs: number
    submitting: boolean
    /** False when the criterion does not allow "not applicable" (its editor says so); the server refuses it too. */
    notApplicableAllowed?: boolean
    onScore(score: number): void
    onNotApplicable(): void
    onRationale(text: string): void
    onSubmit(): void
    onStep(delta: 1 | -1): void
  }
>(function ScorePanel(props, rationaleRef) {
  const { t } = useTranslation()
  const format = useFormat()
  const { text, draft, status } = props
  const levels = text.levels
  return (
    <section className="wb-score-panel" tabIndex={-1} aria-label={t('criterion.title')} data-testid="score-panel" data-status={status}>
      <nav className="criterion-nav" aria-label={t('criterion.navigation')}>
        <button type="button" onClick={() => props.onStep(-1)} disabled={props.index <= 0} title="K" data-testid="wb-criterion-prev">
          ‹ K
        </button>
        <span className="criterion-position" data-testid="wb-criterion-position">
          {t('workbench.item.criterionOf', { index: props.index + 1, total: props.total })}
        </span>
        <button
          type="button"
          onClick={() => props.onStep(1)}
          disabled={props.index >= props.total - 1}
          title="J"
          data-testid="wb-criterion-next"
        >
          J ›
        </button>
      </nav>
      <header className="criterion-header">
        <h2 data-testid="wb-criterion-name">{text.name}</h2>
        <div className="criterion-tags">
          {text.group && <span className="tag">{text.group}</span>}
          <span className="tag tag-muted">{props.externalId}</span>
          <StatusTag status={status} dirty={props.dirty} />
        </div>
      </header>
      {text.description && (
        <CriterionDescription text={text.description} testId="wb-criterion-description" />
      )}
      <h3 className="section-title">{t('workbench.item.levels')}</h3>
      <div className="wb-levels" role="radiogroup" aria-label={t('workbench.item.levels')} data-testid="wb-levels">
        {levels.map((level, index) => {
          const key = levelKey(levels, index)
          const chosen = !draft.notApplicable && draft.score === level.score
          return (
            <button
              key={level.score}
              type="button"
              role="radio"
              aria-checked={chosen}
              className={`wb-level ${chosen ? 'chosen' : ''}`}
              data-testid="wb-level"
              data-score={level.score}
              onClick={() => props.onScore(level.score)}
            >
              {/* The key is the score itself on POLLUX scales; otherwise it is shown beside the score. */}
              {key !== null && key === String(level.score) ? (
                <kbd className="wb-key wb-key-score">{key}</kbd>
              ) : (
                <>
                  {key !== null && <kbd className="wb-key">{key}</kbd>}
                  <span className="rubric-score">{format.number(level.score)}</span>
                </>
              )}
              <span className="rubric-text">{level.text || <em className="muted">{t('criterion.noLevelText')}</em>}</span>
            </button>
          )
        })}
        {props.notApplicableAllowed !== false && (
        <button
          type="button"
          role="radio"
          aria-checked={draft.notApplicable}
          className={`wb-level wb-level-na ${draft.notApplicable ? 'chosen' : ''}`}
          data-testid="wb-not-applicable"
          onClick={props.onNotApplicable}
        >
          <kbd className="wb-key">N</kbd>
          <span className="rubric-text">{t('workbench.item.notApplicable')}</span>
        </button>
        )}
      </div>
      {props.problem === 'score' && (
        <p className="error-text" role="alert" data-testid="wb-problem">
          {t('workbench.item.scoreRequired')}
        </p>
      )}
      <label className="wb-rationale-label" htmlFor="wb-rationale">
        {props.rationaleRequired ? t('workbench.item.rationale') : t('workbench.item.rationaleOptional')}
        {props.rationaleRequired && <span aria-hidden="true"> *</span>}
      </label>
      <textarea
        id="wb-rationale"
        ref={rationaleRef}
        className={`wb-rationale ${props.problem === 'rationale' ? 'invalid' : ''}`}
        rows={5}
        value={draft.rationale}
        placeholder={t('workbench.item.rationalePlaceholder')}
        aria-required={props.rationaleRequired}
        aria-invalid={props.problem === 'rationale'}
        data-testid="wb-rationale"
        onChange={(event) => props.onRationale(event.target.value)}
      />
      {props.problem === 'rationale' && (
        <p className="error-text" role="alert" data-testid="wb-problem">
          {t('workbench.item.rationaleRequired')}
        </p>
      )}
      <div className="wb-submit-row">
        <button
          type="button"
          className="primary"
          onClick={props.onSubmit}
          disabled={props.submitting || (status === 'submitted' && !props.dirty)}
          data-testid="wb-submit"
        >
          {status !== 'submitted' ? t('workbench.item.submit') : props.dirty ? t('workbench.item.resubmit') : `✓ ${t('workbench.item.submitted')}`}{' '}
          <kbd>Ctrl+Enter</kbd>
        </button>
        <span className="wb-save-state muted" role="status" data-testid="wb-save-state" data-state={props.saveState}>
          {(props.saveState === 'saving' || props.saveState === 'pending') && t('workbench.item.saving')}
          {props.saveState === 'saved' && t('workbench.item.saved')}
          {props.saveState === 'failed' && <span className="error-text">{t('workbench.item.saveFailed')}</span>}
        </span>
        <span className="wb-active-time muted" data-testid="wb-active-time">
          {t('workbench.item.activeTime', { time: format.duration(props.activeMs) })}
        </span>
      </div>
    </section>
  )
})

function StatusTag({ status, dirty }: { status: 'new' | 'draft' | 'submitted'; dirty: boolean }) {
  const { t } = useTranslation()
  if (status === 'submitted' && !dirty)
    return (
      <span className="tag wb-tag-submitted" data-testid="wb-status">
        {t('workbench.item.submitted')}
      </span>
    )
  if (status === 'new')
    return (
      <span className="tag tag-muted" data-testid="wb-status">
        {t('workbench.item.notStarted')}
      </span>
    )
  return (
    <span className="tag tag-draft" data-testid="wb-status">
      {t('workbench.item.draft')}
    </span>
  )
}
