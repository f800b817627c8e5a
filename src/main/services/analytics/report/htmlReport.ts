import type { AgreementCore, CompareMeasures, Stat, StatsReport } from '@shared/api/statsModels'
import { AGREEMENT_MEASURES, CARD_MEASURES, COMPARE_MEASURES, JUDGE_MODEL_MEASURES, judgesByModel } from '@shared/api/statsMeasures'
import type { DashboardData } from '@shared/api/statsOperations'
import {
  agreementChart,
  countScatterChart,
  distributionChart,
  formatFigure,
  heatmapChart,
  rankingChart,
  timeBucketLabel,
  timeChart,
  type ChartOption,
} from '@shared/charts/analyticsCharts'
import { renderSvg } from './svgCharts'

export interface ReportInput {
  report: StatsReport
  dashboard: DashboardData
  project: { name: string; file: string }
  /** ISO time the report was made. */
  generatedAt: string
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

const esc = escapeHtml

/**
 * The footnotes of one table: each distinct reason (why a figure is undefined) or warning gets one number, shown as
 * a marker in its cells and written once below the table.
 */
class Notes {
  private readonly texts: string[] = []
  mark(text: string): string {
    let n = this.texts.indexOf(text)
    if (n < 0) n = this.texts.push(text) - 1
    return `<sup class="note">${n + 1}</sup>`
  }
  html(): string {
    return this.texts.length ? `<ol class="notes">${this.texts.map((text) => `<li>${esc(text)}</li>`).join('')}</ol>` : ''
  }
}

/** A figure cell: the value (and CI, and a warning's marker), or a dash and the marker of its reason. */
function stat(figure: Stat | null | undefined, notes: Notes, digits = 3): string {
  if (!figure) return '<td class="na">—</td>'
  if (figure.value === null) return `<td class="na">—${notes.mark(figure.reason ?? 'undefined')}</td>`
  const ci = figure.ci ? ` <span class="ci">[${formatFigure(figure.ci[0], digits)}, ${formatFigure(figure.ci[1], digits)}]</span>` : ''
  const warning = figure.warning ? notes.mark(`Warning: ${figure.warning}`) : ''
  return `<td>${formatFigure(figure.value, digits)}${ci}${warning}</td>`
}

const th = (labels: string[]) => `<tr>${labels.map((label) => `<th>${esc(label)}</th>`).join('')}</tr>`

/** A table; `rows` gets the table's footnotes, so each reason is said once, below it. */
function table(caption: string, head: string[], rows: (notes: Notes) => string[]): string {
  const notes = new Notes()
  const body = rows(notes)
  if (body.length === 0) return `<h3>${esc(caption)}</h3><p class="muted">None.</p>`
  return `<table><caption>${esc(caption)}</caption><thead>${th(head)}</thead><tbody>${body.join('')}</tbody></table>${notes.html()}`
}

function agreementTable(caption: string, groups: [string, AgreementCore][], first = 'Group'): string {
  return table(
    caption,
    [first, 'Items', 'Scores', 'Raters', ...AGREEMENT_MEASURES.map((m) => m.label)],
    (notes) =>
      groups.map(
        ([name, core]) =>
          `<tr><th scope="row">${esc(name)}</th><td>${core.items}</td><td>${core.annotations}</td><td>${core.raters}</td>${AGREEMENT_MEASURES.map((m) => stat(m.pick(core), notes)).join('')}</tr>`,
      ),
  )
}

function compareTable(caption: string, groups: [string, CompareMeasures][], first = 'Group'): string {
  return table(
    caption,
    [first, 'n', ...COMPARE_MEASURES.map((m) => m.label)],
    (notes) => groups.map(([name, m]) => `<tr><th scope="row">${esc(name)}</th><td>${m.n}</td>${COMPARE_MEASURES.map((measure) => stat(measure.pick(m), notes)).join('')}</tr>`),
  )
}

function figure(option: ChartOption | null, reason: string, width = 720, height = 360): string {
  if (!option) return `<p class="muted chart-reason">${esc(reason)}</p>`
  return `<figure class="chart">${renderSvg(option, width, height)}</figure>`
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24;background:#fff;margin:0 auto;max-width:1180px;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #d9dde3;padding-bottom:4px}h3{font-size:15px;margin:20px 0 6px}
.muted{color:#5b6470}table{border-collapse:collapse;margin:8px 0 16px;font-size:12px;width:100%}caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid #d9dde3;padding:3px 6px;text-align:right;vertical-align:top;font-variant-numeric:tabular-nums}th{background:#f4f5f7}th[scope=row]{text-align:left}
td.na{color:#5b6470}sup.note{color:#5b6470;font-size:10px;margin-left:2px}ol.notes{margin:-8px 0 16px;padding-left:20px;font-size:12px;color:#5b6470}.ci{color:#5b6470;font-size:11px}
.charts{display:flex;flex-wrap:wrap;gap:12px}figure.chart{margin:0;border:1px solid #d9dde3;border-radius:4px}figure.chart svg{display:block;max-width:100%;height:auto}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{color:#5b6470}dd{margin:0}
`

/**
 * The whole analysis as one standalone HTML page: figures in tables (undefined ones with their reason), charts as
 * inline SVG. No scripts, no external resources; every string from the project is escaped.
 */
export function renderReportHtml({ report, dashboard, project, generatedAt }: ReportInput): string {
  const { agreement } = report
  const criteria = Object.entries(agreement.byCriterion)
  const runs = Object.entries(report.judges)
  const parts: string[] = []

  parts.push(`<header><h1>${esc(project.name)}: analysis</h1><dl>
<dt>Project file</dt><dd>${esc(project.file)}</dd>
<dt>Generated</dt><dd>${esc(generatedAt)}</dd>
<dt>Bootstrap</dt><dd>${report.options.bootstrap > 0 ? `${report.options.bootstrap} resamples of items, seed ${report.options.seed}, ${Math.round(report.options.confidenceLevel * 100)} % intervals` : 'none (no confidence intervals)'}</dd>
<dt>Scores</dt><dd>submitted expert scores (first submission), not-applicable excluded; an item counts for agreement with ≥ 2 scores</dd>
</dl></header>`)

  // Agreement
  parts.push('<section id="agreement"><h2>Expert agreement</h2>')
  parts.push(agreementTable('All items', [['All criteria', agreement]]))
  const ordinal = criteria.map(([name, core]) => ({
    label: name,
    figure: {
      value: core.krippendorffAlpha.ordinal.value,
      reason: core.krippendorffAlpha.ordinal.reason ?? null,
      lo: core.krippendorffAlpha.ordinal.ci?.[0] ?? null,
      hi: core.krippendorffAlpha.ordinal.ci?.[1] ?? null,
    },
  }))
  const pairs = agreement.pairwise
  const names = [...new Set(pairs.flatMap((pair) => [pair.a, pair.b]))].sort((a, b) => a.localeCompare(b))
  const kappa = names.map(() => names.map((): number | null => null))
  for (const pair of pairs) {
    const a = names.indexOf(pair.a)
    const b = names.indexOf(pair.b)
    kappa[a][b] = kappa[b][a] = pair.unweighted.value
  }
  parts.push('<div class="charts">')
  parts.push(figure(criteria.length ? agreementChart("Krippendorff's α (ordinal) per criterion", ordinal, { max: 1 }) : null, 'No criterion has expert scores.'))
  parts.push(figure(names.length ? heatmapChart("Cohen's κ (unweighted): expert × expert", { rows: names, cols: names, values: kappa }, { min: -1, max: 1 }) : null, 'No pair of experts shares an item.', 560, 420))
  parts.push('</div>')
  parts.push(agreementTable('Per criterion', criteria, 'Criterion'))
  parts.push(agreementTable('Per model', Object.entries(agreement.byModel), 'Model'))
  parts.push(agreementTable('Per task', Object.entries(agreement.byTask), 'Task'))
  parts.push(agreementTable('Per difficulty', Object.entries(agreement.byDifficulty), 'Difficulty'))
  parts.push(
    table(
      "Cohen's κ per pair of experts",
      ['Expert A', 'Expert B', 'Shared items', 'Unweighted', 'Linear', 'Quadratic'],
      (notes) =>
        pairs.map(
          (pair) =>
            `<tr><th scope="row">${esc(pair.a)}</th><th scope="row">${esc(pair.b)}</th><td>${pair.n}</td>${stat(pair.unweighted, notes)}${stat(pair.linear, notes)}${stat(pair.quadratic, notes)}</tr>`,
        ),
    ),
  )
  parts.push(
    table(
      'Experts',
      ['Expert', 'Role', 'Scores', 'Not applicable', 'Mean score'],
      () => Object.entries(report.annotators).map(
        ([name, a]) =>
          `<tr><th scope="row">${esc(name)}</th><td>${esc(a.role)}</td><td>${a.annotations}</td><td>${a.notApplicable}</td><td>${formatFigure(a.meanScore)}</td></tr>`,
      ),
    ),
  )
  parts.push('</section>')

  // Judges
  parts.push('<section id="judges"><h2>Judges against the experts</h2>')
  parts.push(
    compareTable('Human ceiling: each expert against the mean of the others', [
      ['All experts (pooled)', report.ceiling.pooled],
      ...Object.entries(report.ceiling.byAnnotator),
    ], 'Expert'),
  )
  if (runs.length === 0) parts.push('<p class="muted">No judge run has successful judgments.</p>')
  else {
    // the model cards' tables: rows answer models and "Avg." (mean over models, not pooled), columns judges
    parts.push('<h3 id="judges-by-model">Judges per answer model (as the POLLUX model cards report them)</h3>')
    for (const key of CARD_MEASURES) {
      const byModel = judgesByModel(report, key)
      const label = JUDGE_MODEL_MEASURES.find((m) => m.key === key)!.label
      parts.push(
        table(label, ['Answer model', ...byModel.judges], (notes) => [
          ...byModel.rows.map((row) => `<tr><th scope="row">${esc(row.model)}</th>${row.cells.map((cell) => stat(cell, notes)).join('')}</tr>`),
          `<tr class="average"><th scope="row">Avg.</th>${byModel.average.map((cell) => stat(cell, notes)).join('')}</tr>`,
        ]),
      )
    }
  }
  for (const [name, run] of runs) {
    parts.push(`<h3>${esc(name)} <span class="muted">(${esc(run.model)})</span></h3>`)
    parts.push(compareTable('Item level: judge score against the expert mean', [['All items', run]]))
    parts.push(
      table(
        'System level and per instruction',
        ['Level', 'Spearman', "Kendall's τ-b", 'Pearson', 'Count'],
        (notes) => [
          `<tr><th scope="row">System (across models)</th>${stat(run.systemLevel.spearman, notes)}${stat(run.systemLevel.kendallTauB, notes)}${stat(run.systemLevel.pearson, notes)}<td>${run.systemLevel.models.length} models</td></tr>`,
          `<tr><th scope="row">Per instruction (mean)</th>${stat(run.perInstruction.spearman, notes)}${stat(run.perInstruction.kendallTauB, notes)}${stat(run.perInstruction.pearson, notes)}<td>${run.perInstruction.instructions} instructions</td></tr>`,
        ],
      ),
    )
    const labels = run.confusion.labels.map(String)
    const most = Math.max(1, ...run.confusion.counts.flat())
    parts.push('<div class="charts">')
    parts.push(
      figure(
        run.n > 0
          ? heatmapChart(`Confusion: ${name}`, { rows: labels, cols: labels, values: run.confusion.counts }, { min: 0, max: most, digits: 0, xName: 'Judge', yName: 'Experts (mean, rounded)' })
          : null,
        'No item has scores from both the experts and this judge.',
        480,
        400,
      ),
    )
    parts.push(figure(run.scatter.length ? countScatterChart(`Judge vs expert mean: ${name}`, run.scatter, { x: 'Expert mean', y: 'Judge score' }) : null, 'No points.', 480, 400))
    parts.push(
      figure(
        run.systemLevel.models.length
          ? rankingChart(
              `Model ranking: experts vs ${name}`,
              run.systemLevel.models.map((m) => m.model),
              [
                { name: 'Experts', values: run.systemLevel.models.map((m) => m.expertMean) },
                { name, values: run.systemLevel.models.map((m) => m.judgeMean) },
              ],
            )
          : null,
        'No model has scores from both sides.',
      ),
    )
    parts.push('</div>')
    parts.push(
      table(
        'Model ranking',
        ['Model', 'Items', 'Expert mean', 'Judge mean'],
        () => run.systemLevel.models.map(
          (m) => `<tr><th scope="row">${esc(m.model)}</th><td>${m.n}</td><td>${formatFigure(m.expertMean)}</td><td>${formatFigure(m.judgeMean)}</td></tr>`,
        ),
      ),
    )
    parts.push(
      table(
        'Confusion matrix (rows: experts, columns: judge)',
        ['', ...labels],
        () => run.confusion.counts.map((row, i) => `<tr><th scope="row">${esc(labels[i])}</th>${row.map((count) => `<td>${count}</td>`).join('')}</tr>`),
      ),
    )
    parts.push(compareTable('Per criterion', Object.entries(run.byCriterion), 'Criterion'))
    parts.push(compareTable('Per model', Object.entries(run.byModel), 'Model'))
    parts.push(compareTable('Per task', Object.entries(run.byTask), 'Task'))
    parts.push(compareTable('Per difficulty', Object.entries(run.byDifficulty), 'Difficulty'))
    parts.push(
      table(
        `Calibration (expected calibration error on ${run.calibration.n} judgments with stored probabilities)`,
        ['Confidence bin', 'n', 'Mean confidence', 'Accuracy'],
        (notes) => [
          `<tr><th scope="row">ECE</th><td></td>${stat(run.calibration.ece, notes)}<td></td></tr>`,
          ...run.calibration.bins.map(
            (bin) => `<tr><th scope="row">${formatFigure(bin.lo, 1)}–${formatFigure(bin.hi, 1)}</th><td>${bin.n}</td><td>${formatFigure(bin.confidence)}</td><td>${formatFigure(bin.accuracy)}</td></tr>`,
          ),
        ],
      ),
    )
  }
  parts.push('</section>')

  parts.push(estimatesSection(report.estimates))

  // Scores and time
  parts.push('<section id="scores"><h2>Scores and time</h2><div class="charts">')
  const distribution = dashboard.scoreDistribution
  parts.push(figure(distribution.reason ? null : distributionChart('Expert score distribution per model', distribution.scores, distribution.rows), distribution.reason ?? ''))
  parts.push(
    figure(
      dashboard.time.reason
        ? null
        : timeChart(
            'Time per item',
            dashboard.time.buckets.map((bucket) => ({ label: timeBucketLabel(bucket.fromMs, bucket.toMs, { s: 's', min: 'min' }), count: bucket.count })),
            'Scores',
          ),
      `Time per item: ${dashboard.time.reason ?? ''}`,
    ),
  )
  parts.push('</div>')
  parts.push(
    table(
      'Expert scores per model',
      ['Model', ...distribution.scores.map(String)],
      () => distribution.rows.map((row) => `<tr><th scope="row">${esc(row.model)}</th>${row.counts.map((count) => `<td>${count}</td>`).join('')}</tr>`),
    ),
  )
  const time = report.time
  const ms = (value: number | null, notes: Notes) => (value === null ? `<td class="na">—${notes.mark('no recorded times')}</td>` : `<td>${(value / 1000).toFixed(1)} s</td>`)
  parts.push(
    table(
      'Time per item',
      ['Group', 'Scores with a time', 'Mean', 'Median', '90th percentile'],
      (notes) =>
        [['All', time] as const, ...Object.entries(time.byAnnotator), ...Object.entries(time.byCriterion)].map(
          ([name, t]) => `<tr><th scope="row">${esc(name)}</th><td>${t.n}</td>${ms(t.meanMs, notes)}${ms(t.medianMs, notes)}${ms(t.p90Ms, notes)}</tr>`,
        ),
    ),
  )
  parts.push('</section>')

  // Disagreements
  parts.push('<section id="disagreements"><h2>Where opinions differ most</h2>')
  parts.push(
    table(
      'Experts among themselves (largest spread first)',
      ['Instruction', 'Model', 'Criterion', 'Scores', 'Spread'],
      () => report.disagreements.experts.map(
        (d) =>
          `<tr><th scope="row">${esc(d.instruction)}</th><td>${esc(d.model)}</td><td>${esc(d.criterion)}</td><td>${d.annotators.map((a, i) => `${esc(a)}: ${d.scores[i]}`).join(', ')}</td><td>${formatFigure(d.spread, 2)}</td></tr>`,
      ),
    ),
  )
  for (const [name, list] of Object.entries(report.disagreements.judges)) {
    parts.push(
      table(
        `Experts and ${name} (largest difference first)`,
        ['Instruction', 'Model', 'Criterion', 'Expert mean', 'Judge', 'Difference'],
        () => list.map(
          (d) =>
            `<tr><th scope="row">${esc(d.instruction)}</th><td>${esc(d.model)}</td><td>${esc(d.criterion)}</td><td>${formatFigure(d.expertMean, 2)}</td><td>${d.judge}</td><td>${formatFigure(d.diff, 2)}</td></tr>`,
        ),
      ),
    )
  }
  parts.push('</section>')

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(project.name)}: analysis</title>
<style>${CSS}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`
}

/** PPI++ mean scores per judge run with probabilities (estimates key of the report), with expert-only beside them. */
function estimatesSection(estimates: StatsReport['estimates']): string {
  const runs = Object.entries(estimates)
  const parts = ['<section id="estimates"><h2>Estimated mean scores (judge corrected by experts)</h2>']
  if (runs.length === 0) {
    parts.push('<p class="muted">No judge run stored score probabilities, so there is no prediction-powered estimate.</p></section>')
    return parts.join('')
  }
  parts.push('<p class="muted">Prediction-powered inference with power tuning (PPI++): the judge\'s expected score on every item, corrected by the expert scores; 95 % intervals. Width ratio = PPI interval / expert-only interval.</p>')
  for (const [run, e] of runs) {
    parts.push(`<h3>${esc(run)}</h3><p class="muted">${esc(e.sample)}</p>`)
    const rows = (groups: [string, StatsReport['estimates'][string]['byModel'][string]][], notes: Notes) =>
      groups.map(
        ([name, row]) =>
          `<tr><th scope="row">${esc(name)}</th><td>${row.labeled}</td><td>${row.unlabeled}</td>${stat(row.ppi, notes)}${stat(row.expertOnly, notes)}${stat(row.widthRatio, notes)}<td>${formatFigure(row.lambda)}</td></tr>`,
      )
    const head = ['With experts', 'Judge only', 'PPI mean [95 %]', 'Expert-only mean [95 %]', 'Width ratio', 'λ']
    parts.push(table(`${run}: ranking of models`, ['Rank', 'Model', 'PPI mean', '95 % interval'], () => e.ranking.map((r) => `<tr><td>${r.rank}</td><th scope="row">${esc(r.model)}</th><td>${formatFigure(r.value)}</td><td>[${formatFigure(r.ci[0])}, ${formatFigure(r.ci[1])}]</td></tr>`)))
    parts.push(table(`${run}: per model (answers)`, ['Model', ...head], (notes) => rows(Object.entries(e.byModel), notes)))
    for (const [criterion, models] of Object.entries(e.byCriterion)) parts.push(table(`${run}: ${criterion}`, ['Model', ...head], (notes) => rows(Object.entries(models), notes)))
  }
  parts.push('</section>')
  return parts.join('')
}
