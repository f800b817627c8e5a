import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BenchContext, BenchSuite } from './context'
import { benchRounds } from './measure'
import { childImport, importSuite, importedProject } from './importSuite'
import { judgeSuite } from './judgeSuite'
import { BenchReport } from './report'
import { statsSuite } from './statsSuite'
import { simulationSuite } from './simulationSuite'
import { workbenchSuite } from './workbenchSuite'

/** The suites, in the order a full run takes them; one line each. */
const suites: Record<string, BenchSuite> = {
  import: importSuite,
  stats: statsSuite,
  workbench: workbenchSuite,
  judge: judgeSuite,
  simulation: simulationSuite,
}

/**
 * `npm run bench [-- --suite NAME[,NAME]]`: speed goals measured as ratios side by side, each over ≥ 3 alternated
 * rounds (machines here are noisy). CASTOR_BENCH_SCALE (default 1) shrinks the generated data for a quick look;
 * CASTOR_BENCH_ROUNDS (default 3) adds rounds; CASTOR_BENCH_DIR keeps the files.
 */
async function main(): Promise<void> {
  if (process.argv[2] === '--child-import') return childImport(process.argv[3], process.argv[4])
  const chosen = chosenSuites(process.argv.slice(2))
  const scale = Number(process.env.CASTOR_BENCH_SCALE ?? 1)
  const dir = process.env.CASTOR_BENCH_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'castor-bench-'))
  fs.mkdirSync(dir, { recursive: true })
  const report = new BenchReport()
  report.line(
    `Castor bench — ${chosen.join(', ')}; ${os.availableParallelism()} cores, load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}, ` +
      `Node ${process.version}, scale ${scale}, ${benchRounds()} rounds per ratio, data in ${dir}`,
  )
  let project: Promise<string> | null = null
  const bench: BenchContext = { dir, scale, report, project: () => (project ??= importedProject(bench)) }
  try {
    for (const name of chosen) await suites[name](bench)
  } finally {
    if (!process.env.CASTOR_BENCH_DIR) fs.rmSync(dir, { recursive: true, force: true })
  }
}

function chosenSuites(args: string[]): string[] {
  const at = args.findIndex((arg) => arg === '--suite' || arg.startsWith('--suite='))
  if (at === -1) return Object.keys(suites)
  const value = args[at].includes('=') ? args[at].slice('--suite='.length) : args[at + 1]
  const names = (value ?? '').split(',').filter(Boolean)
  const unknown = names.filter((name) => !(name in suites))
  if (!names.length || unknown.length) throw new Error(`--suite takes one or more of ${Object.keys(suites).join(', ')} (comma-separated), not ${JSON.stringify(value ?? '')}`)
  return names
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
