import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/handlers/dispatch'
import { createHost } from '../../../../src/main/host/createHost'
import { openProject } from '../../../../src/main/services/db'
import { makeWorkbenchProject } from '../services/workbench/workbenchKit'

/** A host with a workbench project open, the owner holding one claimed answer, and a big import file beside it. */
async function hostWithClaim() {
  const { db, file } = makeWorkbenchProject({ answers: 2, criteria: 1 })
  db.close()
  const host = createHost({ transport: 'web', canSwitchProjects: true, demoProjectPath: path.join(path.dirname(file), 'demo.castor'), suggestedLanguage: 'ru' })
  host.project.open(file)
  const next = await dispatch(host, 'work-next', {})
  if (!next.ok) throw new Error(next.error.message)
  const itemId = (next.result as { item: { criteria: { itemId: number }[] } }).item.criteria[0].itemId
  const input = path.join(path.dirname(file), 'many.jsonl')
  const lines: string[] = []
  for (let i = 0; i < 30_000; i++) {
    lines.push(JSON.stringify({ instruction_id: `m${i >> 4}`, instruction: `Задание ${i >> 4}`, model: `model-${i & 15}`, answer: 'Ответ', criterion: 'binary', rubric: { '0': 'нет', '1': 'да' }, annotator: 'Эксперт А', score: i & 1 }))
  }
  fs.writeFileSync(input, lines.join('\n'))
  return { host, file, itemId, input }
}

async function startImport(host: ReturnType<typeof createHost>, input: string): Promise<string> {
  const started = await dispatch(host, 'import-start', { source: { path: input } })
  if (!started.ok) throw new Error(started.error.message)
  return (started.result as { jobId: string }).jobId
}

describe('workbench writes during an import', () => {
  it('wait for the import to end instead of joining its transaction', async () => {
    const { host, file, itemId, input } = await hostWithClaim()
    const jobId = await startImport(host, input)
    expect(host.jobs.get(jobId).status).toBe('running')
    const saved = dispatch(host, 'annotation-draft-save', { itemId, score: 1, rationale: 'во время импорта' }).then((reply) => ({
      reply,
      jobStatus: host.jobs.get(jobId).status,
    }))
    const { reply, jobStatus } = await saved
    expect(reply).toMatchObject({ ok: true, result: { status: 'draft', score: 1 } })
    expect(jobStatus).toBe('done')
    host.project.close()
    const db = openProject(file, { readOnly: true })
    expect(db.prepare("SELECT rationale FROM annotations WHERE item_id = ? AND status = 'draft'").pluck().get(itemId)).toBe('во время импорта')
    db.close()
  })

  it('keep a draft saved while an import is cancelled (nothing rolls back with it)', async () => {
    const { host, file, itemId, input } = await hostWithClaim()
    const jobId = await startImport(host, input)
    const saved = dispatch(host, 'annotation-draft-save', { itemId, score: 2, rationale: 'переживёт отмену' })
    host.jobs.cancel(jobId)
    expect(await saved).toMatchObject({ ok: true })
    expect(await host.jobs.settled(jobId)).toMatchObject({ status: 'cancelled' })
    host.project.close()
    const db = openProject(file, { readOnly: true })
    expect(db.prepare('SELECT score FROM annotations WHERE item_id = ?').pluck().get(itemId)).toBe(2)
    expect(db.prepare("SELECT count(*) FROM instructions WHERE external_id LIKE 'm%'").pluck().get()).toBe(0)
    db.close()
  })
})
