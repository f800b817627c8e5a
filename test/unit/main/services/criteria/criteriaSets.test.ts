import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Caller } from '../../../../../src/shared/api/access'
import type { OperationName } from '../../../../../src/shared/api/operations'
import { dispatch } from '../../../../../src/main/handlers/dispatch'
import { createHost } from '../../../../../src/main/host/createHost'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { criteriaOfTasks } from '../../../../../src/main/services/criteria/library'
import { expandCriteriaSets } from '../../../../../src/main/services/criteria/sets'
import { tempDir } from '../../../../helpers/tempDir'

/**
 * A project of three instructions (two tasks, one with a `source` meta column), an answer each, no items: what a
 * mapped import without a criterion column leaves. Opened behind a host as `castor serve` would.
 */
function projectWithoutItems() {
  const dir = tempDir()
  const file = path.join(dir, 'p.castor')
  const db = openProject(file, { create: true })
  const add = db.prepare('INSERT INTO instructions (external_id, text, task_path, domain, meta) VALUES (?, ?, ?, ?, ?) RETURNING id').pluck()
  const answer = db.prepare("INSERT INTO responses (instruction_id, model, text) VALUES (?, 'model-a', 'Ответ') RETURNING id").pluck()
  const responses: number[] = []
  responses.push(answer.get(add.get('q1', 'Исправьте текст', 'Text Transformation / Editing', 'Общее', '{"source":"forum"}')) as number)
  responses.push(answer.get(add.get('q2', 'Сократите текст', 'Text Transformation / Editing', null, null)) as number)
  responses.push(answer.get(add.get('q3', 'Объясните понятие', 'QA / Concept Explanation', null, '{"source":"exam"}')) as number)
  db.close()
  const host = createHost({ transport: 'web', canSwitchProjects: false, demoProjectPath: path.join(dir, 'demo.castor'), suggestedLanguage: 'ru' })
  host.project.open(file)
  return { host, dir, file, responses, db: () => host.project.require().db }
}

type Host = ReturnType<typeof projectWithoutItems>['host']

async function call<T>(host: Host, name: OperationName, input: unknown, caller?: Caller): Promise<T> {
  const reply = await dispatch(host, name, input, caller)
  if (!reply.ok) throw new Error(`${name}: ${reply.error.code}: ${reply.error.message}`)
  return reply.result as T
}

function criterionId(db: Db, externalId: string): number {
  return db.prepare('SELECT id FROM criteria WHERE external_id = ?').pluck().get(externalId) as number
}

const handWritten = {
  name: 'Вежливость',
  description: 'Вежлив ли ответ',
  levels: [
    { score: 0, text: 'Грубо' },
    { score: 1, text: 'Вежливо' },
  ],
  notApplicableAllowed: false,
}

describe('POLLUX library: task → criteria', () => {
  it('brings a task’s general and task-specific criteria with every level, Russian and English, and the task tree', async () => {
    const { host, db } = projectWithoutItems()
    const expected = criteriaOfTasks(['Text Transformation / Editing'])
    expect(expected).toEqual(expect.arrayContaining(['narushenie_formata', 'style']))
    const added = await call<{ externalId: string; levels: { score: number }[]; translations: { en: { name: string } } | null; group: string | null }[]>(
      host,
      'criteria-library-add',
      { taskPaths: ['Text Transformation / Editing'], criterionIds: ['value'] },
    )
    expect(added.map((c) => c.externalId)).toEqual([...new Set([...expected, 'value'])])
    const library = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../../resources/pollux/criteria.json'), 'utf8')) as Record<string, { scale: { ru: Record<string, string> }; name: { en: string } }>
    for (const criterion of added) {
      expect(criterion.levels.map((level) => String(level.score))).toEqual(Object.keys(library[criterion.externalId].scale.ru).sort((a, b) => Number(a) - Number(b)))
      expect(criterion.translations?.en.name).toBe(library[criterion.externalId].name.en)
    }
    expect(added.find((c) => c.externalId === 'narushenie_formata')?.group).toBe('Критические')
    expect(db().prepare("SELECT name_ru FROM tasks WHERE path = 'Text Transformation / Editing'").pluck().get()).toBe('Отредактировать текст')
    // Again: nothing new.
    const before = db().prepare('SELECT count(*) FROM criteria').pluck().get()
    await call(host, 'criteria-library-add', { taskPaths: ['Text Transformation'], criterionIds: [] })
    expect(db().prepare('SELECT count(*) FROM criteria').pluck().get()).toBeGreaterThanOrEqual(before as number)
    expect(await dispatch(host, 'criteria-library-add', { taskPaths: ['No Such Task'] })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('No Such Task') } })
  })
})

describe('criteria sets: expansion into items', () => {
  it('gives every answer to the instructions of a task an item per criterion, once, and answers imported later too', async () => {
    const { host, db, responses, dir } = projectWithoutItems()
    await call(host, 'criteria-library-add', { criterionIds: ['narushenie_formata', 'value'] })
    const polite = await call<{ id: number }>(host, 'criterion-save', { criterion: handWritten })
    const ids = [criterionId(db(), 'narushenie_formata'), criterionId(db(), 'value'), polite.id]
    const saved = await call<{ set: { id: number }; added: { items: number } }>(host, 'criteria-set-save', { name: 'Редактура', criterionIds: ids })
    expect(saved.added.items).toBe(0) // attached nowhere yet
    const attached = await call<{ added: { items: number; instructions: number }; set: { items: number; targets: unknown[] } }>(host, 'criteria-set-attach', {
      setId: saved.set.id,
      target: { kind: 'task', path: 'Text Transformation' },
    })
    expect(attached.added).toEqual({ items: 6, instructions: 2 })
    expect(attached.set).toMatchObject({ items: 6, targets: [{ kind: 'task', path: 'Text Transformation' }] })
    const itemsOf = (response: number) => db().prepare('SELECT criterion_id FROM items WHERE response_id = ? ORDER BY criterion_id').pluck().all(response)
    expect(itemsOf(responses[0])).toEqual([...ids].sort((a, b) => a - b))
    expect(itemsOf(responses[2])).toEqual([])

    // Idempotent: attaching again adds nothing and records the target once.
    const again = await call<{ added: { items: number }; set: { targets: unknown[] } }>(host, 'criteria-set-attach', { setId: saved.set.id, target: { kind: 'task', path: 'Text Transformation' } })
    expect(again.added.items).toBe(0)
    expect(again.set.targets).toHaveLength(1)

    // A later import: a new answer to q2 and a new instruction under the task get the set's items at once.
    const input = path.join(dir, 'more.jsonl')
    const row = (id: string, text: string, model: string) => ({ instruction_id: id, instruction: text, model, answer: 'Ещё ответ', criterion: 'Вежливость', task: 'Text Transformation / Editing' })
    fs.writeFileSync(input, [row('q2', 'Сократите текст', 'model-b'), row('q9', 'Новый текст', 'model-a')].map((r) => JSON.stringify(r)).join('\n'))
    const summary = await importFile(db(), input)
    expect(summary.added.items).toBe(6)
    const newAnswers = db().prepare("SELECT r.id FROM responses r JOIN instructions i ON i.id = r.instruction_id WHERE (i.external_id, r.model) IN (VALUES ('q2', 'model-b'), ('q9', 'model-a'))").pluck().all() as number[]
    for (const response of newAnswers) expect(itemsOf(response)).toEqual([...ids].sort((a, b) => a - b))
  })

  it('attaches by an imported column (meta key or domain) and to all', async () => {
    const { host, db, responses } = projectWithoutItems()
    const polite = await call<{ id: number }>(host, 'criterion-save', { criterion: handWritten })
    const { set } = await call<{ set: { id: number } }>(host, 'criteria-set-save', { name: 'По источнику', criterionIds: [polite.id] })
    const bySource = await call<{ added: { items: number } }>(host, 'criteria-set-attach', { setId: set.id, target: { kind: 'column', column: 'source', value: 'exam' } })
    expect(bySource.added.items).toBe(1)
    expect(db().prepare('SELECT response_id FROM items').pluck().all()).toEqual([responses[2]])
    const byDomain = await call<{ added: { items: number } }>(host, 'criteria-set-attach', { setId: set.id, target: { kind: 'column', column: 'domain', value: 'Общее' } })
    expect(byDomain.added.items).toBe(1)
    const toAll = await call<{ added: { items: number } }>(host, 'criteria-set-attach', { setId: set.id, target: { kind: 'all' } })
    expect(toAll.added.items).toBe(1)
    expect(db().prepare('SELECT count(*) FROM items').pluck().get()).toBe(3)
  })

  it('reports progress step by step and changes nothing when a step fails', async () => {
    const { host, db } = projectWithoutItems()
    const polite = await call<{ id: number }>(host, 'criterion-save', { criterion: handWritten })
    const { set } = await call<{ set: { id: number } }>(host, 'criteria-set-save', { name: 'Все', criterionIds: [polite.id] })
    const steps: number[] = []
    db().exec('BEGIN IMMEDIATE')
    db().prepare("INSERT INTO criteria_set_targets (set_id, kind) VALUES (?, 'all')").run(set.id)
    const result = await expandCriteriaSets(db(), { setId: set.id, chunk: 1, onProgress: (done) => steps.push(done) })
    db().exec('ROLLBACK')
    expect(result.items).toBe(3)
    expect(steps).toEqual([1, 2, 3])
    expect(db().prepare('SELECT count(*) FROM items').pluck().get()).toBe(0)
    expect(await dispatch(host, 'criteria-set-attach', { setId: 999, target: { kind: 'all' } })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(db().prepare('SELECT count(*) FROM criteria_set_targets').pluck().get()).toBe(0)
  })
})

describe('criterion editor', () => {
  it('renames and edits texts of a scored criterion, refuses a new scale with the reason, and duplicates instead', async () => {
    const { host, db, responses } = projectWithoutItems()
    const polite = await call<{ id: number; externalId: string }>(host, 'criterion-save', { criterion: handWritten })
    expect(polite.externalId).toBe('Вежливость')
    // Before any score the scale may change.
    const threeLevels = { ...handWritten, levels: [...handWritten.levels, { score: 2, text: 'Очень вежливо' }] }
    expect(await call(host, 'criterion-save', { id: polite.id, criterion: threeLevels })).toMatchObject({ levels: [{ score: 0 }, { score: 1 }, { score: 2 }] })
    const annotator = db().prepare("INSERT INTO annotators (name) VALUES ('Эксперт') RETURNING id").pluck().get() as number
    const item = db().prepare('INSERT INTO items (response_id, criterion_id) VALUES (?, ?) RETURNING id').pluck().get(responses[0], polite.id) as number
    db().prepare('INSERT INTO annotations (item_id, annotator_id, score) VALUES (?, ?, 2)').run(item, annotator)

    const renamed = await call<{ name: string; levels: { text: string }[]; scores: number }>(host, 'criterion-save', {
      id: polite.id,
      criterion: { ...threeLevels, name: 'Тон', levels: threeLevels.levels.map((level) => ({ ...level, text: `${level.text}!` })) },
    })
    expect(renamed).toMatchObject({ name: 'Тон', scores: 1 })
    expect(renamed.levels.map((level) => level.text)).toEqual(['Грубо!', 'Вежливо!', 'Очень вежливо!'])

    const refused = await dispatch(host, 'criterion-save', { id: polite.id, criterion: handWritten })
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/1 scores on the scale \{0, 1, 2\}.*\{0, 1\}.*Duplicate/) } })
    expect(db().prepare('SELECT count(*) FROM criterion_levels WHERE criterion_id = ?').pluck().get(polite.id)).toBe(3)

    const copy = await call<{ id: number; externalId: string; scores: number }>(host, 'criterion-duplicate', { id: polite.id })
    expect(copy).toMatchObject({ externalId: 'Тон', scores: 0 })
    expect(copy.id).not.toBe(polite.id)
    expect(await call(host, 'criterion-save', { id: copy.id, criterion: handWritten })).toMatchObject({ externalId: 'Тон', levels: [{ score: 0 }, { score: 1 }] })
    // A second hand-written criterion named as an existing id gets its own.
    expect(await call(host, 'criterion-save', { criterion: { ...handWritten, name: 'Тон' } })).toMatchObject({ externalId: 'Тон #2' })
  })
})

describe('guidelines', () => {
  it('show an annotator the task path and guidelines of an assigned answer, flag edits on the next item, and nothing else', async () => {
    const { host, db, responses } = projectWithoutItems()
    // Even before anything came from the library, a task's guideline is its POLLUX description.
    expect(db().prepare('SELECT count(*) FROM tasks').pluck().get()).toBe(0)
    expect(await call(host, 'guideline-get', { scope: 'task', taskPath: 'QA / Concept explanation' })).toMatchObject({ source: 'pollux', text: expect.stringContaining('Объяснить концепт') })
    await call(host, 'criteria-library-add', { taskPaths: [], criterionIds: ['value'] })
    const value = criterionId(db(), 'value')
    const { set } = await call<{ set: { id: number } }>(host, 'criteria-set-save', { name: 'Польза', criterionIds: [value] })
    await call(host, 'criteria-set-attach', { setId: set.id, target: { kind: 'all' } })
    // The task's guideline defaults to its POLLUX description.
    expect(await call(host, 'guideline-get', { scope: 'task', taskPath: 'Text Transformation / Editing' })).toMatchObject({ source: 'pollux', version: 0, text: expect.stringContaining('Редактирование текста') })
    await call(host, 'guideline-save', { target: { scope: 'project' }, text: '# Правила\nЧитайте всё.' })
    await call(host, 'guideline-save', { target: { scope: 'criterion', criterionId: value }, text: 'Польза для автора запроса.' })

    const annotator = db().prepare("INSERT INTO annotators (name) VALUES ('Анна') RETURNING id").pluck().get() as number
    const anna: Caller = { role: 'annotator', annotatorId: annotator, name: 'Анна' }
    expect(await dispatch(host, 'guidance-get', { responseId: responses[0] }, anna)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const work = await call<{ item: { responseId: number } }>(host, 'work-next', {}, anna)
    const first = await call<Record<string, unknown>>(host, 'guidance-get', { responseId: work.item.responseId }, anna)
    expect(first).toMatchObject({
      taskPath: 'Text Transformation / Editing',
      project: { text: '# Правила\nЧитайте всё.', version: 1, updated: false },
      task: { source: 'pollux', updated: false },
      criteria: { [value]: { guideline: { text: 'Польза для автора запроса.', updated: false }, notApplicableAllowed: true } },
    })
    expect(JSON.stringify(first)).not.toMatch(/score/i)
    await call(host, 'guideline-save', { target: { scope: 'project' }, text: '# Правила\nЧитайте всё дважды.' })
    const next = await call<{ project: { updated: boolean; version: number }; criteria: Record<string, { guideline: { updated: boolean } }> }>(host, 'guidance-get', { responseId: work.item.responseId }, anna)
    expect(next.project).toMatchObject({ updated: true, version: 2 })
    expect(next.criteria[value].guideline.updated).toBe(false)
    const seen = await call<{ project: { updated: boolean } }>(host, 'guidance-get', { responseId: work.item.responseId }, anna)
    expect(seen.project.updated).toBe(false)
    // A criterion that does not allow N/A refuses it.
    const strict = await call<{ id: number }>(host, 'criterion-save', { criterion: handWritten })
    await call(host, 'criteria-set-save', { id: set.id, name: 'Польза', criterionIds: [value, strict.id] })
    const strictItem = db().prepare('SELECT id FROM items WHERE response_id = ? AND criterion_id = ?').pluck().get(work.item.responseId, strict.id) as number
    expect((await call<{ criteria: Record<string, { notApplicableAllowed: boolean }> }>(host, 'guidance-get', { responseId: work.item.responseId }, anna)).criteria[strict.id]).toEqual({ guideline: null, notApplicableAllowed: false })
    expect(await dispatch(host, 'annotation-submit', { itemId: strictItem, score: null, notApplicable: true, rationale: 'н/п' }, anna)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('not applicable') } })
    expect(await dispatch(host, 'annotation-submit', { itemId: strictItem, score: 1, notApplicable: false, rationale: 'вежливо' }, anna)).toMatchObject({ ok: true })
    // Annotators never edit.
    expect(await dispatch(host, 'guideline-save', { target: { scope: 'project' }, text: 'x' }, anna)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})
