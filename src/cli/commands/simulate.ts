import { Command, InvalidArgumentError } from 'commander'
import type { SimulationReport } from '@shared/api/simulationModels'
import { printJson, printLine } from '../output'
import { createProgress } from '../progress'
import { runCommand } from '../runCommand'

const integer = (name: string, min: number) => (value: string) => {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`)
  return n
}
const rate = (name: string) => (value: string) => {
  const n = Number(value)
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError(`${name} must be a number between 0 and 1`)
  return n
}
const collect = (value: string, previous: string[]) => [...previous, value]

interface SimulateOptions {
  policy: string
  judge: string
  committee: string[]
  alpha: number | 'ceiling'
  delta: number
  calibration?: number
  maxExperts?: number
  minItems: number
  budget?: number
  confidence: 'top' | 'entropy'
  piMin?: number
  repeats: number
  seed: number
  threads?: number
  json?: boolean
}

export function simulateCommand(): Command {
  return new Command('simulate')
    .description('replay an assignment policy on a project where every item has all its expert scores')
    .argument('<file>', 'the complete .castor project')
    .requiredOption('--policy <policy>', 'judge-guided | breadth | depth | random', (value: string) => {
      if (!['judge-guided', 'breadth', 'depth', 'random'].includes(value)) throw new InvalidArgumentError('--policy must be judge-guided, breadth, depth or random')
      return value
    })
    .requiredOption('--judge <run>', 'the judge run (its stored score probabilities)')
    .option('--committee <run>', 'a run that votes with the judge (repeat for more); probabilities = vote shares', collect, [])
    .option('--alpha <alpha|ceiling>', 'tolerated disagreement with the expert consensus, or "ceiling" (no worse than one more expert)', (value: string) => (value === 'ceiling' ? 'ceiling' : rate('--alpha')(value)), 0.1)
    .option('--delta <delta>', 'probability that the guarantee may fail', rate('--delta'), 0.1)
    .option('--calibration <answers>', 'answers in the calibration sample (default: max(5 × min-items, 10 % of answers))', integer('--calibration', 0))
    .option('--max-experts <k>', "most experts per escalated item (default the project's k)", integer('--max-experts', 1))
    .option('--min-items <m>', 'thresholds backed by fewer calibration items are skipped', integer('--min-items', 1), 50)
    .option('--budget <scores>', 'expert scores breadth/depth/random may spend (default all)', integer('--budget', 0))
    .option('--confidence <top|entropy>', "the judge's confidence: top probability or 1 − normalised entropy", (value: string) => {
      if (value !== 'top' && value !== 'entropy') throw new InvalidArgumentError('--confidence must be top or entropy')
      return value
    }, 'top')
    .option('--pi-min <p>', 'probabilistic routing: items above λ still reach an expert with probability p (weighted estimates)', rate('--pi-min'))
    .requiredOption('--repeats <r>', 'seeded repeats', integer('--repeats', 1))
    .requiredOption('--seed <s>', 'seed', integer('--seed', 0))
    .option('--threads <n>', 'worker threads (default: all cores)', integer('--threads', 1))
    .option('--json', 'print progress lines and the report as one JSON object')
    .action((file: string, options: SimulateOptions) =>
      runCommand(options, async (mode) => {
        const { runSimulation } = await import('../../main/services/routing/simulation')
        const progress = createProgress(mode, 'simulate', 'items')
        let report: SimulationReport
        try {
          report = await runSimulation(
            file,
            {
              policy: options.policy as SimulationReport['policy'],
              judge: options.judge,
              committee: options.committee,
              alpha: options.alpha,
              delta: options.delta,
              calibration: options.calibration,
              maxExperts: options.maxExperts,
              minItems: options.minItems,
              budget: options.budget,
              confidence: options.confidence,
              piMin: options.piMin,
              repeats: options.repeats,
              seed: options.seed,
            },
            { threads: options.threads, onProgress: (done, total) => progress.update(done, total, done) },
          )
        } finally {
          progress.stop()
        }
        if (mode.json) printJson(report)
        else printSummary(report)
      }),
    )
}

const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)} %`)
const num = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits))

function printSummary(r: SimulationReport): void {
  printLine(`${r.policy} on ${r.data.items} items (${r.data.answers} answers, ${r.data.models} models, k = ${r.data.k}), ${r.repeats} repeats, seed ${r.seed}`)
  printLine(`Calibration: ${r.calibration.answers} answers (${r.calibration.chosenBy}); α ${r.alphaMode === 'ceiling' ? `ceiling ≈ ${num(r.itemLevel.alpha)}` : num(r.itemLevel.alpha)}, δ ${r.itemLevel.delta}`)
  printLine(`Expert scores: ${r.expertScores.used.toFixed(0)} of ${r.expertScores.fixedK} (saved ${pct(r.expertScores.savedShare)})`)
  printLine(`Accepted: ${pct(r.itemLevel.acceptedShare)}; disagreement on accepted: mean ${pct(r.itemLevel.disagreementOnAccepted.mean)}, max ${pct(r.itemLevel.disagreementOnAccepted.max)}; violation rate ${pct(r.itemLevel.violationRate)} (against the project's rate above λ: ${pct(r.itemLevel.populationViolationRate)})`)
  printLine(`Estimates: coverage ${pct(r.estimates.coverage)}, width ratio PPI / experts ${num(r.estimates.ciWidthRatio)}, ranking Kendall τ ${num(r.estimates.rankingKendallTau)}`)
  for (const [name, c] of Object.entries(r.byCriterion)) {
    printLine(`  ${name}: λ ${num(c.itemLevel.lambda, 2)}, accepted ${pct(c.itemLevel.acceptedShare)}, saved ${pct(c.expertScores.savedShare)}, violations ${pct(c.itemLevel.violationRate)}, coverage ${pct(c.estimates.coverage)}, width ratio ${num(c.estimates.ciWidthRatio)}`)
  }
}
