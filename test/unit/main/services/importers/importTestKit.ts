import fs from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { CastorError } from '@shared/api/errors'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { importFile, type ImportOptions } from '../../../../../src/main/services/importers'
import { repoRoot } from '../../../../helpers/cli'
import { tempDir } from '../../../../helpers/tempDir'

export const fixture = (name: string) => path.join(repoRoot, 'test/fixtures/import', name)
export { polluxFile } from '../../../../helpers/pollux'

export function newProject(): { db: Db; dir: string; file: string } {
  const dir = tempDir('castor-import-')
  const file = path.join(dir, 'p.castor')
  return { db: openProject(file, { create: true }), dir, file }
}

/** A new project that already holds the generic fixture, so "unchanged" after a refused import means something. */
export async function projectWithGenericFixture(): Promise<{ db: Db; dir: string; file: string }> {
  const project = newProject()
  await importFile(project.db, fixture('generic.jsonl'))
  return project
}

/** Writes an input file into the folder `dir`; answers its path. */
export function writeInput(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, content)
  return file
}

const TABLES = [
  'instructions',
  'responses',
  'criteria',
  'criterion_levels',
  'instruction_criteria',
  'tasks',
  'items',
  'annotators',
  'annotations',
  'judge_runs',
  'judgments',
  'imports',
] as const

/** Row counts of every table an import writes. */
export function tableCounts(db: Db): Record<(typeof TABLES)[number], number> {
  return Object.fromEntries(TABLES.map((table) => [table, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number])) as Record<
    (typeof TABLES)[number],
    number
  >
}

/** A digest of the scores, so a test sees a change of values and not only of counts. */
export function scoreDigest(db: Db): string {
  return JSON.stringify(db.prepare('SELECT item_id, annotator_id, score, not_applicable, rationale FROM annotations ORDER BY id').raw().all())
}

export interface ExpectedError {
  code: CastorError['code']
  line?: number
  field?: string
  value?: unknown
  message?: RegExp
}

/** Imports `file`, expects the error, and checks the project did not change at all. */
export async function expectImportError(db: Db, file: string, expected: ExpectedError, options: ImportOptions = {}): Promise<CastorError> {
  const before = tableCounts(db)
  const scores = scoreDigest(db)
  let caught: unknown
  try {
    await importFile(db, file, options)
  } catch (error) {
    caught = error
  }
  expect(caught, 'the import should have failed').toBeInstanceOf(CastorError)
  const error = caught as CastorError
  expect(error.code).toBe(expected.code)
  const name = options.displayName ?? file
  expect(error.message).toContain(name)
  expect(error.location?.file).toBe(name)
  if (expected.line !== undefined) expect(error.location?.line).toBe(expected.line)
  if (expected.field !== undefined) expect(error.location?.field).toBe(expected.field)
  if (expected.value !== undefined) expect(error.location?.value).toEqual(expected.value)
  if (expected.message) expect(error.message).toMatch(expected.message)
  expect(db.inTransaction).toBe(false)
  expect(tableCounts(db)).toEqual(before)
  expect(scoreDigest(db)).toBe(scores)
  return error
}

/** Writes JSONL records to a file in `dir`. */
export function jsonl(records: readonly unknown[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n'
}

export const logicRubric = { '0': 'Рассуждение нелогично.', '1': 'Есть отдельные логические ошибки.', '2': 'Рассуждение логично и последовательно.' }

/** A valid generic score row; override fields per test. */
export function genericRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    instruction_id: 'q1',
    instruction: 'Объясни, почему небо голубое.',
    model: 'GigaChat',
    answer: 'Из-за рэлеевского рассеяния.',
    criterion: 'logic',
    rubric: logicRubric,
    annotator: 'Анна',
    score: 2,
    ...overrides,
  }
}
