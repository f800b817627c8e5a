import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { QualityFigure, QualityFigures, QualityItemsFigure } from '@shared/api/qualityOperations'
import { useAppStore } from '../../stores/appStore'
import { useQualityStore, type QualityColumn } from '../../stores/qualityStore'
import { FootnoteList, Footnotes, StatValue } from '../analytics/FigureValue'

type FigureColumn = Exclude<QualityColumn, 'annotator' | 'n'>

/** The figure columns and which of the annotator's items each one stands on (the click-through). */
const COLUMNS: { key: FigureColumn; items: QualityItemsFigure; digits?: number }[] = [
  { key: 'agreementWithConsensus', items: 'consensus' },
  { key: 'spearmanVsOthers', items: 'consensus' },
  { key: 'maeVsOthers', items: 'consensus' },
  { key: 'maceCompetence', items: 'consensus' },
  { key: 'medianActiveSeconds', items: 'scores', digits: 1 },
  { key: 'rushedShare', items: 'rushed' },
  { key: 'naShare', items: 'notApplicable' },
  { key: 'revisionRate', items: 'revised' },
  { key: 'straightLiningShare', items: 'straightLined' },
  { key: 'controlAccuracy', items: 'controls' },
]

const sortValue = (name: string, f: QualityFigures, column: QualityColumn): string | number | null =>
  column === 'annotator' ? name : column === 'n' ? f.n : (f[column] as QualityFigure).value

/** Team → Quality (leads): per-annotator figures, sortable by any column; a figure lists the items behind it. */
export function QualityPanel() {
  const { t } = useTranslation()
  const projectPath = useAppStore((s) => s.project?.path ?? null)
  const { report, loading, rushedSeconds, criterion, sort, drill } = useQualityStore()
  const { bind, load, setRushedSeconds, setCriterion, sortBy, openFigure, closeDrill, openItem } = useQualityStore.getState()

  useEffect(() => {
    bind(projectPath)
  }, [bind, projectPath])

  const criterionLabel = criterion === null ? null : (report?.criteria.find((c) => c.id === criterion)?.label ?? null)
  const rows = Object.entries(report?.annotators ?? {})
    .map(([name, all]) => ({ name, figures: criterionLabel === null ? all : all.byCriterion[criterionLabel] }))
    .filter((row): row is { name: string; figures: QualityFigures } => row.figures !== undefined)
  rows.sort((a, b) => {
    const x = sortValue(a.name, a.figures, sort.column)
    const y = sortValue(b.name, b.figures, sort.column)
    // undefined figures last, whichever the direction
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1
    const order = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number)
    return (sort.descending ? -order : order) || a.name.localeCompare(b.name)
  })
  const notes = new Footnotes(t('quality.undefinedValue'))
  const header = (column: QualityColumn, label: string) => (
    <th scope="col" aria-sort={sort.column === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="link-button" data-testid={`quality-sort-${column}`} onClick={() => sortBy(column)}>
        {label}
        {sort.column === column ? (sort.descending ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  )
  const title = (name: string, label: string) => t('quality.items.title', { annotator: name, figure: label })

  return (
    <section className="quality-panel" data-testid="quality-panel">
      <h2>{t('quality.heading')}</h2>
      <p className="muted">{t('quality.explain')}</p>
      <div className="quality-controls">
        <label>
          {t('quality.scope')}{' '}
          <select data-testid="quality-criterion" value={criterion ?? ''} onChange={(e) => setCriterion(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">{t('quality.allCriteria')}</option>
            {report?.criteria.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('quality.rushed')}{' '}
          <input
            type="number"
            min={0}
            max={3600}
            step={0.5}
            data-testid="quality-rushed"
            defaultValue={rushedSeconds}
            key={rushedSeconds}
            onBlur={(e) => void setRushedSeconds(Number(e.target.value))}
            onKeyDown={(e) => e.key === 'Enter' && void setRushedSeconds(Number((e.target as HTMLInputElement).value))}
          />
        </label>
        <button type="button" onClick={() => void load()} disabled={loading} data-testid="quality-refresh">
          {loading ? t('quality.loading') : t('quality.refresh')}
        </button>
      </div>
      {!report ? (
        <p className="muted">{t('quality.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('quality.empty')}</p>
      ) : (
        <div className="quality-table-scroll">
          <table className="analytics-table quality-table" data-testid="quality-table">
            <thead>
              <tr>
                {header('annotator', t('quality.annotator'))}
                {header('n', t('quality.columns.n'))}
                {COLUMNS.map((c) => header(c.key, t(`quality.columns.${c.key}`)))}
                <th scope="col">{t('quality.columns.kappa')}</th>
                <th scope="col">{t('quality.columns.judges')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ name, figures }) => (
                <tr key={name} data-testid="quality-row" data-annotator={name}>
                  <th scope="row">{name}</th>
                  <td>
                    <button type="button" className="link-button" data-testid="quality-cell-n" onClick={() => void openFigure(name, 'scores', title(name, t('quality.columns.n')))}>
                      {figures.n}
                    </button>
                  </td>
                  {COLUMNS.map((c) => {
                    const figure = figures[c.key] as QualityFigure
                    return (
                      <td key={c.key} data-testid={`quality-cell-${c.key}`} data-value={figure.value ?? ''}>
                        <button type="button" className="link-button" title={`n = ${figure.n}`} onClick={() => void openFigure(name, c.items, title(name, t(`quality.columns.${c.key}`)))}>
                          <StatValue stat={figure} digits={c.digits ?? 3} note={notes.of(figure)} />
                        </button>
                      </td>
                    )
                  })}
                  <td>
                    {Object.entries(figures.kappaWithPeers).map(([peer, k]) => (
                      <button key={peer} type="button" className="link-button quality-sub" onClick={() => void openFigure(name, 'peer', title(name, `κ ${peer}`), peer)}>
                        {peer}: <StatValue stat={k} note={notes.of(k)} />
                      </button>
                    ))}
                  </td>
                  <td>
                    {Object.entries(figures.agreementWithJudges).map(([run, j]) => (
                      <button key={run} type="button" className="link-button quality-sub" onClick={() => void openFigure(name, 'judge', title(name, run), run)}>
                        {run}: <StatValue stat={j} note={notes.of(j)} />
                      </button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <FootnoteList notes={notes} testId="quality-notes" />
        </div>
      )}
      {drill && (
        <div className="quality-drill" data-testid="quality-items" data-total={drill.total ?? ''}>
          <div className="quality-drill-head">
            <h3>{drill.title}</h3>
            {drill.total !== null && <span className="muted">{t('quality.items.total', { n: drill.total })}</span>}
            <button type="button" onClick={closeDrill}>
              {t('quality.items.close')}
            </button>
          </div>
          {drill.total === null ? (
            <p className="muted">{t('quality.loading')}</p>
          ) : drill.rows.length === 0 ? (
            <p className="muted">{t('quality.items.empty')}</p>
          ) : (
            <table className="analytics-table">
              <thead>
                <tr>
                  <th scope="col">{t('quality.items.instruction')}</th>
                  <th scope="col">{t('quality.items.model')}</th>
                  <th scope="col">{t('quality.items.criterion')}</th>
                  <th scope="col">{t('quality.items.score')}</th>
                  <th scope="col">{t('quality.items.othersMean')}</th>
                  <th scope="col">{t('quality.items.consensus')}</th>
                  <th scope="col">{t('quality.items.time')}</th>
                </tr>
              </thead>
              <tbody>
                {drill.rows.map((row) => (
                  <tr key={row.itemId} data-testid="quality-item" data-item-id={row.itemId}>
                    <td>
                      <button type="button" className="link-button" title={t('quality.items.open')} onClick={() => void openItem(row.itemId)}>
                        {row.instruction}
                      </button>
                    </td>
                    <td>{row.model}</td>
                    <td>{row.criterion}</td>
                    <td>{row.score === null ? t('quality.items.notApplicable') : row.score}</td>
                    <td>{row.othersMean === null ? '—' : row.othersMean.toFixed(2)}</td>
                    <td>{row.consensus ?? '—'}</td>
                    <td>{row.activeSeconds === null ? '—' : row.activeSeconds.toFixed(1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  )
}
