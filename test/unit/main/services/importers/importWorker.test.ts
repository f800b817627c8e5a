import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openProject } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { runCli } from '../../../../helpers/cli'
import { tempDir } from '../../../../helpers/tempDir'
import { genericRow, jsonl, logicRubric, scoreDigest, tableCounts } from './importTestKit'

/** Enough rows for several 4 MiB blocks, so both the worker and the main thread parse some of them. */
const ROWS = 9_000
const styleRubric = { '0': 'Стиль не соответствует.', '1': 'Стиль в целом соответствует.' }

/** Generic JSONL rows as real files come: an instruction over its answers, an answer over criteria and raters. */
function largeRows(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = []
  for (let i = 0; rows.length < ROWS; i++) {
    const instruction = `Задание ${i}. ${'Объясните подробно, почему небо голубое, и приведите пример. '.repeat(6)}`
    for (const model of ['GigaChat', 'YandexGPT']) {
      const answer = `Ответ ${model} на задание ${i}: ${'рэлеевское рассеяние коротких волн. '.repeat(12)}`
      for (const [criterion, rubric] of [['logic', logicRubric], ['style', styleRubric]] as const) {
        rows.push(genericRow({ instruction_id: `q${i}`, instruction, reference_answer: i % 2 ? null : `Эталон ${i}`, model, answer, criterion, rubric, annotator: 'Анна', score: i % 2, rationale: `Обоснование ${rows.length}` }))
        rows.push(genericRow({ instruction_id: `q${i}`, instruction, model, answer, criterion, rubric: i % 3 ? rubric : undefined, annotator: undefined, judge: 'judge-1', score: i % 5 ? 1 : 'N/A' }))
      }
    }
  }
  return rows.slice(0, ROWS)
}

function writeLarge(dir: string, edit: (rows: Record<string, unknown>[]) => string = jsonl): string {
  const file = path.join(dir, 'large.jsonl')
  fs.writeFileSync(file, edit(largeRows()))
  expect(fs.statSync(file).size).toBeGreaterThan(12 << 20)
  return file
}

const inWorker = { CASTOR_IMPORT_WORKER_MIN_BYTES: '0' }

function cliImport(project: string, file: string) {
  const result = runCli(['import', project, file, '--json'], { env: inWorker })
  // The in-thread fallback warns: these tests are about the worker, so it must have started.
  expect(result.stderr).not.toContain('CASTOR_IMPORT_NO_WORKER')
  const lines = result.stdout.trim().split('\n').filter(Boolean)
  return { status: result.status, stderr: result.stderr, last: lines.length ? JSON.parse(lines[lines.length - 1]) : null }
}

function projectState(file: string) {
  const db = openProject(file, { readOnly: true })
  try {
    const texts = db.prepare('SELECT i.external_id, i.text, i.reference_answer, r.model, r.text FROM responses r JOIN instructions i ON i.id = r.instruction_id ORDER BY r.id').raw().all()
    const judgments = db.prepare('SELECT item_id, score, not_applicable FROM judgments ORDER BY id').raw().all()
    return { counts: tableCounts(db), scores: scoreDigest(db), texts: JSON.stringify(texts), judgments: JSON.stringify(judgments) }
  } finally {
    db.close()
  }
}

describe('generic JSONL import in a worker thread', () => {
  it('imports through the CLI exactly what the in-thread path imports', async () => {
    const dir = tempDir('castor-worker-')
    const file = writeLarge(dir)
    const threaded = path.join(dir, 'threaded.castor')
    const db = openProject(threaded, { create: true })
    const inThread = await importFile(db, file, { parallel: false })
    db.close()

    const project = path.join(dir, 'worker.castor')
    expect(runCli(['init', project]).status).toBe(0)
    const run = cliImport(project, file)
    expect(run.status, run.stderr).toBe(0)
    expect(run.last.imports[0].rows).toBe(ROWS)
    expect(run.last.imports[0].added).toEqual(inThread.added)
    expect(projectState(project)).toEqual(projectState(threaded))
  })

  it('reports a malformed line deep in the file with its number and imports nothing', () => {
    const dir = tempDir('castor-worker-')
    const file = writeLarge(dir, (rows) => jsonl(rows).split('\n').map((line, index) => (index === 7_776 ? line.slice(0, -5) : line)).join('\n'))
    const project = path.join(dir, 'p.castor')
    expect(runCli(['init', project]).status).toBe(0)
    const before = projectState(project)
    const run = cliImport(project, file)
    expect(run.status).not.toBe(0)
    expect(run.last.error).toMatchObject({ code: 'invalid-input', location: { file, line: 7_777 } })
    expect(run.last.error.message).toContain(`${file}, line 7777: is not valid JSON`)
    expect(projectState(project)).toEqual(before)
  })

  it('names both lines of a score repeated far apart in the file', () => {
    const dir = tempDir('castor-worker-')
    const file = writeLarge(dir, (rows) => jsonl([...rows.slice(0, 8_000), rows[7_000], ...rows.slice(8_000)]))
    const project = path.join(dir, 'p.castor')
    expect(runCli(['init', project]).status).toBe(0)
    const run = cliImport(project, file)
    expect(run.status).not.toBe(0)
    expect(run.last.error).toMatchObject({ code: 'invalid-input', location: { line: 8_001, field: rowsRater(7_000) } })
    expect(run.last.error.message).toMatch(/repeats a score already given on line 7001 in this file/)
    expect(projectState(project).counts.annotations).toBe(0)
  })

  it('leaves the same project when the same file is imported again', () => {
    const dir = tempDir('castor-worker-')
    const file = writeLarge(dir)
    const project = path.join(dir, 'p.castor')
    expect(runCli(['init', project]).status).toBe(0)
    expect(cliImport(project, file).status).toBe(0)
    const once = projectState(project)
    const again = cliImport(project, file)
    expect(again.status, again.stderr).toBe(0)
    expect(again.last.imports[0].added).toMatchObject({ instructions: 0, responses: 0, items: 0, annotations: 0, judgments: 0 })
    const twice = projectState(project)
    expect({ ...twice.counts, imports: 0 }).toEqual({ ...once.counts, imports: 0 })
    expect(twice.counts.imports).toBe(2)
    expect(twice.scores).toBe(once.scores)
  })
})

function rowsRater(index: number): string {
  return largeRows()[index].annotator ? 'annotator' : 'judge'
}
