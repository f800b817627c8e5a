import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CastorError } from '@shared/api/errors'
import type { Db } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { fixture, genericRow, jsonl, newProject, scoreDigest, tableCounts } from './importTestKit'

const GENERIC_COUNTS = {
  instructions: 2,
  responses: 5,
  criteria: 2,
  criterion_levels: 5,
  instruction_criteria: 0,
  tasks: 0,
  items: 9,
  annotators: 2,
  annotations: 16,
  judge_runs: 1,
  judgments: 2,
}

let db: Db
afterEach(() => db?.close())

describe('importFile, generic long format', () => {
  it('imports the JSONL fixture with scores, a judge, N/A and an item-only row', async () => {
    ;({ db } = newProject())
    const summary = await importFile(db, fixture('generic.jsonl'))
    expect(summary.format).toBe('generic-jsonl')
    expect(summary.rows).toBe(19)
    expect(summary.added).toEqual({ instructions: 2, responses: 5, criteria: 2, items: 9, annotators: 2, annotations: 16, judgments: 2, judgmentErrors: 0, judgeRuns: 1, tasks: 0 })
    expect(tableCounts(db)).toEqual({ ...GENERIC_COUNTS, imports: 1 })

    const notApplicable = db.prepare('SELECT count(*) FROM annotations WHERE not_applicable = 1 AND score IS NULL').pluck().get()
    expect(notApplicable).toBe(2)
    const run = db.prepare('SELECT name, model, backend, status FROM judge_runs').get()
    expect(run).toEqual({ name: 'pollux-judge-7b', model: 'pollux-judge-7b', backend: 'imported', status: 'done' })
    const format = db.prepare("SELECT c.name, group_concat(l.score || '=' || l.text, '|') AS levels FROM criteria c JOIN criterion_levels l ON l.criterion_id = c.id WHERE c.external_id = 'format'").get()
    expect(format).toEqual({ name: 'format', levels: '0.0=Формат не соблюдён.|1.0=Формат соблюдён.' })
    const instruction = db.prepare("SELECT reference_answer, task_path, difficulty, domain FROM instructions WHERE external_id = 'i1'").get()
    expect(instruction).toEqual({ reference_answer: 'Из-за рэлеевского рассеяния.', task_path: 'QA / Concept Explanation', difficulty: 'easy', domain: 'Общее' })
    const recorded = db.prepare('SELECT source, format, rows, sha256, summary FROM imports').get() as Record<string, unknown>
    expect(recorded).toMatchObject({ source: fixture('generic.jsonl'), format: 'generic-jsonl', rows: 19 })
    expect(recorded.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.parse(recorded.summary as string).added.annotations).toBe(16)
  })

  it('imports the CSV fixture (JSON and line rubrics, multi-line cells) to the same project as the JSONL', async () => {
    ;({ db } = newProject())
    const summary = await importFile(db, fixture('generic.csv'))
    expect(summary.format).toBe('generic-csv')
    expect(summary.rows).toBe(19)
    expect(tableCounts(db)).toEqual({ ...GENERIC_COUNTS, imports: 1 })
    const fromCsv = scoreDigest(db)
    const haiku = db.prepare("SELECT text FROM responses WHERE model = 'YandexGPT'").pluck().get()
    expect(haiku).toBe('Ветер в саду.\nПоследний лист.\nТишина.')

    const other = newProject().db
    await importFile(other, fixture('generic.jsonl'))
    expect(scoreDigest(other)).toBe(fromCsv)
    other.close()
  })

  it('leaves the same counts when the same file is imported again, and overwrites its scores', async () => {
    ;({ db } = newProject())
    await importFile(db, fixture('generic.jsonl'))
    const again = await importFile(db, fixture('generic.jsonl'))
    expect(Object.values(again.added).every((count) => count === 0)).toBe(true)
    expect(tableCounts(db)).toEqual({ ...GENERIC_COUNTS, imports: 2 })
    await importFile(db, fixture('generic.csv'))
    expect(tableCounts(db)).toEqual({ ...GENERIC_COUNTS, imports: 3 })
    const lastImport = db.prepare('SELECT max(id) FROM imports').pluck().get()
    expect(db.prepare('SELECT count(*) FROM annotations WHERE import_id = ?').pluck().get(lastImport)).toBe(16)
  })

  it('replaces a score changed since the earlier import of a file', async () => {
    ;({ db } = newProject())
    const dir = path.dirname(db.name)
    const file = path.join(dir, 'one.jsonl')
    fs.writeFileSync(file, jsonl([genericRow({ score: 2 })]))
    await importFile(db, file)
    fs.writeFileSync(file, jsonl([genericRow({ score: 0, rationale: 'Передумала.' })]))
    await importFile(db, file)
    expect(db.prepare('SELECT score, rationale FROM annotations').all()).toEqual([{ score: 0, rationale: 'Передумала.' }])
  })

  it('finds criteria by external id first, then by a unique name', async () => {
    ;({ db } = newProject())
    const dir = path.dirname(db.name)
    const file = path.join(dir, 'named.jsonl')
    fs.writeFileSync(file, jsonl([genericRow({ criterion: 'logic' })]))
    await importFile(db, file)
    db.prepare("UPDATE criteria SET name = 'Логичность' WHERE external_id = 'logic'").run()
    fs.writeFileSync(file, jsonl([genericRow({ criterion: 'Логичность', rubric: undefined, annotator: 'Борис', score: 1 })]))
    await importFile(db, file)
    expect(tableCounts(db).criteria).toBe(1)
    expect(tableCounts(db).annotations).toBe(2)
  })

  it('reports progress in bytes and rows, and ends at the file size', async () => {
    ;({ db } = newProject())
    const dir = path.dirname(db.name)
    const file = path.join(dir, 'many.jsonl')
    const rows = Array.from({ length: 40_000 }, (_, i) => genericRow({ instruction_id: `q${i >> 2}`, instruction: `Вопрос ${i >> 2}`, annotator: `A${i & 3}`, score: i % 3 }))
    fs.writeFileSync(file, jsonl(rows))
    const reports: [number, number | null, number][] = []
    const summary = await importFile(db, file, { onProgress: (done, total, count) => reports.push([done, total, count]) })
    expect(summary.rows).toBe(40_000)
    expect(tableCounts(db).annotations).toBe(40_000)
    const size = fs.statSync(file).size
    expect(reports.length).toBeGreaterThanOrEqual(2)
    expect(reports.length).toBeLessThanOrEqual(40_000 / 16_384 + 2)
    expect(reports.at(-1)).toEqual([size, size, 40_000])
    for (let i = 1; i < reports.length; i++) expect(reports[i][0]).toBeGreaterThanOrEqual(reports[i - 1][0])
  })

  it('stops with "cancelled" and changes nothing when the signal is aborted', async () => {
    ;({ db } = newProject())
    await importFile(db, fixture('generic.jsonl'))
    const before = tableCounts(db)
    const dir = path.dirname(db.name)
    const file = path.join(dir, 'long.jsonl')
    fs.writeFileSync(file, jsonl(Array.from({ length: 60_000 }, (_, i) => genericRow({ instruction_id: `x${i}`, instruction: `Вопрос ${i}` }))))
    const controller = new AbortController()
    const attempt = importFile(db, file, { signal: controller.signal, onProgress: () => controller.abort() })
    await expect(attempt).rejects.toMatchObject({ code: 'cancelled' })
    await expect(attempt).rejects.toBeInstanceOf(CastorError)
    expect(tableCounts(db)).toEqual(before)
  })

  it('names the file by displayName in the imports table', async () => {
    ;({ db } = newProject())
    await importFile(db, fixture('generic.jsonl'), { displayName: 'upload.jsonl' })
    expect(db.prepare('SELECT source FROM imports').pluck().get()).toBe('upload.jsonl')
  })

  it('strips a UTF-8 BOM and skips blank lines, counting lines for messages', async () => {
    ;({ db } = newProject())
    const dir = path.dirname(db.name)
    const file = path.join(dir, 'bom.jsonl')
    fs.writeFileSync(file, '\uFEFF' + JSON.stringify(genericRow()) + '\n\n   \r\n' + JSON.stringify(genericRow({ annotator: 'Борис' })) + '\r\n')
    const summary = await importFile(db, file)
    expect(summary.rows).toBe(2)
    expect(tableCounts(db).annotations).toBe(2)
  })
})
