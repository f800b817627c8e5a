import { Command, InvalidArgumentError } from 'commander'
import type { QualityFigure, QualityFigures, QualityReport } from '@shared/api/qualityOperations'
import { printJson, printLine, truncate } from '../output'
import { runCommand } from '../runCommand'

const count = (name: string, min: number) => (value: string) => {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`)
  return n
}
const seconds = (value: string) => {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0 || n > 3600) throw new InvalidArgumentError('--rushed must be a number of seconds in [0, 3600]')
  return n
}

export function qualityCommand(): Command {
  return new Command('quality')
    .description('per-annotator quality: agreement with the others, MACE competence, behaviour, control accuracy')
    .argument('<file>', 'the .castor project file')
    .option('--json', 'print the whole table as one JSON object')
    .option('--bootstrap [n]', 'add 95% confidence intervals from n resamples (default 1000)', count('--bootstrap', 0))
    .option('--seed <n>', 'seed of the bootstrap and of the MACE restarts', count('--seed', 0), 1)
    .option('--rushed <seconds>', 'a score made faster than this counts as rushed', seconds, 3)
    .option('--restarts <n>', 'MACE restarts', count('--restarts', 1), 10)
    .action((file: string, options: { json?: boolean; bootstrap?: number | true; seed: number; rushed: number; restarts: number }) =>
      runCommand(options, async (mode) => {
        const { computeProjectQuality } = await import('../../main/services/analytics/quality')
        const bootstrap = options.bootstrap === true ? 1000 : (options.bootstrap ?? 0)
        const report = computeProjectQuality(file, { bootstrap, seed: options.seed, rushedSeconds: options.rushed, maceRestarts: options.restarts })
        if (mode.json) printJson(report)
        else printQuality(report)
      }),
    )
}

const COLUMNS: { header: string; pick: (f: QualityFigures) => QualityFigure; digits?: number }[] = [
  { header: 'consensus', pick: (f) => f.agreementWithConsensus },
  { header: 'spearman', pick: (f) => f.spearmanVsOthers },
  { header: 'MAE', pick: (f) => f.maeVsOthers },
  { header: 'MACE', pick: (f) => f.maceCompetence },
  { header: 'median s', pick: (f) => f.medianActiveSeconds, digits: 1 },
  { header: 'rushed', pick: (f) => f.rushedShare },
  { header: 'N/A', pick: (f) => f.naShare },
  { header: 'revised', pick: (f) => f.revisionRate },
  { header: 'straight', pick: (f) => f.straightLiningShare },
  { header: 'controls', pick: (f) => f.controlAccuracy },
]

const fmt = (s: QualityFigure, digits = 3) => (s.value === null ? '—' : s.value.toFixed(digits) + (s.ci ? ` [${s.ci[0].toFixed(digits)}, ${s.ci[1].toFixed(digits)}]` : ''))

/** Row labels (criterion names run to 150 characters in POLLUX) are cut so the figures stay on one line. */
const LABEL_WIDTH = 48

function table(rows: string[][]): void {
  rows = rows.map(([label, ...cells]) => [truncate(label, LABEL_WIDTH), ...cells])
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)))
  for (const row of rows) printLine('  ' + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
}

function printQuality(report: QualityReport): void {
  const entries = Object.entries(report.annotators)
  printLine(`Quality of ${entries.length} annotators (rushed: under ${report.options.rushedSeconds} s; MACE: ${report.options.maceRestarts} restarts, seed ${report.options.seed})`)
  const header = ['', 'n', ...COLUMNS.map((c) => c.header)]
  const row = (name: string, f: QualityFigures) => [name, String(f.n), ...COLUMNS.map((c) => fmt(c.pick(f), c.digits))]
  table([header, ...entries.map(([name, f]) => row(name, f))])
  const reasons = new Set<string>()
  for (const [, f] of entries)
    for (const c of COLUMNS) {
      const figure = c.pick(f)
      if (figure.reason) reasons.add(`${c.header}: ${figure.reason}`)
      if (figure.warning) reasons.add(`${c.header}: ${figure.warning}`)
    }
  for (const reason of reasons) printLine(`  — ${reason}`)
  for (const [name, f] of entries) {
    const peers = Object.entries(f.kappaWithPeers).map(([peer, k]) => `${peer} ${fmt(k)} (n ${k.n})`)
    const judges = Object.entries(f.agreementWithJudges).map(([run, j]) => `${run} ${fmt(j)} (n ${j.n})`)
    printLine()
    printLine(`${name}: κ (quadratic) with ${peers.join(', ') || '—'}; agreement with judge runs: ${judges.join(', ') || '—'}`)
    table([header, ...Object.entries(f.byCriterion).map(([criterion, g]) => row(criterion, g))])
  }
}
