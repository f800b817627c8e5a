import { Command, InvalidArgumentError } from 'commander'
import { AGREEMENT_MEASURES, CARD_MEASURES, COMPARE_MEASURES, JUDGE_MODEL_MEASURES } from '@shared/api/statsMeasures'
import type { AgreementCore, CompareMeasures, Stat, StatsReport } from '@shared/api/statsModels'
import { printJson, printLine } from '../output'
import { runCommand } from '../runCommand'

const count = (name: string, min: number) => (value: string) => {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`)
  return n
}

export function statsCommand(): Command {
  return new Command('stats')
    .description('annotator agreement and judge–expert correlation of a project')
    .argument('<file>', 'the .castor project file')
    .option('--json', 'print the whole report as one JSON object')
    .option('--bootstrap [n]', 'add 95% confidence intervals from n item resamples (default 1000)', count('--bootstrap', 0))
    .option('--seed <n>', 'bootstrap seed', count('--seed', 0), 1)
    .option('--top <n>', 'items in each disagreement list', count('--top', 0), 100)
    .option('--source <first|latest>', "a revised annotation's value: first submitted or latest (default: the project's setting)", (value: string) => {
      if (value !== 'first' && value !== 'latest') throw new InvalidArgumentError('--source must be first or latest')
      return value
    })
    .action((file: string, options: { json?: boolean; bootstrap?: number | true; seed: number; top: number; source?: 'first' | 'latest' }) =>
      runCommand(options, async (mode) => {
        const { computeProjectStats } = await import('../../main/services/analytics')
        const bootstrap = options.bootstrap === true ? 1000 : (options.bootstrap ?? 0)
        const report = await computeProjectStats(file, { bootstrap, seed: options.seed, top: options.top, source: options.source })
        if (mode.json) printJson(report)
        else printReport(report)
      }),
    )
}

const fmt = (s: Stat) => (s.value === null ? '—' : s.value.toFixed(3) + (s.ci ? ` [${s.ci[0].toFixed(3)}, ${s.ci[1].toFixed(3)}]` : ''))

function table(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)))
  for (const row of rows) printLine('  ' + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
}

function printReport(report: StatsReport): void {
  const a = report.agreement
  printLine(`Agreement: ${a.items} items with ≥ 2 scores, ${a.annotations} scores, ${a.raters} annotators`)
  const header = ['', 'items', ...AGREEMENT_MEASURES.map((m) => m.short)]
  const row = (name: string, g: AgreementCore) => [name, String(g.items), ...AGREEMENT_MEASURES.map((m) => fmt(m.pick(g)))]
  table([header, row('all', a), ...Object.entries(a.byCriterion).map(([name, g]) => row(name, g))])
  const undefinedOnes = [a.fleissKappa, a.krippendorffAlpha.nominal, a.icc.icc21].filter((s) => s.value === null && s.reason)
  for (const s of new Set(undefinedOnes.map((s) => s.reason))) printLine(`  — ${s}`)
  const measures = ['', 'n', ...COMPARE_MEASURES.map((m) => m.short)]
  const mrow = (name: string, m: CompareMeasures) => [name, String(m.n), ...COMPARE_MEASURES.map((measure) => fmt(measure.pick(m)))]
  printLine()
  printLine('Judges vs the mean expert score (ceiling: one expert vs the mean of the others)')
  table([measures, mrow('human ceiling', report.ceiling.pooled), ...Object.entries(report.judges).map(([name, j]) => mrow(name, j))])
  for (const [name, j] of Object.entries(report.judges)) {
    printLine()
    printLine(`${name} (${j.model}): system level Spearman ${fmt(j.systemLevel.spearman)}, Kendall ${fmt(j.systemLevel.kendallTauB)}, Pearson ${fmt(j.systemLevel.pearson)} over ${j.systemLevel.models.length} models; per instruction Spearman ${fmt(j.perInstruction.spearman)} (${j.perInstruction.defined.spearman}/${j.perInstruction.instructions} instructions)`)
    table([measures, ...Object.entries(j.byCriterion).map(([criterion, m]) => mrow(criterion, m))])
    const average = { n: 0, ...j.averageOverModels }
    printLine(`  Avg. over ${j.averageOverModels.models} answer models: ${CARD_MEASURES.map((key) => JUDGE_MODEL_MEASURES.find((m) => m.key === key)!).map((m) => `${m.short} ${fmt(m.pick(average))}`).join(', ')}`)
  }
  printEstimates(report)
}

/** PPI++ model means per run with probabilities, in ranking order, the expert-only estimate beside them. */
function printEstimates(report: StatsReport): void {
  for (const [run, e] of Object.entries(report.estimates)) {
    printLine()
    printLine(`Estimated mean scores, ${run} corrected by the experts (PPI++, 95 % intervals; ${e.sample})`)
    table([
      ['', 'experts', 'judge only', 'PPI', 'expert-only', 'width ratio'],
      ...e.ranking.map((r) => {
        const row = e.byModel[r.model]
        return [`${r.rank}. ${r.model}`, String(row.labeled), String(row.unlabeled), fmt(row.ppi), fmt(row.expertOnly), fmt(row.widthRatio)]
      }),
    ])
  }
}
