import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AdjudicationRow } from '@shared/api/workbenchModels'
import { useTeamStore } from '../../stores/teamStore'
import { useFormat } from '../../hooks/useFormat'
import { PagedRowList } from './PagedRowList'
import { ScoresSideBySide } from './ScoresSideBySide'

/** Items ranked by disagreement (score range, then expert mean vs judge); the lead sets a final score with a note. */
export function AdjudicationPanel() {
  const { t } = useTranslation()
  const adjudication = useTeamStore((s) => s.adjudication)
  const loadAdjudication = useTeamStore((s) => s.loadAdjudication)
  return (
    <section className="team-panel team-list-panel" aria-label={t('workbench.team.adjudication')} data-testid="team-adjudication">
      <div className="team-filters">
        <span className="muted">{t('workbench.team.rows', { count: adjudication.total })}</span>
      </div>
      <PagedRowList
        page={adjudication}
        loadFrom={loadAdjudication}
        estimateSize={200}
        overscan={4}
        testId="adjudication-list"
        rowTestId="adjudication-row"
        renderRow={(row) => <AdjudicationEntry row={row} />}
      />
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
