import { performance } from 'node:perf_hooks'
import { loadProject, runBootstrap, type LoadTimes } from '../../src/main/services/analytics'
import { openProject } from '../../src/main/services/db'
import { computeStats } from '../../src/main/services/analytics/engine'
import { type BenchReport, median, seconds } from './report'

/**
 * Statistics on the import suite's project (1.2 M expert scores at full scale), plus one synthetic judge run
 * (a judgment per item) inserted in a transaction that is rolled back. Reading the rows from SQLite and computing
 * every figure are timed side by side in this run; then 1,000 bootstrap resamples in worker threads.
 */
export async function statsSuite(project: string, report: BenchReport): Promise<void> {
  const db = openProject(project)
  db.exec('BEGIN')
  try {
    const run = Number(db.prepare("INSERT INTO judge_runs (name, model) VALUES ('bench-judge', 'bench')").run().lastInsertRowid)
    // the judge agrees with the first expert 70 % of the time, otherwise a pseudo-random score
    db.prepare(
      `INSERT INTO judgments (run_id, item_id, score)
       SELECT ?, i.id, CASE WHEN (i.id * 2654435761) % 10 < 7 THEN (SELECT score FROM annotations a WHERE a.item_id = i.id ORDER BY a.id LIMIT 1) ELSE (i.id * 40503) % 3 END
       FROM items i`,
    ).run(run)
    const reads: LoadTimes[] = []
    const computes: number[] = []
    const computeCpus: number[] = []
    const cpu = () => {
      const usage = process.cpuUsage()
      return (usage.user + usage.system) / 1000
    }
    let input = loadProject(db)
    let result = computeStats(input)
    for (let k = 0; k < 3; k++) {
      const times: LoadTimes = { scoresMs: 0, totalMs: 0 }
      input = loadProject(db, times)
      reads.push(times)
      const t = performance.now()
      const c = cpu()
      result = computeStats(input)
      computes.push(performance.now() - t)
      computeCpus.push(cpu() - c)
    }
    const scoresMs = median(reads.map((r) => r.scoresMs))
    const totalMs = median(reads.map((r) => r.totalMs))
    const computeMs = median(computes)
    const scoresCpu = median(reads.map((r) => r.scoresCpuMs ?? 0))
    const totalCpu = median(reads.map((r) => r.totalCpuMs ?? 0))
    const computeCpu = median(computeCpus)
    let t = performance.now()
    await runBootstrap(result.bootstrap, 1000)
    const bootstrapMs = performance.now() - t
    t = performance.now()
    await runBootstrap(result.bootstrap, 100, 1)
    const oneThread100 = performance.now() - t
    const a = result.report.agreement
    report.table(`castor stats (${input.scores.length.toLocaleString('en')} expert scores on ${input.itemCount.toLocaleString('en')} items, 1 judge run)`, [
      ['read the expert score rows (.raw().iterate(), median of 3)', seconds(scoresMs)],
      ['read everything the report needs (scores, items, judgments)', seconds(totalMs)],
      ['compute every figure, no bootstrap (median of 3)', seconds(computeMs)],
      ['ratio compute / read of the score rows (goal ≤ 0.25×)', `${(computeMs / scoresMs).toFixed(3)}×`],
      ['ratio compute / read of everything', `${(computeMs / totalMs).toFixed(3)}×`],
      ['CPU time: read score rows / read everything / compute', `${seconds(scoresCpu)} / ${seconds(totalCpu)} / ${seconds(computeCpu)}`],
      ['CPU ratio compute / read of the score rows (same goal)', `${(computeCpu / scoresCpu).toFixed(3)}×`],
      ['CPU ratio compute / read of everything', `${(computeCpu / totalCpu).toFixed(3)}×`],
      [`1,000 bootstrap resamples, worker threads (goal ≤ 10 s)`, seconds(bootstrapMs)],
      ['100 resamples in one worker (for scale)', seconds(oneThread100)],
      ['α nominal / ordinal / interval', [a.krippendorffAlpha.nominal, a.krippendorffAlpha.ordinal, a.krippendorffAlpha.interval].map((s) => s.value?.toFixed(4) ?? 'null').join(' / ')],
      ['Fleiss κ, judge Spearman', `${a.fleissKappa.value?.toFixed(4)}, ${result.report.judges['bench-judge']?.spearman.value?.toFixed(4)}`],
    ])
  } finally {
    db.exec('ROLLBACK')
    db.close()
  }
}
