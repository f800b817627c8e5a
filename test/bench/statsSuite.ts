import { performance } from 'node:perf_hooks'
import { loadProject, runBootstrap, type LoadTimes } from '../../src/main/services/analytics'
import { openProject } from '../../src/main/services/db'
import { computeStats } from '../../src/main/services/analytics/engine'
import { qualityOf, readQualitySource } from '../../src/main/services/analytics/quality'
import type { BenchContext } from './context'
import { alternate, benchRounds, median, ratioText, rounded, spread, timesText } from './measure'
import { seconds } from './report'

const cpuMs = () => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

/**
 * Statistics on the import suite's project (1.2 M expert scores at full scale), plus one synthetic judge run
 * (a judgment per item) and an active time on every score (5 s to 5 min, as the workbench records one), written in a
 * transaction that is rolled back. Reading the rows from SQLite and computing
 * every figure alternate round by round (read, compute, read, compute …); then 1,000 bootstrap resamples in
 * worker threads.
 */
export async function statsSuite(bench: BenchContext): Promise<void> {
  const { report } = bench
  const db = openProject(await bench.project())
  db.exec('BEGIN')
  try {
    const run = Number(db.prepare("INSERT INTO judge_runs (name, model) VALUES ('bench-judge', 'bench')").run().lastInsertRowid)
    // the judge agrees with the first expert 70 % of the time, otherwise a pseudo-random score
    db.prepare(
      `INSERT INTO judgments (run_id, item_id, score)
       SELECT ?, i.id, CASE WHEN (i.id * 2654435761) % 10 < 7 THEN (SELECT score FROM annotations a WHERE a.item_id = i.id ORDER BY a.id LIMIT 1) ELSE (i.id * 40503) % 3 END
       FROM items i`,
    ).run(run)
    db.prepare('UPDATE annotations SET time_spent_ms = 5000 + (id * 2654435761) % 295000').run()
    const rounds = benchRounds()
    const reads: LoadTimes[] = []
    const computeCpu: number[] = []
    // Warm-up, not measured in the ratio: the page cache, and compiled code. The engine's many loops reach
    // optimised code only after a few runs, so the first run in a fresh process (what a lead's first report costs)
    // is timed and printed on its own.
    let input = loadProject(db)
    const firstStarted = performance.now()
    let result = computeStats(input)
    const firstComputeMs = performance.now() - firstStarted
    for (let warm = 0; warm < 2; warm++) {
      input = loadProject(db)
      result = computeStats(input)
    }
    const measured = await alternate(
      rounds,
      () => {
        const c = cpuMs()
        const t = performance.now()
        result = computeStats(input)
        const ms = performance.now() - t
        computeCpu.push(cpuMs() - c)
        return ms
      },
      () => {
        const times: LoadTimes = { scoresMs: 0, totalMs: 0 }
        input = loadProject(db, times)
        reads.push(times)
        return times.scoresMs
      },
    )
    const ratio = spread(measured.ratios)
    const totalRatios = measured.a.map((ms, i) => ms / reads[i].totalMs)
    const cpuRatios = computeCpu.map((ms, i) => ms / (reads[i].scoresCpuMs ?? NaN))
    let t = performance.now()
    await runBootstrap(result.bootstrapJob(), 1000)
    const bootstrapMs = performance.now() - t
    t = performance.now()
    await runBootstrap(result.bootstrapJob(), 100, 1)
    const oneThread100 = performance.now() - t
    // Team › Quality: its own read, then every figure with MACE's default 10 restarts (pooled and per criterion)
    t = performance.now()
    const qualitySource = readQualitySource(db)
    const qualityReadMs = performance.now() - t
    t = performance.now()
    qualityOf(qualitySource)
    const qualityMs = performance.now() - t
    const a = result.report.agreement
    report.table(`castor stats (${input.scores.length.toLocaleString('en')} expert scores on ${input.itemCount.toLocaleString('en')} items, 1 judge run)`, [
      ['read the expert score rows (.raw().iterate())', timesText(measured.b)],
      ['read everything the report needs (scores, items, judgments)', timesText(reads.map((r) => r.totalMs))],
      ['compute every figure, no bootstrap', timesText(measured.a)],
      ['the first compute in a fresh process (code not yet optimised)', `${firstComputeMs.toFixed(1)} ms`],
      ['ratio compute / read of the score rows (goal ≤ 0.15×)', ratioText(ratio, rounds, measured.load, 3)],
      ['ratio compute / read of everything', `median ${median(totalRatios).toFixed(3)}×`],
      ['CPU ratio compute / read of the score rows', `median ${median(cpuRatios).toFixed(3)}×`],
      [`1,000 bootstrap resamples, worker threads (goal ≤ 10 s)`, seconds(bootstrapMs)],
      ['100 resamples in one worker (for scale)', seconds(oneThread100)],
      ['Team › Quality: read, then every figure with MACE (10 restarts)', `${seconds(qualityReadMs)} + ${seconds(qualityMs)}`],
      ['α nominal / ordinal / interval', [a.krippendorffAlpha.nominal, a.krippendorffAlpha.ordinal, a.krippendorffAlpha.interval].map((s) => s.value?.toFixed(4) ?? 'null').join(' / ')],
      ['Fleiss κ, judge Spearman', `${a.fleissKappa.value?.toFixed(4)}, ${result.report.judges['bench-judge']?.spearman.value?.toFixed(4)}`],
    ])
    report.json('stats', {
      ratio: rounded(ratio),
      scores: input.scores.length,
      computeMs: rounded(spread(measured.a), 1),
      firstComputeMs: Math.round(firstComputeMs),
      readMs: rounded(spread(measured.b), 1),
      cpuRatio: Number(median(cpuRatios).toFixed(4)),
      bootstrapMs: Math.round(bootstrapMs),
      qualityMs: { read: Math.round(qualityReadMs), compute: Math.round(qualityMs) },
      load: rounded(measured.load.spread, 2),
    })
  } finally {
    db.exec('ROLLBACK')
    db.close()
  }
}
