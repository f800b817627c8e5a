import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { criterionLabels } from '@shared/domain/criterionLabels'
import type { AdjudicationRow } from '@shared/api/workbenchModels'
import { useAppStore } from '../../stores/appStore'
import { useAdjudicationStore, type RangeFilter } from '../../stores/adjudicationStore'
import { useTeamStore } from '../../stores/teamStore'
import { useFormat } from '../../hooks/useFormat'
import { AdjudicationDetail } from './AdjudicationDetail'
import { PagedRowList } from './PagedRowList'

const rangeChoices: { value: string; filter: RangeFilter; key: 'disagree' | 'na' | 'min1' | 'min2' | 'all' }[] = [
  { value: 'disagree', filter: 'disagree', key: 'disagree' },
  { value: 'na', filter: 'na', key: 'na' },
  { value: '1', filter: 1, key: 'min1' },
  { value: '2', filter: 2, key: 'min2' },
  { value: 'all', filter: 'all', key: 'all' },
]

/**
 * The adjudication queue (most disputed first) with its filters, and beside it the open item's whole picture
 * (AdjudicationDetail), where the lead sets the final score with the keyboard and moves on.
 */
export function AdjudicationPanel() {
  const { t } = useTranslation()
  const projectPath = useAppStore((s) => s.project?.path ?? null)
  const store = useAdjudicationStore()
  const criteria = useTeamStore((s) => s.criteria)
  const [model, setModel] = useState(store.filters.model ?? '')

  useEffect(() => {
    store.bind(projectPath)
  }, [store.bind, projectPath]) // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const timer = setTimeout(() => {
      const next = model.trim() || undefined
      if (next !== useAdjudicationStore.getState().filters.model) useAdjudicationStore.getState().setFilters({ model: next })
    }, 300)
    return () => clearTimeout(timer)
  }, [model])

  const criterionList = useMemo(() => Object.values(criteria).sort((a, b) => a.id - b.id), [criteria])
  const labels = useMemo(() => criterionLabels(criterionList), [criterionList])
  const rowIndex = useMemo(() => new Map(store.rows.map((row, index) => [row.itemId, index])), [store.rows])
  const rangeValue = String(store.filters.range)

  return (
    <section className="team-panel team-list-panel adjudication-panel" aria-label={t('workbench.team.adjudication')} data-testid="team-adjudication">
      <div className="team-filters" aria-label={t('workbench.team.filters')}>
        <label className="check">
          <input
            type="checkbox"
            checked={store.filters.unresolvedOnly}
            data-testid="adjudication-filter-unresolved"
            onChange={(e) => store.setFilters({ unresolvedOnly: e.target.checked })}
          />
          {t('controls.unresolvedOnly')}
        </label>
        <select
          aria-label={t('workbench.team.criterion')}
          value={store.filters.criterionId ?? ''}
          data-testid="adjudication-filter-criterion"
          onChange={(e) => store.setFilters({ criterionId: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">
            {t('workbench.team.criterion')}: {t('workbench.team.any')}
          </option>
          {criterionList.map((criterion, index) => (
            <option key={criterion.id} value={criterion.id}>
              {labels[index]}
            </option>
          ))}
        </select>
        <input type="text" value={model} placeholder={t('workbench.team.model')} aria-label={t('workbench.team.model')} data-testid="adjudication-filter-model" onChange={(e) => setModel(e.target.value)} />
        <select
          aria-label={t('controls.range')}
          value={rangeValue}
          data-testid="adjudication-filter-range"
          onChange={(e) => store.setFilters({ range: rangeChoices.find((choice) => choice.value === e.target.value)?.filter ?? 'disagree' })}
        >
          {rangeChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {t('controls.range')}: {t(`controls.ranges.${choice.key}`)}
            </option>
          ))}
        </select>
        <span className="muted" data-testid="adjudication-total">
          {t('workbench.team.rows', { count: store.total })}
        </span>
      </div>
      <p className="muted adjudication-hint">{t('controls.defaultHint')}</p>
      <div className="adjudication-split">
        <PagedRowList
          page={store}
          loadFrom={store.load}
          estimateSize={64}
          overscan={6}
          testId="adjudication-list"
          rowTestId="adjudication-row"
          renderRow={(row) => <QueueRow row={row} index={rowIndex.get(row.itemId) ?? -1} open={store.selected === rowIndex.get(row.itemId)} />}
        />
        <AdjudicationDetail />
      </div>
    </section>
  )
}

/** The experts' values of a row, N/A as its own value: "N/A, 1, 2". */
export function rowValues(row: AdjudicationRow, notApplicable: string, number: (value: number) => string): string {
  const values = new Set<string>()
  const scores = row.annotations.filter((a) => !a.notApplicable && a.score !== null).map((a) => a.score as number)
  if (row.annotations.some((a) => a.notApplicable)) values.add(notApplicable)
  for (const score of [...new Set(scores)].sort((a, b) => a - b)) values.add(number(score))
  return [...values].join(', ')
}

function QueueRow({ row, index, open }: { row: AdjudicationRow; index: number; open: boolean }) {
  const { t } = useTranslation()
  const format = useFormat()
  const openRow = useAdjudicationStore((s) => s.open)
  const show = (value: number | null) => (value === null ? '—' : format.number(value))
  return (
    <button
      type="button"
      className={`adjudication-queue-row ${open ? 'open' : ''}`}
      aria-current={open}
      data-testid="adjudication-open"
      data-item={row.itemId}
      data-values={rowValues(row, 'na', String)}
      onClick={() => void openRow(index)}
    >
      <span className="row-line">
        <span className="answer-model">{row.model}</span>
        <strong>{row.criterionName}</strong>
        <span className="tag" data-testid="adjudication-values">
          {t('controls.values', { values: rowValues(row, t('score.notApplicable'), format.number) })}
        </span>
        {row.judgeGap !== null && <span className="tag tag-muted">{t('workbench.team.judgeGap', { value: show(row.judgeGap) })}</span>}
        {row.final && (
          <span className="tag wb-tag-submitted" data-testid="adjudication-final">
            {t('workbench.team.finalBy', { score: row.final.notApplicable ? t('score.notApplicable') : show(row.final.score), who: row.final.adjudicator })}
          </span>
        )}
      </span>
      <span className="row-preview">{row.preview}</span>
    </button>
  )
}
