import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { openProject } from '../../src/main/services/db'
import { importFile } from '../../src/main/services/importers'
import { projectCounts } from '../../src/main/services/project/projectInfo'
import { type BenchShape, fullShape, rowCount, writeBenchJsonl } from './benchData'
import type { BenchContext } from './context'
import { bareInsertLoop, bareParse } from './floor'
import { importStages } from './importStages'
import { alternate, benchRounds, median, ratioText, rounded, spread, timesText } from './measure'
import { seconds } from './report'

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

interface ChildRun {
  ms: number
  rows: number
  maxRssMb: number
}

function importInChild(project: string, file: string): ChildRun {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(project + suffix, { force: true })
  const result = spawnSync(process.execPath, [self, '--child-import', project, file], { encoding: 'utf8', maxBuffer: 1 << 20 })
  if (result.status !== 0) throw new Error(`import child failed: ${result.stderr}`)
  return JSON.parse(result.stdout.trim().split('\n').pop()!)
}

function benchShape(scale: number): BenchShape {
  return { ...fullShape, instructions: Math.max(10, Math.round(fullShape.instructions * scale)) }
}

let generated: Promise<string> | null = null
let imported: string | null = null

/** The bench's JSONL file (1.2 M score rows, 2.9 GB at full scale), written once per run. */
function benchFile(bench: BenchContext): Promise<string> {
  return (generated ??= (async () => {
    const shape = benchShape(bench.scale)
    const file = path.join(bench.dir, 'bench.jsonl')
    const t = performance.now()
    const bytes = await writeBenchJsonl(file, shape)
    bench.report.line(`generated ${rowCount(shape).toLocaleString('en')} score rows, ${(bytes / 1e9).toFixed(2)} GB JSONL in ${seconds(performance.now() - t)}`)
    return file
  })())
}

/** The project the import suite made, or (when it did not run) the bench file imported once. */
export async function importedProject(bench: BenchContext): Promise<string> {
  if (imported) return imported
  const project = path.join(bench.dir, 'bench.castor')
  const run = importInChild(project, await benchFile(bench))
  bench.report.line(`imported the bench file for the next suites in ${seconds(run.ms)}`)
  return (imported = project)
}

/**
 * Castor's import against its floor (a bare parse then a bare insert loop, each single-threaded), alternated
 * round by round; then the import's stages one by one, peak memory full vs quarter, and `castor info`.
 */
export async function importSuite(bench: BenchContext): Promise<void> {
  const { report, dir } = bench
  const shape = benchShape(bench.scale)
  const rows = rowCount(shape)
  const file = await benchFile(bench)
  const project = path.join(dir, 'bench.castor')
  const floorDb = path.join(dir, 'floor.sqlite')
  const rounds = benchRounds()

  const runs: ChildRun[] = []
  const parseMs: number[] = []
  const insertMs: number[] = []
  const measured = await alternate(
    rounds,
    () => {
      const run = importInChild(project, file)
      runs.push(run)
      return run.ms
    },
    async () => {
      let t = performance.now()
      const parsed = await bareParse(file)
      parseMs.push(performance.now() - t)
      if (parsed !== rows) throw new Error(`bare parse saw ${parsed} rows, expected ${rows}`)
      fs.rmSync(floorDb, { force: true })
      t = performance.now()
      bareInsertLoop(floorDb, rows)
      insertMs.push(performance.now() - t)
      fs.rmSync(floorDb, { force: true })
      fs.rmSync(`${floorDb}-wal`, { force: true })
      return parseMs[parseMs.length - 1] + insertMs[insertMs.length - 1]
    },
  )
  imported = project
  const ratio = spread(measured.ratios)
  const overlapRatios = runs.map((run, i) => run.ms / Math.max(parseMs[i], insertMs[i]))

  const stagesProject = path.join(dir, 'stages.castor')
  const stages = await importStages(file, stagesProject)
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(stagesProject + suffix, { force: true })
  const { rows: stageRows, ...stageMs } = stages
  const stageTotal = Object.values(stageMs).reduce((a, b) => a + b, 0)

  // Memory must not grow with the file: import a quarter of the data and compare peaks.
  const smallShape = { ...shape, instructions: Math.max(10, Math.round(shape.instructions / 4)) }
  const smallFile = path.join(dir, 'bench-quarter.jsonl')
  await writeBenchJsonl(smallFile, smallShape)
  const smallProject = path.join(dir, 'bench-quarter.castor')
  // as many quarter imports as full ones: one peak alone varied from 287 to 328 MB between runs
  const smallRuns = runs.map(() => importInChild(smallProject, smallFile))
  const smallRss = median(smallRuns.map((run) => run.maxRssMb))
  fs.rmSync(smallFile)
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(smallProject + suffix, { force: true })
  const fullRss = median(runs.map((run) => run.maxRssMb))
  const castorMs = median(runs.map((run) => run.ms))

  report.table(`import (generic long JSONL, ${rows.toLocaleString('en')} rows)`, [
    ['bare parse (split buffers + JSON.parse)', timesText(parseMs)],
    ['bare prepared-insert loop, one transaction', timesText(insertMs)],
    ['floor = parse + insert', timesText(measured.b)],
    ['castor import (worker parses, main thread writes)', timesText(measured.a)],
    ['ratio castor / floor (goal ≤ 1.0×)', ratioText(ratio, rounds, measured.load)],
    ['ratio castor / max(parse, insert) (perfect overlap = 1)', `median ${median(overlapRatios).toFixed(2)}× (min ${Math.min(...overlapRatios).toFixed(2)}, max ${Math.max(...overlapRatios).toFixed(2)})`],
    ['rows/s (median run)', Math.round(rows / (castorMs / 1000)).toLocaleString('en')],
    [`stages, one thread, ${stageRows.toLocaleString('en')} rows`, `${seconds(stageTotal)} in all`],
    ...Object.entries(stageMs).map(([stage, ms]): [string, string] => [`  ${stage}`, `${seconds(ms)}  (${((ms / stageTotal) * 100).toFixed(1)} %)`]),
    [`peak RSS, full file (median of ${runs.length})`, `${fullRss.toFixed(0)} MB`],
    [`peak RSS, quarter file (${rowCount(smallShape).toLocaleString('en')} rows, median of ${smallRuns.length})`, `${smallRss.toFixed(0)} MB (min ${Math.min(...smallRuns.map((run) => run.maxRssMb)).toFixed(0)}, max ${Math.max(...smallRuns.map((run) => run.maxRssMb)).toFixed(0)})`],
    ['peak RSS ratio full / quarter (goal ≤ 1.2×)', `${(fullRss / smallRss).toFixed(2)}×`],
  ])

  // castor info: opening the file and counting, in-process and as the CLI a user runs.
  const inProcess: number[] = []
  let counts
  for (let i = 0; i < 7; i++) {
    const t = performance.now()
    const db = openProject(project, { readOnly: true })
    counts = projectCounts(db)
    db.close()
    inProcess.push(performance.now() - t)
  }
  const cli = path.join(path.dirname(self), 'cli.js')
  const cliTimes: number[] = []
  if (fs.existsSync(cli)) {
    for (let i = 0; i < 3; i++) {
      const t = performance.now()
      const result = spawnSync(process.execPath, [cli, 'info', project, '--json'], { encoding: 'utf8' })
      cliTimes.push(performance.now() - t)
      if (result.status !== 0) throw new Error(`castor info failed: ${result.stderr}`)
    }
  }
  report.table('castor info on the result', [
    ['counts', JSON.stringify(counts)],
    ['open + count, in process (goal < 100 ms)', timesText(inProcess)],
    ['`castor info --json` whole process incl. Node start', cliTimes.length ? timesText(cliTimes) : 'n/a (run npm run build)'],
  ])
  const ms = (values: number[]) => rounded(spread(values), 1)
  report.json('import', {
    ratio: rounded(ratio),
    rows,
    castorMs: ms(measured.a),
    floorMs: ms(measured.b),
    parseMs: ms(parseMs),
    insertMs: ms(insertMs),
    stagesMs: Object.fromEntries(Object.entries(stageMs).map(([stage, value]) => [stage, Math.round(value)])),
    peakRssMb: { full: Math.round(fullRss), quarter: Math.round(smallRss), ratio: Number((fullRss / smallRss).toFixed(3)) },
    infoMs: { inProcess: ms(inProcess), cli: cliTimes.length ? ms(cliTimes) : null },
    load: rounded(measured.load.spread, 2),
  })
}
