import { useEffect, useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useTranslation } from 'react-i18next'
import type { AdjudicationRow } from '@shared/api/workbenchModels'
import { TEAM_PAGE, useTeamStore } from '../../stores/teamStore'
import { useFormat } from '../../hooks/useFormat'
import { ScoresSideBySide } from './ScoresSideBySide'

/** Items ranked by disagreement (score range, then expert mean vs judge); the lead sets a final score with a note. */
export function AdjudicationPanel() {
  const { t } = useTranslation()
  const adjudication = useTeamStore((s) => s.adjudication)
  const loadAdjudication = useTeamStore((s) => s.loadAdjudication)
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: adjudication.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 200,
    overscan: 4,
  })
  const items = virtualizer.getVirtualItems()
  const last = items[items.length - 1]?.index ?? 0
  useEffect(() => {
    if (!adjudication.loading && adjudication.rows.length < adjudication.total && last >= adjudication.rows.length - TEAM_PAGE / 10)
      void loadAdjudication(adjudication.rows.length)
  }, [last, adjudication.rows.length, adjudication.total, adjudication.loading, loadAdjudication])

  return (
    <section className="team-panel team-list-panel" aria-label={t('workbench.team.adjudication')} data-testid="team-adjudication">
      <div className="team-filters">
        <span className="muted">{t('workbench.team.rows', { count: adjudication.total })}</span>
      </div>
      <div ref={scrollRef} className="virtual-scroll team-scroll" data-testid="adjudication-list">
        {adjudication.rows.length === 0 && !adjudication.loading && <div className="list-empty">{t('workbench.team.noRows')}</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((virtualRow) => {
            const row = adjudication.rows[virtualRow.index]
            return (
              <div
                key={row.itemId}
                ref={virtualizer.measureElement}
                data-index={virtualRow.index}
                className="team-row"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${virtualRow.start}px)` }}
                data-testid="adjudication-row"
              >
                <AdjudicationEntry row={row} />
              </div>
            )
          })}
        </div>
      </div>
    </section>
  )
}

function AdjudicationEntry({ row }: { row: AdjudicationRow }) {
  const { t } = useTranslation()
  const format = useFormat()
  const criterion = useTeamStore((s) => s.criteria[row.criterionId])
  const adjudicate = useTeamStore((s) => s.adjudicate)
  const [choice, setChoice] = useState<string>(row.final ? (row.final.notApplicable ? 'na' : String(row.final.score ?? '')) : '')
  const [note, setNote] = useState(row.final?.note ?? '')
  const levels = criterion?.levels ?? []
  const show = (value: number | null) => (value === null ? '—' : format.number(value))
  return (
    <>
      <div className="row-line">
        <span className="answer-model">{row.model}</span>
        <strong>{row.criterionName}</strong>
        <span className="tag">{t('workbench.team.range', { value: show(row.range) })}</span>
        {row.judgeGap !== null && <span className="tag tag-muted">{t('workbench.team.judgeGap', { value: show(row.judgeGap) })}</span>}
        {row.final && (
          <span className="tag wb-tag-submitted" data-testid="adjudication-final">
            {t('workbench.team.finalBy', { score: row.final.notApplicable ? t('score.notApplicable') : show(row.final.score), who: row.final.adjudicator })}
          </span>
        )}
      </div>
      <div className="row-preview">{row.preview}</div>
      <ScoresSideBySide annotations={row.annotations} judges={row.judges} />
      <form
        className="team-final"
        onSubmit={(event) => {
          event.preventDefault()
          if (choice === '') return
          void adjudicate(row.itemId, choice === 'na' ? null : Number(choice), choice === 'na', note)
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
          {t('workbench.team.setFinal')}
        </button>
      </form>
    </>
  )
}
