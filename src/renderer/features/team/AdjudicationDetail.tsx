import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AdjudicationItem, OnDemandJudgment } from '@shared/api/controlModels'
import type { JudgeScore } from '@shared/api/workbenchModels'
import { SafeMarkdown } from '../../components/SafeMarkdown'
import { useFormat } from '../../hooks/useFormat'
import { useAppStore } from '../../stores/appStore'
import { useAdjudicationStore } from '../../stores/adjudicationStore'
import { criterionText } from '../item/criterionText'
import { ScoreValue } from '../item/ScoreValue'

/** A typed choice: a level's score as text, 'na', or '' (none yet). */
type Choice = string

const choiceOf = (item: AdjudicationItem): Choice => (item.final ? (item.final.notApplicable ? 'na' : String(item.final.score ?? '')) : '')

/**
 * One item's whole picture for its final score: instruction and answer (inert markdown), the rubric, every
 * expert's score and rationale, the judges' (stored, and one asked for now), MACE's posterior when present.
 * Keys (outside text fields): a digit picks that level, n = N/A, Enter saves and opens the next row, ↑/↓ or k/j move.
 */
export function AdjudicationDetail() {
  const { t } = useTranslation()
  const format = useFormat()
  const language = useAppStore((s) => s.language)
  const detail = useAdjudicationStore((s) => s.detail)
  const judged = useAdjudicationStore((s) => (s.detail ? s.judged[s.detail.itemId] : undefined))
  const judging = useAdjudicationStore((s) => s.judging !== null && s.judging === s.detail?.itemId)
  const { decide, step, askJudge, markControl, unmarkControl } = useAdjudicationStore.getState()
  const [choice, setChoice] = useState<Choice>('')
  const [note, setNote] = useState('')
  const [reference, setReference] = useState('')
  const formRef = useRef<HTMLFormElement>(null)

  useEffect(() => {
    setChoice(detail ? choiceOf(detail) : '')
    setNote(detail?.final?.note ?? '')
    setReference('')
  }, [detail?.itemId]) // eslint-disable-line react-hooks/exhaustive-deps

  const levels = detail?.criterion.levels ?? []
  const save = () => {
    if (!detail || choice === '') return
    void decide(choice === 'na' ? null : Number(choice), choice === 'na', note)
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return
      if (event.ctrlKey || event.metaKey || event.altKey) return
      if (!document.querySelector('[data-testid="team-adjudication"]')) return
      if (event.key === 'ArrowDown' || event.key === 'j') {
        event.preventDefault()
        step(1)
      } else if (event.key === 'ArrowUp' || event.key === 'k') {
        event.preventDefault()
        step(-1)
      } else if (!detail) {
        return
      } else if (event.key === 'n') {
        setChoice('na')
      } else if (/^[0-9]$/.test(event.key) && levels.some((level) => level.score === Number(event.key))) {
        setChoice(event.key)
      } else if (event.key === 'Enter' && choice !== '' && !(target instanceof HTMLButtonElement)) {
        event.preventDefault()
        save()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  if (!detail) {
    return (
      <aside className="adjudication-detail empty" data-testid="adjudication-detail">
        <p className="muted">{t('controls.pick')}</p>
      </aside>
    )
  }
  const text = criterionText(detail.criterion, language)
  return (
    <aside className="adjudication-detail" data-testid="adjudication-detail" aria-label={text.name}>
      <h3>{t('controls.instruction')}</h3>
      <SafeMarkdown text={detail.instruction.text} className="adjudication-text" />
      {detail.instruction.referenceAnswer && (
        <details>
          <summary>{t('controls.referenceAnswer')}</summary>
          <SafeMarkdown text={detail.instruction.referenceAnswer} className="adjudication-text" />
        </details>
      )}
      <h3>{t('controls.answer', { model: detail.answer.model })}</h3>
      <SafeMarkdown text={detail.answer.text} className="adjudication-text" />
      <h3>{t('controls.rubric')}</h3>
      <p>
        <strong>{text.name}</strong>
        {text.description ? <span className="muted"> — {text.description}</span> : null}
      </p>
      <ul className="adjudication-rubric">
        {text.levels.map((level) => (
          <li key={level.score}>
            <strong>{format.number(level.score)}</strong> {level.text}
          </li>
        ))}
      </ul>

      <h3>{t('controls.experts')}</h3>
      {detail.experts.length === 0 && <p className="muted">{t('controls.noExperts')}</p>}
      <div className="side-by-side">
        {detail.experts.map((expert) => (
          <div key={expert.annotatorId} className="side-card" data-testid="adjudication-expert">
            <div className="score-head">
              <span className="who">{expert.annotator}</span>
              <ScoreValue score={expert.score} notApplicable={expert.notApplicable} />
            </div>
            {expert.revised && (
              <p className="muted">{t('controls.first', { score: expert.firstNotApplicable ? t('score.notApplicable') : expert.firstScore === null ? '—' : format.number(expert.firstScore) })}</p>
            )}
            {expert.rationale && <p className="rationale">{expert.rationale}</p>}
          </div>
        ))}
      </div>

      <h3>{t('controls.judges')}</h3>
      {detail.judges.length === 0 && !judged && <p className="muted">{t('controls.noJudges')}</p>}
      <div className="side-by-side">
        {detail.judges.map((judge, index) => (
          <JudgeCard key={`${judge.run}-${index}`} judge={judge} label={judge.run} />
        ))}
        {judged && <OnDemandCard judgment={judged} />}
      </div>
      <button type="button" disabled={judging} data-testid="adjudication-ask-judge" onClick={() => void askJudge()}>
        {judging ? t('controls.judging') : t('controls.askJudge')}
      </button>

      {detail.mace && (
        <>
          <h3>{t('controls.mace')}</h3>
          <p data-testid="adjudication-mace">
            {t('controls.maceLabel', { label: detail.mace.label === null ? '—' : format.number(detail.mace.label) })}{' '}
            <span className="muted">{probabilityText(detail.mace.probabilities, format.number)}</span>
          </p>
          {detail.mace.fit?.weak && (
            <p className="muted" data-testid="adjudication-mace-weak">
              {t('controls.maceWeak', { items: detail.mace.fit.items, experts: detail.mace.fit.experts })}
            </p>
          )}
        </>
      )}

      <form
        ref={formRef}
        className="team-final"
        onSubmit={(event) => {
          event.preventDefault()
          save()
        }}
      >
        <select value={choice} aria-label={t('workbench.team.final')} data-testid="adjudication-score" onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t('workbench.team.final')}…</option>
          {levels.map((level) => (
            <option key={level.score} value={level.score}>
              {format.number(level.score)}
            </option>
          ))}
          <option value="na">{t('score.notApplicable')}</option>
        </select>
        <input type="text" value={note} placeholder={t('workbench.team.note')} aria-label={t('workbench.team.note')} data-testid="adjudication-note" onChange={(e) => setNote(e.target.value)} />
        <button type="submit" disabled={choice === ''} data-testid="adjudication-save">
          {t('controls.saveNext')}
        </button>
      </form>
      <p className="muted">{t('controls.keys')}</p>

      <div className="team-final adjudication-control">
        {detail.control ? (
          <>
            <span className="tag" data-testid="adjudication-control">
              {t('controls.isControl', { score: format.number(detail.control.score) })}
            </span>
            <button type="button" onClick={() => void unmarkControl(detail.itemId)}>
              {t('controls.remove')}
            </button>
          </>
        ) : (
          <>
            {detail.final && !detail.final.notApplicable && (
              <button type="button" data-testid="adjudication-mark-control" onClick={() => void markControl(detail.itemId, null, '')}>
                {t('controls.markFromFinal')}
              </button>
            )}
            <select value={reference} aria-label={t('controls.reference')} data-testid="adjudication-control-score" onChange={(e) => setReference(e.target.value)}>
              <option value="">{t('controls.reference')}…</option>
              {levels.map((level) => (
                <option key={level.score} value={level.score}>
                  {format.number(level.score)}
                </option>
              ))}
            </select>
            <button type="button" disabled={reference === ''} data-testid="adjudication-mark-typed" onClick={() => void markControl(detail.itemId, Number(reference), note)}>
              {t('controls.markTyped')}
            </button>
          </>
        )}
      </div>
    </aside>
  )
}

function probabilityText(probabilities: Record<string, number> | null, number: (value: number) => string): string {
  if (!probabilities) return ''
  return Object.entries(probabilities)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([score, p]) => `${score}: ${number(Math.round(p * 100) / 100)}`)
    .join(' · ')
}

function JudgeCard({ judge, label }: { judge: Pick<JudgeScore, 'score' | 'notApplicable' | 'rationale' | 'probabilities'>; label: string }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <div className="side-card side-judge" data-testid="adjudication-judge">
      <div className="score-head">
        <span className="who">
          {label} <span className="muted">({t('workbench.team.judge')})</span>
        </span>
        <ScoreValue score={judge.score} notApplicable={judge.notApplicable} />
      </div>
      {judge.probabilities && (
        <p className="muted" data-testid="adjudication-judge-probabilities">
          {t('controls.probabilities')}: {probabilityText(judge.probabilities, format.number)}
        </p>
      )}
      {judge.rationale && <p className="rationale">{judge.rationale}</p>}
    </div>
  )
}

function OnDemandCard({ judgment }: { judgment: OnDemandJudgment }) {
  const { t } = useTranslation()
  if (judgment.error) {
    return (
      <div className="side-card side-judge" data-testid="adjudication-judge-now">
        <p className="error-text">{t('controls.judgeError', { error: judgment.error })}</p>
      </div>
    )
  }
  return (
    <div data-testid="adjudication-judge-now">
      <JudgeCard
        judge={{ score: judgment.score, notApplicable: false, rationale: judgment.rationale, probabilities: judgment.probabilities }}
        label={`${judgment.model} · ${t('controls.onDemand', { run: judgment.run })}`}
      />
    </div>
  )
}
