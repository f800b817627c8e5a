import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeProjectStats } from '../../../../../src/main/services/analytics'
import { openProject } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { repoRoot } from '../../../../helpers/cli'
import { tempDir } from '../../../../helpers/tempDir'

const file = path.join(repoRoot, 'test/fixtures/stats/project.jsonl')
interface Row {
  instruction_id: string
  model: string
  criterion: string
  annotator?: string
  judge?: string
  score?: number | null
}
const rows: Row[] = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line))

async function project() {
  const db = openProject(path.join(tempDir(), 'p.castor'), { create: true })
  await importFile(db, file, { format: 'generic-jsonl' })
  return db
}

describe('the dashboard parts of the report', () => {
  it('counts score distributions per model for experts and each judge', async () => {
    const db = await project()
    const report = await computeProjectStats(db)
    db.close()
    const { labels, experts, judges } = report.distributions
    expect(labels).toEqual([0, 1, 2, 3, 4, 5])
    for (const model of ['GigaChat-Max', 'YandexGPT-4-Pro', 'GPT-4o']) {
      const expected = labels.map((v) => rows.filter((r) => r.annotator && r.model === model && r.score === v).length)
      expect(experts[model]).toEqual(expected)
      const judged = labels.map((v) => rows.filter((r) => r.judge === 'judge-noisy' && r.model === model && r.score === v).length)
      expect(judges['judge-noisy'][model]).toEqual(judged)
    }
  })

  it('lists the items where experts differ most, largest spread first, with ids to click through', async () => {
    const db = await project()
    const report = await computeProjectStats(db, { top: 5 })
    const list = report.disagreements.experts
    expect(list).toHaveLength(5)
    const spreads = new Map<string, number[]>()
    for (const r of rows) {
      if (!r.annotator || r.score === null || r.score === undefined) continue
      const key = `${r.instruction_id}|${r.model}|${r.criterion}`
      spreads.set(key, [...(spreads.get(key) ?? []), r.score])
    }
    const maxSpread = Math.max(...[...spreads.values()].filter((s) => s.length >= 2).map((s) => Math.max(...s) - Math.min(...s)))
    expect(list[0].spread).toBe(maxSpread)
    for (let k = 1; k < list.length; k++) expect(list[k].spread).toBeLessThanOrEqual(list[k - 1].spread)
    for (const entry of list) {
      const scores = spreads.get(`${entry.instruction}|${entry.model}|${entry.criterion}`)!
      expect([...entry.scores].sort()).toEqual([...scores].sort())
      expect(entry.annotators).toHaveLength(scores.length)
      const item = db.prepare('SELECT i.id FROM items i JOIN responses r ON r.id = i.response_id JOIN criteria c ON c.id = i.criterion_id JOIN instructions q ON q.id = r.instruction_id WHERE q.external_id = ? AND r.model = ? AND c.name = ?').pluck().get(entry.instruction, entry.model, entry.criterion)
      expect(entry.itemId).toBe(item)
    }
    const judged = report.disagreements.judges['judge-noisy']
    expect(judged).toHaveLength(5)
    expect(judged[0].diff).toBe(Math.abs(judged[0].judge - judged[0].expertMean))
    expect(judged[0].diff).toBeGreaterThanOrEqual(judged[4].diff)
    db.close()
  })

  it('summarises time per item and per annotator from time_spent_ms', async () => {
    const db = await project()
    const ids = db.prepare('SELECT id FROM annotations WHERE score IS NOT NULL ORDER BY id').pluck().all() as number[]
    const set = db.prepare('UPDATE annotations SET time_spent_ms = ? WHERE id = ?')
    ids.forEach((id, k) => set.run((k % 10) * 1000 + 1000 + ((id * 7919) % 13) * 37, id)) // 1 s … 10.5 s
    const report = await computeProjectStats(db)
    // each annotator's and criterion's median and 90th percentile, by sorting (numpy's linear interpolation)
    const quantile = (values: number[], q: number) => {
      const sorted = [...values].sort((a, b) => a - b)
      const pos = q * (sorted.length - 1)
      const lo = Math.floor(pos)
      return sorted[lo] + (sorted[Math.min(sorted.length - 1, lo + 1)] - sorted[lo]) * (pos - lo)
    }
    const timesBy = (sql: string) => {
      const groups = new Map<string, number[]>()
      for (const [name, time] of db.prepare(sql).raw().all() as [string, number][]) groups.set(name, [...(groups.get(name) ?? []), time])
      return groups
    }
    const byAnnotator = timesBy('SELECT n.name, a.time_spent_ms FROM annotations a JOIN annotators n ON n.id = a.annotator_id WHERE a.score IS NOT NULL')
    const byCriterion = timesBy('SELECT c.name, a.time_spent_ms FROM annotations a JOIN items i ON i.id = a.item_id JOIN criteria c ON c.id = i.criterion_id WHERE a.score IS NOT NULL')
    db.close()
    for (const [groups, figures] of [
      [byAnnotator, report.time.byAnnotator],
      [byCriterion, report.time.byCriterion],
    ] as const) {
      expect(Object.keys(figures).sort()).toEqual([...groups.keys()].sort())
      for (const [name, list] of groups) {
        expect(figures[name].medianMs, `${name} median`).toBe(quantile(list, 0.5))
        expect(figures[name].p90Ms, `${name} p90`).toBe(quantile(list, 0.9))
      }
    }
    expect(report.time.p90Ms).toBe(quantile([...byAnnotator.values()].flat(), 0.9))
    expect(report.time.n).toBe(ids.length)
    const times = ids.map((id, k) => (k % 10) * 1000 + 1000 + ((id * 7919) % 13) * 37).sort((a, b) => a - b)
    const mid = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2
    expect(report.time.medianMs).toBe(mid)
    expect(report.time.meanMs).toBeCloseTo(times.reduce((a, b) => a + b, 0) / times.length, 9)
    expect(report.time.histogram.counts.reduce((a, b) => a + b, 0)).toBe(ids.length)
    expect(report.time.histogram.counts[0]).toBe(times.filter((t) => t < 5000).length)
    expect(Object.values(report.time.byAnnotator).reduce((s, t) => s + t.n, 0)).toBe(ids.length)
    const annotators = Object.values(report.annotators)
    expect(annotators.reduce((s, a) => s + a.annotations, 0)).toBe(rows.filter((r) => r.annotator && r.score !== null).length)
    expect(annotators.reduce((s, a) => s + a.notApplicable, 0)).toBe(rows.filter((r) => r.annotator && r.score === null).length)
  })
})
