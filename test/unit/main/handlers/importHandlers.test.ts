import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { OWNER } from '@shared/api/access'
import { dispatch } from '../../../../src/main/handlers/dispatch'
import { createHost } from '../../../../src/main/host/createHost'
import { openProject } from '../../../../src/main/services/db'
import { createServerFiles } from '../../../../src/main/transports/http/fileExchange'
import type { HostContext } from '../../../../src/main/host/context'
import { tempDir } from '../../../helpers/tempDir'

const ok = <T>(reply: { ok: boolean; result?: unknown; error?: unknown }): T => {
  expect(reply, JSON.stringify(reply.error)).toMatchObject({ ok: true })
  return reply.result as T
}

async function settled(host: HostContext, jobId: string) {
  await host.jobs.settled(jobId)
  return host.jobs.list().find((job) => job.id === jobId)
}

describe('import-preview and import-mapped-start', () => {
  it('previews a foreign CSV with a guessed mapping, imports it, then offers the saved mapping for the same columns', async () => {
    const dir = tempDir()
    const host = createHost({ transport: 'desktop', canSwitchProjects: true, demoProjectPath: path.join(dir, 'demo.castor') })
    ok(await dispatch(host, 'project-create', { path: path.join(dir, 'p.castor') }))
    const first = path.join(dir, 'a.csv')
    fs.writeFileSync(first, 'question,bot,reply,other\nВопрос 1,A,Ответ 1,x\nВопрос 2,A,Ответ 2,y\n')
    const preview = ok<{ needsMapping: boolean; columns: string[]; rows: string[][]; mapping: object; savedFrom: string | null }>(
      await dispatch(host, 'import-preview', { source: { path: first } }),
    )
    expect(preview).toMatchObject({ needsMapping: true, columns: ['question', 'bot', 'reply', 'other'], savedFrom: null, mapping: { instruction: 'question', model: 'bot', answer: 'reply' } })
    expect(preview.rows).toEqual([
      ['Вопрос 1', 'A', 'Ответ 1', 'x'],
      ['Вопрос 2', 'A', 'Ответ 2', 'y'],
    ])
    const mapping = { instruction: 'question', model: 'bot', answer: 'reply' }
    const { jobId } = ok<{ jobId: string }>(await dispatch(host, 'import-mapped-start', { source: { path: first }, mapping }))
    expect(await settled(host, jobId)).toMatchObject({ status: 'done' })
    expect(host.project.info().counts).toMatchObject({ instructions: 2, responses: 2 })

    const second = path.join(dir, 'b.csv')
    fs.writeFileSync(second, 'other,reply,bot,question\n,Ответ 3,B,Вопрос 3\n')
    expect(ok(await dispatch(host, 'import-preview', { source: { path: second } }))).toMatchObject({ needsMapping: true, mapping, savedFrom: 'a.csv' })

    const own = path.join(dir, 'own.csv')
    fs.writeFileSync(own, 'instruction_id,instruction,model,answer,criterion\nq,i,m,a,c\n')
    expect(ok(await dispatch(host, 'import-preview', { source: { path: own } }))).toMatchObject({ needsMapping: false })
    // Generic JSONL ignores keys it does not know: with the required ones it needs no mapping.
    const ownLines = path.join(dir, 'own.jsonl')
    fs.writeFileSync(ownLines, JSON.stringify({ instruction_id: 'q', instruction: 'i', model: 'm', answer: 'a', criterion: 'c', note: 'x' }) + '\n')
    expect(ok(await dispatch(host, 'import-preview', { source: { path: ownLines } }))).toMatchObject({ needsMapping: false })
    const pollux = path.join(dir, 'pollux.jsonl')
    fs.writeFileSync(pollux, JSON.stringify({ instruction: 'i', answer: 'a', model_id: 'm', criteria_name: 'c' }) + '\n')
    expect(ok(await dispatch(host, 'import-preview', { source: { path: pollux } }))).toMatchObject({ needsMapping: false })
  })

  it('is the owner’s: a lead may not preview or import', async () => {
    const dir = tempDir()
    const host = createHost({ transport: 'desktop', canSwitchProjects: true, demoProjectPath: path.join(dir, 'demo.castor') })
    ok(await dispatch(host, 'project-create', { path: path.join(dir, 'p.castor') }))
    const reply = await dispatch(host, 'import-preview', { source: { path: '/etc/passwd' } }, { role: 'lead', annotatorId: 1, name: 'L' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})

describe('castor serve --new: the start screen of a served host', () => {
  const servedHost = () => {
    const dir = tempDir()
    const file = path.join(dir, 'new.castor')
    const host = createHost({ transport: 'web', canSwitchProjects: false, demoProjectPath: path.join(dir, 'demo.castor'), newProjectPath: file })
    return { host, file }
  }

  it('tells the owner the file it may create, creates exactly that one, and then serves it like any project', async () => {
    const { host, file } = servedHost()
    expect(ok(await dispatch(host, 'app-state', {}, OWNER))).toMatchObject({ project: null, newProjectFile: file, canSwitchProjects: false })
    expect(await dispatch(host, 'project-create', { path: path.join(path.dirname(file), 'elsewhere.castor') })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await dispatch(host, 'project-open', { path: file })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    ok(await dispatch(host, 'project-create', { path: file }))
    expect(fs.existsSync(file)).toBe(true)
    expect(ok(await dispatch(host, 'app-state', {}, OWNER))).toMatchObject({ newProjectFile: null })
    // One file per server: no second project, no close.
    expect(await dispatch(host, 'project-open-demo', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await dispatch(host, 'project-close', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    host.project.close()
  })

  it('makes the demo the new file', async () => {
    const { host, file } = servedHost()
    const info = ok<{ counts: { instructions: number } }>(await dispatch(host, 'project-open-demo', {}))
    expect(info.counts.instructions).toBeGreaterThan(0)
    expect(host.project.current()?.path).toBe(fs.realpathSync(file))
    host.project.close()
  })

  it('opens an uploaded project as the new file, and removes the copy of a file that is no project', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'new.castor')
    const files = createServerFiles(path.join(dir, 'exchange'))
    const host = createHost({ transport: 'web', canSwitchProjects: false, demoProjectPath: path.join(dir, 'demo.castor'), newProjectPath: file, files })
    const bogus = files.newUpload('notes.castor')
    fs.writeFileSync(bogus.path, 'not a project')
    expect(await dispatch(host, 'project-open-upload', { uploadId: bogus.id })).toMatchObject({ ok: false })
    expect(fs.existsSync(file)).toBe(false)

    const source = path.join(dir, 'source.castor')
    const db = openProject(source, { create: true })
    db.prepare("INSERT INTO instructions (external_id, text) VALUES ('q1', 'text')").run()
    db.close()
    const upload = files.newUpload('mine.castor')
    fs.copyFileSync(source, upload.path)
    const info = ok<{ counts: { instructions: number } }>(await dispatch(host, 'project-open-upload', { uploadId: upload.id }))
    expect(info.counts.instructions).toBe(1)
    expect(host.project.current()?.path).toBe(fs.realpathSync(file))
    // Only while no project is open.
    expect(await dispatch(host, 'project-open-upload', { uploadId: upload.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    host.project.close()
    files.dispose()
  })
})
