import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { openProject } from '../../src/main/services/db'
import { importFile } from '../../src/main/services/importers'
import { projectCounts } from '../../src/main/services/project/projectInfo'
import { type BenchShape, fullShape, rowCount, writeBenchJsonl } from './benchData'
import { bareInsertLoop, bareParse } from './floor'
import { type BenchReport, median, seconds } from './report'

const self = fileURLToPath(import.meta.url)

/** Child mode: import one file into a fresh project and report time and peak memory of this process alone. */
export async function childImport(project: string, file: string): Promise<void> {
  const db = openProject(project, { create: true })
  const started = performance.now()
  const summary = await importFile(db, file, { format: 'generic-jsonl' })
  const ms = performance.now() - started
  db.close()
  process.stdout.write(JSON.stringify({ ms, rows: summary.rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n')
}

function importInChild(project: string, file: string): { ms: number; rows: number; maxRssMb: number } {
  const result = spawnSync(process.execPath, [self, '--child-import', project, file], { encoding: 'utf8', maxBuffer: 1 << 20 })
  if (result.status !== 0) throw new Error(`import child failed: ${result.stderr}`)
  return JSON.parse(result.stdout.trim().split('\n').pop()!)
}

export async function importSuite(dir: string, scale: number, report: BenchReport): Promise<string> {
  const shape: BenchShape = { ...fullShape, instructions: Math.max(10, Math.round(fullShape.instructions * scale)) }
  const rows = rowCount(shape)
  const file = path.join(dir, 'bench.jsonl')
  let t = performance.now()
  const bytes = await writeBenchJsonl(file, shape)
  report.line(`generated ${rows.toLocaleString('en')} score rows, ${(bytes / 1e9).toFixed(2)} GB JSONL in ${seconds(performance.now() - t)}`)

  t = performance.now()
  const parsed = await bareParse(file)
  const parseMs = performance.now() - t
  if (parsed !== rows) throw new Error(`bare parse saw ${parsed} rows, expected ${rows}`)
  t = performance.now()
  bareInsertLoop(path.join(dir, 'floor.sqlite'), rows)
  const insertMs = performance.now() - t
  const floorMs = parseMs + insertMs

  const project = path.join(dir, 'bench.castor')
  const run = importInChild(project, file)
  const ratio = run.ms / floorMs

  // Memory must not grow with the file: import a quarter of the data and compare peaks.
  const smallShape = { ...shape, instructions: Math.max(10, Math.round(shape.instructions / 4)) }
  const smallFile = path.join(dir, 'bench-quarter.jsonl')
  await writeBenchJsonl(smallFile, smallShape)
  const small = importInChild(path.join(dir, 'bench-quarter.castor'), smallFile)
  fs.rmSync(smallFile)

  report.table('import (generic long JSONL)', [
    ['bare parse (split buffers + JSON.parse)', seconds(parseMs)],
    ['bare prepared-insert loop, one transaction', seconds(insertMs)],
    ['floor = parse + insert', seconds(floorMs)],
    ['castor import', seconds(run.ms)],
    ['ratio castor / floor (goal ≤ 1.5×)', `${ratio.toFixed(2)}×`],
    ['rows/s', Math.round(run.rows / (run.ms / 1000)).toLocaleString('en')],
    [`peak RSS, full file (${rows.toLocaleString('en')} rows)`, `${run.maxRssMb.toFixed(0)} MB`],
    [`peak RSS, quarter file (${rowCount(smallShape).toLocaleString('en')} rows)`, `${small.maxRssMb.toFixed(0)} MB`],
    ['peak RSS ratio full / quarter (bounded ≈ 1)', `${(run.maxRssMb / small.maxRssMb).toFixed(2)}×`],
  ])
  fs.rmSync(path.join(dir, 'floor.sqlite'), { force: true })

  // castor info: opening the file and counting, in-process and as the CLI a user runs.
  const inProcess: number[] = []
  let counts
  for (let i = 0; i < 7; i++) {
    t = performance.now()
    const db = openProject(project, { readOnly: true })
    counts = projectCounts(db)
    db.close()
    inProcess.push(performance.now() - t)
  }
  const cli = path.join(path.dirname(self), 'cli.js')
  const cliTimes: number[] = []
  if (fs.existsSync(cli)) {
    for (let i = 0; i < 3; i++) {
      t = performance.now()
      const result = spawnSync(process.execPath, [cli, 'info', project, '--json'], { encoding: 'utf8' })
      cliTimes.push(performance.now() - t)
      if (result.status !== 0) throw new Error(`castor info failed: ${result.stderr}`)
    }
  }
  report.table('castor info on the result', [
    ['counts', JSON.stringify(counts)],
    ['open + count, in process (median of 7; goal < 100 ms)', `${median(inProcess).toFixed(1)} ms`],
    ['`castor info --json` whole process incl. Node start (median of 3)', cliTimes.length ? `${median(cliTimes).toFixed(0)} ms` : 'n/a (run npm run build)'],
  ])
  return project
}
