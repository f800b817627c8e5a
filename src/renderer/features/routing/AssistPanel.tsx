import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { JudgeSuggestion } from '@shared/api/routingModels'
import { api } from '../../api'
import { SafeMarkdown } from '../../components/SafeMarkdown'

/**
 * Assisted mode: the judge's score, probabilities and rationale beside the rubric, before the expert scores. In blind
 * mode the server sends nothing (work-assist answers mode "blind"), so this shows nothing.
 */
export function AssistPanel({ responseId, itemId }: { responseId: number; itemId: number }) {
  const { t } = useTranslation()
  const [items, setItems] = useState<JudgeSuggestion[] | null>(null)
  const [mode, setMode] = useState<'blind' | 'assisted'>('blind')
  useEffect(() => {
    let live = true
    setItems(null)
    api.invoke('work-assist', { responseId }).then(
      (result) => {
        if (!live) return
        setMode(result.mode)
        setItems(result.items)
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [responseId])
  if (mode !== 'assisted' || !items) return null
  const suggestion = items.find((entry) => entry.itemId === itemId)
  return (
    <section className="assist-panel" aria-label={t('routing.assist.title')} data-testid="assist-panel">
      <h3 className="section-title">
        {t('routing.assist.title')} {suggestion && <span className="muted">{suggestion.run}</span>}
      </h3>
      {suggestion ? (
        <>
          <p data-testid="assist-score">{t('routing.assist.score', { score: suggestion.score ?? '—' })}</p>
          {suggestion.probabilities && (
            <ul className="assist-probabilities" data-testid="assist-probabilities">
              {Object.entries(suggestion.probabilities).map(([score, p]) => (
                <li key={score}>
                  <span>{score}</span>
                  <span className="team-bar" aria-hidden="true">
                    <span style={{ display: 'block', width: `${Math.round(p * 100)}%` }} />
                  </span>
                  <span>{p.toFixed(2)}</span>
                </li>
              ))}
            </ul>
          )}
          {suggestion.rationale && (
            <div data-testid="assist-rationale">
              <SafeMarkdown text={suggestion.rationale} />
            </div>
          )}
        </>
      ) : (
        <p className="muted">{t('routing.assist.none')}</p>
      )}
    </section>
  )
}
