import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EstimatesTable } from './EstimatesTable'
import { SimulationPanel } from './SimulationPanel'
import { RoutedEffort } from '../routing/RoutedEffort'
import { AGREEMENT_MEASURES, COMPARE_MEASURES, JUDGE_MODEL_MEASURES, judgesByModel, type AgreementMeasure, type JudgeModelMeasure } from '@shared/api/statsMeasures'
import type { ChartCell } from '@shared/api/statsOperations'
import type { CompareMeasures, Stat, StatsReport } from '@shared/api/statsModels'
import {
  agreementChart,
  distributionChart,
  heatmapChart,
  rankingChart,
  scatterChart,
  timeBucketLabel,
  timeChart,
  type MatrixData,
} from '@shared/charts/analyticsCharts'
import { useAppStore } from '../../stores/appStore'
import { BOOTSTRAP_RESAMPLES, useAnalyticsStore } from '../../stores/analyticsStore'
import { EChart } from './EChart'
import { CountCard, FigureCard, FootnoteList, Footnotes, StatValue } from './FigureValue'
import { ItemListView } from './ItemListView'
import { useMaceConsensus, type Consensus } from './useMaceConsensus'

type Weights = 'unweighted' | 'linear' | 'quadratic'

/** The κ matrix of a group's annotator pairs (symmetric; the diagonal is left undefined). */
function kappaMatrix(pairs: StatsReport['agreement']['pairwise'], weights: Weights): MatrixData {
  const names = [...new Set(pairs.flatMap((pair) => [pair.a, pair.b]))].sort((a, b) => a.localeCompare(b))
  const index = new Map(names.map((name, i) => [name, i]))
  const values: (number | null)[][] = names.map(() => names.map(() => null))
  const cells: (ChartCell | undefined)[][] = names.map(() => names.map(() => undefined))
  for (const pair of pairs) {
    const a = index.get(pair.a)!
    const b = index.get(pair.b)!
    values[a][b] = values[b][a] = pair[weights].value
    cells[a][b] = cells[b][a] = { kind: 'pair', a: pair.a, b: pair.b }
  }
  return { rows: names, cols: names, values, cells }
}

/** The analytics dashboard (its own chunk, loaded with ECharts when the tab first opens): agreement, κ matrix, judge vs experts, rankings, distributions, time, disagreements. */
export default function AnalyticsDashboard() {
  const { t } = useTranslation()
  const project = useAppStore((s) => s.project)
  const store = useAnalyticsStore()
  const { report, dashboard, criterion, run, points, drill, disagreements, disagreementRun, loading, bootstrap, stale } = store
  const [measure, setMeasure] = useState<AgreementMeasure>('alphaOrdinal')
  const [weights, setWeights] = useState<Weights>('unweighted')
  const [modelMeasure, setModelMeasure] = useState<JudgeModelMeasure>('spearman')
  // the judges' reference: the rounded expert mean (the engine's) or MACE's posterior label (analytics/quality)
  const [consensus, setConsensus] = useState<Consensus>('mean')
  const maceJudges = useMaceConsensus(consensus, store.dataVersion)

  useEffect(() => useAnalyticsStore.getState().watch(), [])

  // Keyed by the file, not the counts: a change of data marks the figures stale (analyticsStore.watch) instead of recomputing.
  const projectPath = project?.path ?? null
  useEffect(() => {
    useAnalyticsStore.getState().bind(projectPath)
    if (projectPath) void useAnalyticsStore.getState().load()
  }, [projectPath])

  const label = (key: AgreementMeasure) => t(`analytics.figures.${key}`)
  // criteria are chosen by id; the report's byCriterion keys are their labels
  const criterionLabel = criterion === null ? null : (dashboard?.criteria.find((c) => c.id === criterion)?.label ?? null)
  const criterionIds = useMemo(() => new Map((dashboard?.criteria ?? []).map((c) => [c.label, c.id])), [dashboard])
  const group = report ? (criterionLabel === null ? report.agreement : report.agreement.byCriterion[criterionLabel]) : undefined
  const judge = report && run !== null ? report.judges[run] : undefined
  const judgeGroup = judge && criterionLabel !== null ? judge.byCriterion[criterionLabel] : judge

  const agreementOption = useMemo(() => {
    if (!report) return null
    const entries = Object.entries(report.agreement.byCriterion)
    if (entries.length === 0) return null
    return agreementChart(
      `${t('analytics.charts.agreement')}: ${t(`analytics.figures.${measure}`)}`,
      entries.map(([name, core]) => {
        const stat = agreementMeasure(measure).pick(core)
        const id = criterionIds.get(name)
        return {
          label: name,
          figure: { value: stat.value, reason: stat.reason ?? null, lo: stat.ci?.[0] ?? null, hi: stat.ci?.[1] ?? null },
          cell: id === undefined ? undefined : ({ kind: 'criterion', criterionId: id } satisfies ChartCell),
        }
      }),
      { max: 1 },
    )
  }, [report, measure, criterionIds, t])

  const kappaOption = useMemo(() => {
    if (!group || group.pairwise.length === 0) return null
    return heatmapChart(`${t('analytics.charts.kappa')} (${t(`analytics.charts.${weights}`)})`, kappaMatrix(group.pairwise, weights), { min: -1, max: 1 })
  }, [group, weights, t])

  const confusionOption = useMemo(() => {
    if (!judgeGroup || run === null || judgeGroup.n === 0) return null
    const { labels, counts } = judgeGroup.confusion
    const max = Math.max(1, ...counts.flat())
    return heatmapChart(
      t('analytics.charts.confusion', { run }),
      {
        rows: labels.map(String),
        cols: labels.map(String),
        values: counts,
        cells: labels.map((expert) => labels.map((score) => ({ kind: 'confusion', run, expert, judge: score }) satisfies ChartCell)),
      },
      { min: 0, max, digits: 0, xName: t('analytics.charts.confusionJudge'), yName: t('analytics.charts.confusionExpert') },
    )
  }, [judgeGroup, run, t])

  const scatterOption = useMemo(() => {
    if (!points || run === null || points.itemIds.length === 0) return null
    const title = t('analytics.charts.scatter', { run })
    const sampled = points.total > points.itemIds.length ? ` · ${t('analytics.charts.sampled', { shown: points.itemIds.length, total: points.total })}` : ''
    return scatterChart(title + sampled, points, { x: t('analytics.charts.expertMean'), y: t('analytics.charts.judgeScore') })
  }, [points, run, t])

  const rankingOption = useMemo(() => {
    if (!dashboard || dashboard.ranking.length === 0) return null
    const models = dashboard.ranking.map((row) => row.model)
    return rankingChart(t('analytics.charts.ranking'), models, [
      {
        name: t('analytics.charts.experts'),
        values: dashboard.ranking.map((row) => row.experts),
        cells: models.map((model) => ({ kind: 'model', model }) satisfies ChartCell),
      },
      ...dashboard.runs.map((name) => ({
        name,
        values: dashboard.ranking.map((row) => row.judges[name] ?? null),
        cells: models.map((model) => ({ kind: 'model', model, run: name }) satisfies ChartCell),
      })),
    ])
  }, [dashboard, t])

  const distributionOption = useMemo(() => {
    if (!dashboard || dashboard.scoreDistribution.reason) return null
    const { scores, rows } = dashboard.scoreDistribution
    return distributionChart(
      t('analytics.charts.distribution'),
      scores,
      rows.map((row) => ({ ...row, cells: scores.map((score) => ({ kind: 'score', model: row.model, score }) satisfies ChartCell) })),
    )
  }, [dashboard, t])

  const timeOption = useMemo(() => {
    if (!dashboard || dashboard.time.reason) return null
    const units = { s: t('analytics.units.s'), min: t('analytics.units.min') }
    return timeChart(
      t('analytics.charts.time'),
      dashboard.time.buckets.map((bucket) => ({
        label: timeBucketLabel(bucket.fromMs, bucket.toMs, units),
        count: bucket.count,
        cell: { kind: 'time', fromMs: bucket.fromMs, toMs: bucket.toMs } satisfies ChartCell,
      })),
      t('analytics.charts.timeCount'),
    )
  }, [dashboard, t])

  if (!project) return null
  // each table says the reason of an undefined figure once, below it
  const judgeNotes = new Footnotes(t('analytics.undefined'))
  const agreementNotes = new Footnotes(t('analytics.undefined'))
  const openCell = (cell: ChartCell, name: string) => void store.openCell(cell, name)
  const runs = report ? Object.keys(report.judges) : []
  const vsMace = maceJudges

  return (
    <main className="analytics" data-testid="view-analytics" data-loading={loading ? 'true' : 'false'}>
      <header className="analytics-toolbar">
        <h2>{t('analytics.title')}</h2>
        <label>
          {t('analytics.scope')}{' '}
          <select
            data-testid="analytics-criterion"
            value={criterion ?? ''}
            onChange={(event) => void store.setCriterion(event.target.value === '' ? null : Number(event.target.value))}
          >
            <option value="">{t('analytics.allCriteria')}</option>
            {(dashboard?.criteria ?? []).map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('analytics.run')}{' '}
          <select data-testid="analytics-run" value={run ?? ''} disabled={runs.length === 0} onChange={(event) => void store.setRun(event.target.value || null)}>
            {runs.length === 0 && <option value="">{t('analytics.noRuns')}</option>}
            {runs.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="analytics-bootstrap"
          onClick={() => void store.setBootstrap(bootstrap > 0 ? 0 : BOOTSTRAP_RESAMPLES)}
          disabled={loading}
        >
          {bootstrap > 0 ? t('analytics.bootstrapOff') : t('analytics.bootstrap', { n: BOOTSTRAP_RESAMPLES })}
        </button>
        <button type="button" onClick={() => void store.load()} disabled={loading}>
          {t('analytics.refresh')}
        </button>
        {loading && <span className="muted" data-testid="analytics-loading">{t('analytics.loading')}</span>}
        {stale && !loading && (
          <span className="tag" data-testid="analytics-stale">
            {t('analytics.stale')}
          </span>
        )}
      </header>

      {!report || !dashboard ? (
        <p className="muted">{t('analytics.loading')}</p>
      ) : (
        <div className="analytics-body">
          {report.agreement.annotations === 0 && <p className="banner-info">{t('analytics.empty')}</p>}
          <section className="analytics-figures" aria-label={t('analytics.figures.heading')}>
            <h3>
              {t('analytics.figures.heading')}
              {criterionLabel !== null && `: ${criterionLabel}`}
            </h3>
            {group && (
              <div className="figure-grid" data-testid="analytics-figures">
                <CountCard id="items" label={t('analytics.figures.items')} value={group.items} />
                <CountCard id="annotations" label={t('analytics.figures.annotations')} value={group.annotations} />
                <CountCard id="raters" label={t('analytics.figures.raters')} value={group.raters} />
                {AGREEMENT_MEASURES.map((m) => (
                  <FigureCard key={m.key} id={m.key} label={label(m.key)} stat={m.pick(group)} />
                ))}
              </div>
            )}
          </section>

          {drill && (
            <section className="analytics-drill" data-testid="drill" aria-label={t('analytics.items.title', { title: drill.title })}>
              <header className="drill-header">
                <h3>{t('analytics.items.title', { title: drill.title })}</h3>
                <span className="muted" data-testid="drill-total">
                  {drill.total === null ? '…' : t('analytics.items.total', { shown: drill.rows.length, total: drill.total })}
                </span>
                <button type="button" className="link-button" onClick={store.closeDrill}>
                  {t('analytics.items.close')}
                </button>
              </header>
              <ItemListView list={drill} testId="drill-items" />
            </section>
          )}

          <section className="chart-grid">
            <div className="chart-cell">
              <EChart
                id="agreement"
                title={t('analytics.charts.agreement')}
                option={agreementOption}
                reason={agreementOption ? null : t('analytics.charts.noCriteria')}
                onCell={openCell}
                controls={
                  <ChartSelect<AgreementMeasure>
                    label={t('analytics.charts.metric')}
                    testId="agreement-measure"
                    value={measure}
                    options={AGREEMENT_MEASURES.map((m) => ({ value: m.key, label: label(m.key) }))}
                    onChange={setMeasure}
                  />
                }
              />
            </div>
            <div className="chart-cell">
              <EChart
                id="kappa"
                title={t('analytics.charts.kappa')}
                option={kappaOption}
                reason={kappaOption ? null : t('analytics.charts.noPairs')}
                onCell={openCell}
                controls={
                  <ChartSelect<Weights>
                    label={t('analytics.charts.weights')}
                    testId="kappa-weights"
                    value={weights}
                    options={(['unweighted', 'linear', 'quadratic'] as const).map((key) => ({ value: key, label: t(`analytics.charts.${key}`) }))}
                    onChange={setWeights}
                  />
                }
              />
            </div>
            <div className="chart-cell">
              <EChart
                id="confusion"
                title={t('analytics.charts.confusion', { run: run ?? '' })}
                option={confusionOption}
                reason={confusionOption ? null : run === null ? t('analytics.noRuns') : t('analytics.charts.noPoints')}
                onCell={openCell}
              />
            </div>
            <div className="chart-cell">
              <EChart
                id="scatter"
                title={t('analytics.charts.scatter', { run: run ?? '' })}
                option={scatterOption}
                reason={scatterOption ? null : run === null ? t('analytics.noRuns') : points ? t('analytics.charts.noPoints') : null}
                onIndex={(index) => {
                  const itemId = points?.itemIds[index]
                  if (itemId !== undefined) void store.openItem(itemId)
                }}
              />
            </div>
            <div className="chart-cell">
              <EChart id="ranking" title={t('analytics.charts.ranking')} option={rankingOption} reason={rankingOption ? null : t('analytics.charts.noModels')} onCell={openCell} />
            </div>
            <div className="chart-cell">
              <EChart
                id="distribution"
                title={t('analytics.charts.distribution')}
                option={distributionOption}
                reason={dashboard.scoreDistribution.reason ? t('analytics.charts.noScores') : null}
                onCell={openCell}
              />
            </div>
            <div className="chart-cell">
              <EChart id="time" title={t('analytics.charts.time')} option={timeOption} reason={dashboard.time.reason ? t('analytics.charts.noTime') : null} onCell={openCell} />
            </div>
          </section>

          <section className="analytics-table-section" aria-label={t('analytics.judges.heading')}>
            <header className="drill-header">
              <h3>{t('analytics.judges.heading')}</h3>
              <ChartSelect<Consensus>
                label={t('quality.consensus.label')}
                testId="judge-consensus"
                value={consensus}
                options={[
                  { value: 'mean', label: t('quality.consensus.mean') },
                  { value: 'mace', label: t('quality.consensus.mace') },
                ]}
                onChange={setConsensus}
              />
            </header>
            <table className="analytics-table" data-testid="judge-table" data-consensus={consensus}>
              <thead>
                <tr>
                  <th>{t('analytics.judges.name')}</th>
                  <th>{t('analytics.judges.n')}</th>
                  {COMPARE_MEASURES.map((m) => (
                    <th key={m.key}>{t(`analytics.judges.${m.key}`)}</th>
                  ))}
                  <th>{t('analytics.judges.system')}</th>
                  <th>{t('analytics.judges.perInstruction')}</th>
                </tr>
              </thead>
              <tbody>
                {consensus === 'mace' &&
                  runs.map((name) => {
                    const figures = vsMace && (criterionLabel === null ? vsMace[name] : vsMace[name]?.byCriterion[criterionLabel])
                    return figures ? <MeasuresRow key={name} name={name} notes={judgeNotes} measures={figures} /> : null
                  })}
                {consensus === 'mean' && runs.map((name) => {
                  const figures = criterionLabel === null ? report.judges[name] : report.judges[name].byCriterion[criterionLabel]
                  return figures ? <MeasuresRow key={name} name={name} notes={judgeNotes} measures={figures} system={figures.systemLevel.spearman} perInstruction={figures.perInstruction.spearman} /> : null
                })}
                {consensus === 'mean' && (() => {
                  const ceiling = criterionLabel === null ? report.ceiling.pooled : report.ceiling.byCriterion[criterionLabel]
                  return ceiling ? <MeasuresRow name={t('analytics.judges.ceiling')} notes={judgeNotes} measures={ceiling} /> : null
                })()}
              </tbody>
            </table>
            <FootnoteList notes={judgeNotes} testId="judge-table-notes" />
          </section>

          {runs.length > 0 && <JudgesByModelTable report={report} measure={modelMeasure} onMeasure={setModelMeasure} />}

          <RoutedEffort refreshKey={report} />
          {runs.length > 0 && <EstimatesTable report={report} criterion={criterionLabel} preferredRun={run} />}

          {runs.length > 0 && <SimulationPanel runs={runs} />}

          <section className="analytics-table-section" aria-label={t('analytics.agreementTable')}>
            <h3>{t('analytics.agreementTable')}</h3>
            <table className="analytics-table" data-testid="agreement-table">
              <thead>
                <tr>
                  <th>{t('analytics.criterion')}</th>
                  <th>{t('analytics.figures.items')}</th>
                  {AGREEMENT_MEASURES.map((m) => (
                    <th key={m.key}>{label(m.key)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Object.entries(report.agreement.byCriterion).map(([name, core]) => (
                  <tr key={name} data-criterion={name}>
                    <th scope="row">{name}</th>
                    <td>{core.items}</td>
                    {AGREEMENT_MEASURES.map((m) => (
                      <td key={m.key}>
                        <StatValue stat={m.pick(core)} note={agreementNotes.of(m.pick(core))} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <FootnoteList notes={agreementNotes} testId="agreement-table-notes" />
          </section>

          <section className="analytics-disagreements" aria-label={t('analytics.disagreements.heading')}>
            <header className="drill-header">
              <h3>{t('analytics.disagreements.heading')}</h3>
              <select
                data-testid="disagreement-mode"
                value={disagreementRun ?? ''}
                onChange={(event) => void store.setDisagreementRun(event.target.value === '' ? null : event.target.value)}
              >
                <option value="">{t('analytics.disagreements.experts')}</option>
                {runs.map((name) => (
                  <option key={name} value={name}>
                    {t('analytics.disagreements.vsRun', { run: name })}
                  </option>
                ))}
              </select>
              {disagreements?.total !== null && disagreements && (
                <span className="muted">{t('analytics.items.total', { shown: disagreements.rows.length, total: disagreements.total })}</span>
              )}
            </header>
            {disagreements && <ItemListView list={disagreements} testId="disagreement-items" />}
          </section>
        </div>
      )}
    </main>
  )
}

function MeasuresRow({ name, notes, measures, system, perInstruction }: { name: string; notes: Footnotes; measures: CompareMeasures; system?: Stat; perInstruction?: Stat }) {
  return (
    <tr data-run={name}>
      <th scope="row">{name}</th>
      <td>{measures.n}</td>
      {COMPARE_MEASURES.map((m) => (
        <td key={m.key}>
          <StatValue stat={m.pick(measures)} note={notes.of(m.pick(measures))} />
        </td>
      ))}
      <td>{system ? <StatValue stat={system} note={notes.of(system)} /> : ''}</td>
      <td>{perInstruction ? <StatValue stat={perInstruction} note={notes.of(perInstruction)} /> : ''}</td>
    </tr>
  )
}

/** The model cards' table: one measure (picked) of every judge per answer model, and the "Avg." row over models. */
function JudgesByModelTable({ report, measure, onMeasure }: { report: StatsReport; measure: JudgeModelMeasure; onMeasure(measure: JudgeModelMeasure): void }) {
  const { t } = useTranslation()
  const table = judgesByModel(report, measure)
  const notes = new Footnotes(t('analytics.undefined'))
  return (
    <section className="analytics-table-section" aria-label={t('analytics.byModel.heading')}>
      <header className="drill-header">
        <h3>{t('analytics.byModel.heading')}</h3>
        <ChartSelect<JudgeModelMeasure>
          label={t('analytics.byModel.measure')}
          testId="by-model-measure"
          value={measure}
          options={JUDGE_MODEL_MEASURES.map((m) => ({ value: m.key, label: t(`analytics.judges.${m.key}`) }))}
          onChange={onMeasure}
        />
      </header>
      <table className="analytics-table" data-testid="judges-by-model">
        <thead>
          <tr>
            <th>{t('analytics.byModel.model')}</th>
            {table.judges.map((judge) => (
              <th key={judge}>{judge}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.model} data-model={row.model}>
              <th scope="row">{row.model}</th>
              {row.cells.map((cell, j) => (
                <td key={table.judges[j]}>
                  <StatValue stat={cell} note={notes.of(cell)} />
                </td>
              ))}
            </tr>
          ))}
          <tr data-model="average" className="average-row">
            <th scope="row">{t('analytics.byModel.average')}</th>
            {table.average.map((cell, j) => (
              <td key={table.judges[j]}>
                <StatValue stat={cell} note={notes.of(cell)} />
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <FootnoteList notes={notes} testId="judges-by-model-notes" />
    </section>
  )
}

const agreementMeasure = (key: AgreementMeasure) => AGREEMENT_MEASURES.find((m) => m.key === key)!

/** A chart's own picker (measure, weights) in its header. */
function ChartSelect<T extends string>({
  label,
  testId,
  value,
  options,
  onChange,
}: {
  label: string
  testId: string
  value: T
  options: { value: T; label: string }[]
  onChange(value: T): void
}) {
  return (
    <label className="chart-control">
      {label}{' '}
      <select data-testid={testId} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  )
}
