import { performance } from 'node:perf_hooks'
import { computeProjectStats } from '../../src/main/services/analytics'
import { openProject } from '../../src/main/services/db'
import { loadSimulation, runRepeats, simulateRepeat, defaultCalibration } from '../../src/main/services/routing/simulation'
import type { SimulationSettings } from '../../src/main/services/routing/simulation/simulate'
import type { BenchContext } from './context'
import { median, seconds } from './report'

/**
 * `castor simulate` on the import suite's project (every item has its 2 expert scores), with a synthetic judge run
 * storing probabilities (inserted in a transaction that is rolled back). Side by side, alternating, median of 3:
 * one simulation repeat (judge-guided, α ceiling) vs computing `castor stats` (read + every figure, no bootstrap).
 * Then 100 repeats on worker threads against 100 × the single-thread median.
 */
export async function simulationSuite(bench: BenchContext): Promise<void> {
  const { report } = bench
  const db = openProject(await bench.project())
  db.exec('BEGIN')
  try {
    const run = Number(db.prepare("INSERT INTO judge_runs (name, model) VALUES ('bench-sim-judge', 'bench')").run().lastInsertRowid)
    // top probability q in [0.4, 1) from the item id; the top score agrees with the first expert with probability ≈ q
    db.prepare(
      `INSERT INTO judgments (run_id, item_id, score, score_probabilities)
       SELECT ?, id, top, json_object(CAST(top AS TEXT), q, CAST((top + 1) % 3 AS TEXT), (1 - q) / 2, CAST((top + 2) % 3 AS TEXT), (1 - q) / 2)
       FROM (SELECT i.id, 0.4 + ((i.id * 2654435761) % 1000) / 1666.0 AS q,
                    CASE WHEN (i.id * 40503) % 1000 < 400 + ((i.id * 2654435761) % 1000) * 0.6
                         THEN (SELECT score FROM annotations a WHERE a.item_id = i.id ORDER BY a.id LIMIT 1)
                         ELSE (i.id * 7919) % 3 END AS top
             FROM items i)`,
    ).run(run)
    let t = performance.now()
    const { data, k } = loadSimulation(db, 'bench-sim-judge', [], 'top')
    const loadMs = performance.now() - t
    const settings: SimulationSettings = {
      policy: 'judge-guided',
      alpha: 'ceiling',
      delta: 0.1,
      calibration: defaultCalibration(data, 50).answers,
      maxExperts: k,
      minItems: 50,
      seed: 1,
    }
    const repeats: number[] = []
    const stats: number[] = []
    for (let r = 0; r < 3; r++) {
      t = performance.now()
      simulateRepeat(data, settings, r)
      repeats.push(performance.now() - t)
      t = performance.now()
      await computeProjectStats(db)
      stats.push(performance.now() - t)
    }
    const repeatMs = median(repeats)
    const statsMs = median(stats)
    t = performance.now()
    const outcomes = await runRepeats(data, settings, 100)
    const hundredMs = performance.now() - t
    const used = outcomes.reduce((s, o) => s + o.used.reduce((a, v) => a + v, 0), 0) / outcomes.length
    report.table(`castor simulate (${data.items.toLocaleString('en')} items, ${data.answers.toLocaleString('en')} answers, k = ${k})`, [
      ['read the project for the simulation (once)', seconds(loadMs)],
      ['one judge-guided repeat (median of 3, alternating)', seconds(repeatMs)],
      ['castor stats: read + every figure (median of 3, alternating)', seconds(statsMs)],
      ['ratio one repeat / castor stats (goal ≤ 1×)', `${(repeatMs / statsMs).toFixed(3)}×`],
      ['100 repeats on worker threads', seconds(hundredMs)],
      ['ratio 100 repeats threaded / 100 × one repeat', `${(hundredMs / (100 * repeatMs)).toFixed(3)}×`],
      ['expert scores used per repeat (of fixed k)', `${Math.round(used).toLocaleString('en')} of ${data.expertValues.length.toLocaleString('en')}`],
    ])
  } finally {
    db.exec('ROLLBACK')
    db.close()
  }
}
