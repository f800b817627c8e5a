import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/handlers/dispatch'
import { createHost, languageFromLocale } from '../../../../src/main/host/createHost'
import { openProject } from '../../../../src/main/services/db'
import { seedSmallProject } from '../../../helpers/smallProject'
import { tempDir } from '../../../helpers/tempDir'

function hostWithProject(canSwitchProjects = true) {
  const dir = tempDir()
  const file = path.join(dir, 'p.castor')
  const db = openProject(file, { create: true })
  const seeded = seedSmallProject(db)
  db.close()
  const host = createHost({ transport: 'web', canSwitchProjects, demoProjectPath: path.join(dir, 'demo.castor'), suggestedLanguage: 'ru' })
  host.project.open(file)
  return { host, file, seeded }
}

describe('dispatch', () => {
  it('lets each caller reach only the operations open to its role', async () => {
    const { host } = hostWithProject()
    const annotator = { role: 'annotator' as const, annotatorId: 1, name: 'Анна' }
    const lead = { role: 'lead' as const, annotatorId: 2, name: 'Lead' }
    expect(await dispatch(host, 'project-info', {}, annotator)).toMatchObject({ ok: true })
    expect(await dispatch(host, 'instructions-list', {}, annotator)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await dispatch(host, 'instructions-list', {}, lead)).toMatchObject({ ok: true })
    expect(await dispatch(host, 'export-run', { format: 'jsonl' }, lead)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await dispatch(host, 'instructions-list', {})).toMatchObject({ ok: true })
  })

  it('answers app-state with the open project and its counts', async () => {
    const { host } = hostWithProject()
    const reply = await dispatch(host, 'app-state', {})
    expect(reply).toMatchObject({
      ok: true,
      result: { transport: 'web', suggestedLanguage: 'ru', project: { name: 'p', counts: { instructions: 2, responses: 2, items: 2, annotations: 4, judgments: 1 } } },
    })
  })

  it('walks instructions → answers → criteria → item', async () => {
    const { host, seeded } = hostWithProject()
    const list = await dispatch(host, 'instructions-list', {})
    expect(list).toMatchObject({ ok: true, result: { total: 2, rows: [{ externalId: 'q1', responses: 2, items: 2, annotations: 4 }, { externalId: 'q2', responses: 0 }] } })

    const instruction = await dispatch(host, 'instruction-get', { id: seeded.instructionId })
    expect(instruction).toMatchObject({ ok: true, result: { instruction: { referenceAnswer: '4' }, responses: [{ model: 'GigaChat-Max', annotations: 2, judgments: 1 }, { model: 'YandexGPT-4-Pro' }] } })

    const items = await dispatch(host, 'response-items', { responseId: seeded.responseIds[1] })
    // The not-applicable score is left out of the mean.
    expect(items).toMatchObject({ ok: true, result: { items: [{ criterionName: 'Правильность ответа', annotations: 2, meanScore: 0 }] } })

    const item = await dispatch(host, 'item-get', { id: seeded.itemIds[0] })
    expect(item.ok).toBe(true)
    if (!item.ok) return
    expect(item.result).toMatchObject({
      criterion: { levels: [{ score: 0 }, { score: 1 }, { score: 2 }] },
      annotations: [{ annotator: 'Эксперт А', score: 2 }, { annotator: 'Эксперт Б', score: 1 }],
      judgments: [{ run: 'pollux-judge-7b', score: 2 }],
    })
  })

  it('searches instruction texts literally, % and _ included', async () => {
    const { host } = hostWithProject()
    expect(await dispatch(host, 'instructions-list', { search: '100%' })).toMatchObject({ ok: true, result: { total: 1 } })
    expect(await dispatch(host, 'instructions-list', { search: '10_%' })).toMatchObject({ ok: true, result: { total: 0 } })
  })

  it('refuses bad input with invalid-input naming the field, before any handler runs', async () => {
    const { host } = hostWithProject()
    const reply = await dispatch(host, 'item-get', { id: 'x' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input', location: { field: 'id' } } })
    expect(await dispatch(host, 'instructions-list', { limit: 5, extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('answers unknown operations and missing rows with not-found', async () => {
    const { host } = hostWithProject()
    expect(await dispatch(host, 'drop-tables', {})).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await dispatch(host, 'item-get', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not-found', message: 'No item 999' } })
  })

  it('forbids opening other files on a host that serves one project', async () => {
    const { host, file } = hostWithProject(false)
    expect(await dispatch(host, 'project-open', { path: file })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await dispatch(host, 'import-start', { source: { path: file } })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('says no-project when nothing is open', async () => {
    const host = createHost({ transport: 'desktop', canSwitchProjects: true, demoProjectPath: path.join(tempDir(), 'demo.castor') })
    expect(await dispatch(host, 'project-info', {})).toMatchObject({ ok: false, error: { code: 'no-project' } })
    expect(await dispatch(host, 'app-state', {})).toMatchObject({ ok: true, result: { project: null } })
  })

  it('creates a project and refuses to overwrite an existing file', async () => {
    const host = createHost({ transport: 'desktop', canSwitchProjects: true, demoProjectPath: path.join(tempDir(), 'demo.castor') })
    const file = path.join(tempDir(), 'new.castor')
    expect(await dispatch(host, 'project-create', { path: file })).toMatchObject({ ok: true, result: { name: 'new', counts: { items: 0 } } })
    expect(await dispatch(host, 'project-create', { path: file })).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })
})

describe('dispatch while an import runs', () => {
  it('refuses to export or switch projects until the import has ended', async () => {
    const { host, file } = hostWithProject()
    const input = path.join(path.dirname(file), 'many.jsonl')
    const rubric = { '0': 'нет', '1': 'да' }
    const lines: string[] = []
    for (let i = 0; i < 30_000; i++) {
      lines.push(JSON.stringify({ instruction_id: `m${i >> 4}`, instruction: `Задание ${i >> 4}`, model: `model-${i & 15}`, answer: 'Ответ', criterion: 'binary', rubric, annotator: 'Эксперт А', score: i & 1 }))
    }
    fs.writeFileSync(input, lines.join('\n'))
    const started = await dispatch(host, 'import-start', { source: { path: input } })
    if (!started.ok) throw new Error(started.error.message)
    const { jobId } = started.result as { jobId: string }
    expect(host.jobs.get(jobId).status).toBe('running')

    expect(await dispatch(host, 'export-run', { format: 'jsonl', path: path.join(path.dirname(file), 'out.jsonl') })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await dispatch(host, 'project-close', {})).toMatchObject({ ok: false, error: { code: 'conflict' } })

    expect(await host.jobs.settled(jobId)).toMatchObject({ status: 'done' })
    expect(await dispatch(host, 'export-run', { format: 'jsonl', path: path.join(path.dirname(file), 'out.jsonl') })).toMatchObject({ ok: true, result: { rows: 30_000 + 5 } })
  })
})

describe('languageFromLocale', () => {
  it('suggests Russian for Russian locales and English otherwise', () => {
    expect(languageFromLocale('ru-RU')).toBe('ru')
    expect(languageFromLocale('en-US')).toBe('en')
    expect(languageFromLocale(undefined)).toBe('en')
  })
})
