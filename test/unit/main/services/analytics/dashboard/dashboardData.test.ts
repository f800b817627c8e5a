import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../../../../src/main/services/db'
import { readProject } from '../../../../../../src/main/services/analytics'
import { dashboardData, dataVersion, itemsBehind, itemTable, scatterPoints, type ItemTable } from '../../../../../../src/main/services/analytics/dashboard/dashboardData'
import { roundHalfUp } from '../../../../../../src/main/services/analytics/engine'
import { analyticsProject } from '../analyticsKit'

let db: Db | null = null
afterEach(() => {
  db?.close()
  db = null
})

async function table() {
  const project = await analyticsProject()
  db = project.db
  return itemTable(readProject(db))
}

const idOf = (t: ItemTable, label: string) => t.criteria.find((c) => c.label === label)!.id

describe('dashboardData', () => {
  it('counts expert scores per model and score, and ranks models by the experts’ mean', async () => {
    const data = dashboardData(await table())
    expect(data.models).toEqual(['Alpha-LM', 'Beta-LM', 'Gamma-LM'])
    expect(data.runs).toEqual(['judge-analytics'])
    expect(data.annotators).toEqual(['Анна', 'Борис'])
    const total = data.scoreDistribution.rows.reduce((sum, row) => sum + row.counts.reduce((a, b) => a + b, 0), 0)
    expect(total).toBe(108) // 6 × 3 × 3 items × 2 experts
    expect(data.scoreDistribution.scores).toEqual([0, 1, 2])
    expect(data.ranking).toHaveLength(3)
    const means = data.ranking.map((row) => row.experts!)
    expect([...means].sort((a, b) => b - a)).toEqual(means)
    for (const row of data.ranking) expect(row.judges['judge-analytics']).toEqual(expect.any(Number))
  })

  it('says why there is no time chart when no annotation recorded a time', async () => {
    const data = dashboardData(await table())
    expect(data.time).toMatchObject({ n: 0, medianMs: null, buckets: [] })
    expect(data.time.reason).toMatch(/no annotation has a recorded time/)
  })

  it('buckets recorded times and lists the items of a bucket', async () => {
    await table()
    db!.prepare("UPDATE annotations SET time_spent_ms = 15000 WHERE annotator_id = (SELECT id FROM annotators WHERE name = 'Анна')").run()
    db!.prepare("UPDATE annotations SET time_spent_ms = 200000 WHERE annotator_id = (SELECT id FROM annotators WHERE name = 'Борис')").run()
    const fresh = itemTable(readProject(db!))
    const data = dashboardData(fresh)
    expect(data.time.n).toBe(108)
    expect(data.time.buckets.find((b) => b.fromMs === 10_000)?.count).toBe(54)
    expect(data.time.buckets.find((b) => b.fromMs === 120_000)?.count).toBe(54)
    expect(itemsBehind(fresh, { kind: 'time', fromMs: 10_000, toMs: 30_000 }).total).toBe(54)
    expect(itemsBehind(fresh, { kind: 'time', fromMs: 30_000, toMs: 60_000 }).total).toBe(0)
  })

  it('filters by criterion', async () => {
    const t = await table()
    const data = dashboardData(t, { criterionId: idOf(t, 'Единодушный критерий') })
    expect(data.scoreDistribution.scores).toEqual([1])
  })
})

describe('itemsBehind', () => {
  it('lists a criterion’s items with ≥ 2 scores, the widest spread first', async () => {
    const t = await table()
    const result = itemsBehind(t, { kind: 'criterion', criterionId: idOf(t, 'Точность ответа') })
    expect(result.total).toBe(18)
    const gaps = result.rows.map((row) => row.gap!)
    expect([...gaps].sort((a, b) => b - a)).toEqual(gaps)
    expect(result.rows[0].experts).toHaveLength(2)
  })

  it('lists exactly the items a confusion cell counts', async () => {
    const t = await table()
    let total = 0
    for (const expert of [0, 0.5, 1, 1.5, 2]) {
      for (const judge of [0, 1, 2]) {
        const cell = itemsBehind(t, { kind: 'confusion', run: 'judge-analytics', expert, judge })
        for (const row of cell.rows) {
          const mean = row.experts.reduce((sum, e) => sum + e.score, 0) / row.experts.length
          expect(roundHalfUp(mean, Float64Array.from(row.criterion === 'Единодушный критерий' ? [0, 1] : [0, 1, 2]))).toBe(expert)
          expect(row.judge).toBe(judge)
        }
        total += cell.total
      }
    }
    expect(total).toBe(54) // every item has both sides
  })

  it('lists the items of a pair and of a model', async () => {
    const t = await table()
    expect(itemsBehind(t, { kind: 'pair', a: 'Анна', b: 'Борис' }).total).toBe(54)
    expect(itemsBehind(t, { kind: 'model', model: 'Beta-LM' }).total).toBe(18)
    expect(itemsBehind(t, { kind: 'model', model: 'Beta-LM', run: 'judge-analytics' }).rows.every((row) => row.judge !== null)).toBe(true)
    expect(itemsBehind(t, { kind: 'score', model: 'Beta-LM', score: 2 }).rows.every((row) => row.experts.some((e) => e.score === 2))).toBe(true)
  })

  it('browses disagreements: experts’ spread, or the judge’s distance from the expert mean', async () => {
    const t = await table()
    const experts = itemsBehind(t, { kind: 'disagreement' })
    expect(experts.total).toBeGreaterThan(0)
    expect(experts.rows.every((row) => row.gap! > 0)).toBe(true)
    const judge = itemsBehind(t, { kind: 'disagreement', run: 'judge-analytics' }, {}, 3)
    expect(judge.rows).toHaveLength(3)
    expect(judge.total).toBeGreaterThan(3)
    for (const row of judge.rows) {
      const mean = row.experts.reduce((sum, e) => sum + e.score, 0) / row.experts.length
      expect(row.gap).toBeCloseTo(Math.abs(row.judge! - mean), 12)
    }
  })

  it('gives scatter points for every item with both sides', async () => {
    const t = await table()
    const points = scatterPoints(t, 'judge-analytics')
    expect(points.itemIds).toHaveLength(54)
    expect(scatterPoints(t, 'judge-analytics', { criterionId: idOf(t, 'Точность ответа') }).itemIds).toHaveLength(18)
    expect(points.total).toBe(54)
    expect(scatterPoints(t, 'no-such-run').itemIds).toHaveLength(0)
    const sample = scatterPoints(t, 'judge-analytics', {}, 10)
    expect(sample.itemIds).toHaveLength(10)
    expect(sample.total).toBe(54)
    expect(new Set(sample.itemIds).size).toBe(10)
    expect(sample.itemIds[9]).toBeGreaterThan(points.itemIds[40]) // spread over all the items, not the first ten
  })
})

describe('dataVersion', () => {
  it('changes when an annotation changes', async () => {
    await table()
    const before = dataVersion(db!)
    expect(dataVersion(db!)).toBe(before)
    db!.prepare("UPDATE annotations SET score = 0, updated_at = '2099-01-01T00:00:00.000Z' WHERE id = 1").run()
    expect(dataVersion(db!)).not.toBe(before)
  })
})
