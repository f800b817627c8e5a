import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { childImport, importSuite } from './importSuite'
import { judgeSuite } from './judgeSuite'
import { BenchReport } from './report'
import { statsSuite } from './statsSuite'
import { simulationSuite } from './simulationSuite'
import { workbenchSuite } from './workbenchSuite'

/**
 * `npm run bench`: speed goals measured as ratios side by side in one run (machines here are noisy).
 * CASTOR_BENCH_SCALE (default 1) shrinks the generated data for a quick look; CASTOR_BENCH_DIR keeps the files.
 */
async function main(): Promise<void> {
  if (process.argv[2] === '--child-import') return childImport(process.argv[3], process.argv[4])
  const scale = Number(process.env.CASTOR_BENCH_SCALE ?? 1)
  const dir = process.env.CASTOR_BENCH_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'castor-bench-'))
  fs.mkdirSync(dir, { recursive: true })
  const report = new BenchReport()
  report.line(`Castor bench — ${os.cpus().length} cores, Node ${process.version}, scale ${scale}, data in ${dir}`)
  try {
    const project = await importSuite(dir, scale, report)
    await statsSuite(project, report)
    await simulationSuite(project, report)
    await workbenchSuite(dir, scale, report)
    await judgeSuite(dir, scale, report)
  } finally {
    if (!process.env.CASTOR_BENCH_DIR) fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
