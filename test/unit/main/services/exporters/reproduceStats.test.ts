import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExportFormat, ImportFormat } from '@shared/api/models'
import { computeProjectStats } from '../../../../../src/main/services/analytics'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { createDemoProject } from '../../../../../src/main/services/demo/demoProject'
import { exportProject } from '../../../../../src/main/services/exporters'
import { importFile } from '../../../../../src/main/services/importers'
import { addAnnotator, claimNext, revise, saveDraft, setAdjudication, submit } from '../../../../../src/main/services/workbench'
import { tempDir } from '../../../../helpers/tempDir'

function levelsOf(db: Db, itemId: number): number[] {
  return db.prepare('SELECT l.score FROM criterion_levels l JOIN items it ON it.criterion_id = l.criterion_id WHERE it.id = ? ORDER BY l.score').pluck().all(itemId) as number[]
}

/**
 * The demo after a day of work: two annotators score claimed answers beside the imported experts, one score is
 * not applicable, one is revised after the blind submission, one is left a draft, a lead sets a final score, and
 * one judgment failed.
 */
function workedDemo(db: Db): void {
  const names = ['Вера', 'Глеб']
  for (const [n, name] of names.entries()) {
    const id = addAnnotator(db, { name, role: 'annotator', language: null, quota: null, filters: {} }).annotator.id
    for (let answer = 0; answer < 2; answer++) {
      const responseId = claimNext(db, id).responseId as number
      const items = db.prepare('SELECT id FROM items WHERE response_id = ? ORDER BY id').pluck().all(responseId) as number[]
      items.forEach((itemId, i) => {
        const levels = levelsOf(db, itemId)
        const values = { itemId, score: levels[(i + n) % levels.length], notApplicable: false, rationale: `оценка ${i}`, activeMs: 12_000 + 7_000 * i }
        if (answer === 1 && i === items.length - 1) saveDraft(db, id, values)
        else if (n === 0 && answer === 0 && i === 0) submit(db, id, { ...values, score: null, notApplicable: true })
        else submit(db, id, values)
      })
      if (n === 1 && answer === 0) {
        const itemId = items[0]
        const levels = levelsOf(db, itemId)
        revise(db, id, { itemId, score: levels[levels.length - 1] === levels[(0 + n) % levels.length] ? levels[0] : levels[levels.length - 1], notApplicable: false, rationale: 'передумал', activeMs: 30_000 })
      }
    }
  }
  const adjudicated = db.prepare('SELECT item_id FROM annotations GROUP BY item_id HAVING count(*) >= 2 ORDER BY item_id LIMIT 1').pluck().get() as number
  setAdjudication(db, { itemId: adjudicated, score: levelsOf(db, adjudicated)[0], notApplicable: false, note: 'по эталону' }, { id: null, name: 'Owner' })
  db.prepare("UPDATE judgments SET score = NULL, error = 'the prompt (841 tokens) plus 4096 output tokens does not fit' WHERE id = (SELECT min(id) FROM judgments)").run()
}

/**
 * The report without what identifies rows of one file (item ids) and with each item's scores in annotator order:
 * the engine lists an item's scores in the order the rows were stored, which a fresh import does not keep.
 */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable)
  if (value === null || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(record)) if (key !== 'itemId') out[key] = comparable(field)
  if (Array.isArray(record.annotators) && Array.isArray(record.scores) && record.annotators.length === record.scores.length) {
    const pairs = (record.annotators as string[]).map((name, i) => [name, (record.scores as unknown[])[i]] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    out.annotators = pairs.map(([name]) => name)
    out.scores = pairs.map(([, score]) => score)
  }
  return out
}

const cases: { format: ExportFormat; file: string; importAs: ImportFormat }[] = [
  { format: 'jsonl', file: 'demo.jsonl', importAs: 'generic-jsonl' },
  { format: 'csv', file: 'demo.csv', importAs: 'generic-csv' },
  { format: 'parquet', file: 'demo.parquet', importAs: 'generic-parquet' },
]

describe('an export reproduces the analysis', () => {
  let dir: string
  let source: Db
  beforeAll(async () => {
    dir = tempDir()
    const file = path.join(dir, 'demo.castor')
    await createDemoProject(file)
    source = openProject(file)
    workedDemo(source)
  }, 120_000)
  afterAll(() => source?.close())

  it('the worked demo has what the export must carry', () => {
    const count = (sql: string) => source.prepare(sql).pluck().get() as number
    expect(count('SELECT count(*) FROM annotation_revisions')).toBe(1)
    expect(count("SELECT count(*) FROM annotations WHERE status = 'draft'")).toBe(2)
    expect(count('SELECT count(*) FROM annotations WHERE not_applicable = 1')).toBeGreaterThan(0)
    expect(count('SELECT count(*) FROM adjudications')).toBe(1)
    expect(count('SELECT count(*) FROM judgments WHERE error IS NOT NULL')).toBe(1)
  })

  for (const { format, file, importAs } of cases) {
    it(`gives the same statistics after ${format} export and import into a fresh project (first and latest scores)`, async () => {
      const out = path.join(dir, file)
      await exportProject(source, format, out)
      const fresh = openProject(path.join(dir, `fresh-${format}.castor`), { create: true })
      try {
        await importFile(fresh, out, { format: importAs })
        for (const sourceOption of ['first', 'latest'] as const) {
          const expected = await computeProjectStats(source, { source: sourceOption })
          const actual = await computeProjectStats(fresh, { source: sourceOption })
          expect(comparable(actual)).toEqual(comparable(expected))
        }
        const first = await computeProjectStats(source, { source: 'first' })
        const latest = await computeProjectStats(source, { source: 'latest' })
        expect(latest).not.toEqual(first)
      } finally {
        fresh.close()
      }
    }, 60_000)
  }
})
