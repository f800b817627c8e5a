import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/handlers/dispatch'
import { createHost } from '../../../../src/main/host/createHost'
import type { EventPayload } from '../../../../src/shared/api/events'
import { feedbackReply, startFakeOpenAi, type FakeOpenAi } from '../../../helpers/fakeOpenAi'
import { tinyQwen3Gguf } from '../../../helpers/gguf/qwen3Gguf'
import { tempDir } from '../../../helpers/tempDir'
import { judgeProject } from '../services/judge/runs/runKit'

const servers: FakeOpenAi[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

async function setup(delayMs = 0) {
  const { db, file } = judgeProject()
  db.close()
  const server = await startFakeOpenAi(() => ({ ...feedbackReply(2, 'Хорошо.', { '0': 0.2, '1': 0.3, '2': 0.5 }), delayMs }))
  servers.push(server)
  const host = createHost({ transport: 'web', canSwitchProjects: true, demoProjectPath: path.join(path.dirname(file), 'demo.castor'), suggestedLanguage: 'ru' })
  host.project.open(file)
  const progress: EventPayload<'judge-progress'>[] = []
  host.events.subscribe((name, payload) => {
    if (name === 'judge-progress') progress.push(payload as EventPayload<'judge-progress'>)
  })
  const start = (extra: Record<string, unknown> = {}) =>
    dispatch(host, 'judge-run-start', { name: 'remote-7b', backend: { kind: 'remote', server: { baseUrl: server.url, model: 'ai-forever/pollux-judge-7b', concurrency: 1, retries: 0 } }, ...extra })
  return { host, server, progress, start }
}

describe('judge handlers', () => {
  it('start a run as a job that streams judge-progress and ends with every item judged', async () => {
    const { host, progress, start } = await setup()
    const reply = await start()
    expect(reply).toMatchObject({ ok: true, result: { name: 'remote-7b', created: true, queued: 8, alreadyJudged: 0 } })
    if (!reply.ok) return
    const { runId, jobId } = reply.result as { runId: number; jobId: string }
    const job = await host.jobs.settled(jobId)
    expect(job).toMatchObject({ kind: 'judge', status: 'done', done: 8, total: 8 })
    expect(progress.at(-1)).toMatchObject({ runId, status: 'done', done: 8, total: 8, errors: 0 })
    const list = await dispatch(host, 'judge-runs-list', {})
    expect(list).toMatchObject({ ok: true, result: [{ id: runId, status: 'done', active: false, judged: 8, scored: 8 }, { name: 'pollux-judge-7b', backend: 'imported', judged: 1 }] })
    const detail = await dispatch(host, 'judge-run-get', { runId })
    expect(detail).toMatchObject({ ok: true, result: { scoreCounts: [{ score: 2, count: 8 }], topErrors: [] } })
    if (detail.ok) expect((detail.result as { recent: { scoreProbabilities: unknown[] }[] }).recent[0].scoreProbabilities).toHaveLength(3)
  })

  it('pauses a running run, resumes it from where it stopped, and cancels', async () => {
    const { host, server, start } = await setup(100)
    const reply = await start()
    if (!reply.ok) throw new Error(JSON.stringify(reply))
    const { runId, jobId } = reply.result as { runId: number; jobId: string }
    while (server.requests.length < 3) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await dispatch(host, 'judge-run-start', { name: 'again', backend: { kind: 'remote', server: { baseUrl: server.url, model: 'ai-forever/pollux-judge-7b', concurrency: 1, retries: 0 } } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
    expect(await dispatch(host, 'judge-run-pause', { runId })).toMatchObject({ ok: true })
    await host.jobs.settled(jobId)
    const paused = await dispatch(host, 'judge-run-get', { runId })
    expect(paused).toMatchObject({ ok: true, result: { status: 'paused', active: false } })
    const judgedAtPause = paused.ok ? (paused.result as { judged: number }).judged : -1
    expect(judgedAtPause).toBeGreaterThan(0)
    expect(judgedAtPause).toBeLessThan(8)

    const resumed = await dispatch(host, 'judge-run-resume', { runId })
    expect(resumed).toMatchObject({ ok: true, result: { runId, created: false, alreadyJudged: judgedAtPause } })
    if (!resumed.ok) return
    const second = (resumed.result as { jobId: string }).jobId
    while (server.requests.length < judgedAtPause + 3) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await dispatch(host, 'judge-run-cancel', { runId })).toMatchObject({ ok: true })
    expect(await host.jobs.settled(second)).toMatchObject({ status: 'cancelled' })
    expect(await dispatch(host, 'judge-run-get', { runId })).toMatchObject({ ok: true, result: { status: 'cancelled' } })

    const last = await dispatch(host, 'judge-run-resume', { runId })
    if (!last.ok) throw new Error(JSON.stringify(last))
    await host.jobs.settled((last.result as { jobId: string }).jobId)
    expect(await dispatch(host, 'judge-run-get', { runId })).toMatchObject({ ok: true, result: { status: 'done', judged: 8 } })
  }, 30_000)

  it('fails a run whose items all fail, with the reason in the job, the last judge-progress event and the run', async () => {
    const { host, server, progress, start } = await setup()
    server.setScript(() => feedbackReply(7))
    const reply = await start()
    if (!reply.ok) throw new Error(JSON.stringify(reply))
    const { runId, jobId } = reply.result as { runId: number; jobId: string }
    const job = await host.jobs.settled(jobId)
    expect(job.status).toBe('failed')
    expect(JSON.stringify(job)).toMatch(/the first 8 items failed with the same error/)
    expect(progress.at(-1)).toMatchObject({ runId, status: 'failed', error: expect.stringMatching(/outside the criterion's scale/) })
    expect(await dispatch(host, 'judge-run-get', { runId })).toMatchObject({ ok: true, result: { status: 'failed', error: expect.stringMatching(/^the first 8 items failed/), topErrors: [{ count: 8 }] } })
  })

  it('loads one local model at a time: a second start while one loads is refused, load progress is pushed', async () => {
    const { host } = await setup()
    process.env.CASTOR_CACHE_DIR = tempDir()
    process.env.CASTOR_LLAMA_THREADS = '1'
    try {
      const loads: EventPayload<'judge-load-progress'>[] = []
      host.events.subscribe((name, payload) => {
        if (name === 'judge-load-progress') loads.push(payload as EventPayload<'judge-load-progress'>)
      })
      const local = (name: string) =>
        dispatch(host, 'judge-run-start', { name, backend: { kind: 'local', modelPath: tinyQwen3Gguf(), contextSize: 1024 }, constrained: true, decoding: { maxTokens: 8 }, selection: { mode: 'all', limit: 1 } })
      const [first, second] = await Promise.all([local('one'), local('two')])
      expect(first).toMatchObject({ ok: true, result: { name: 'one', created: true } })
      expect(second).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^A judge model is loading \(.*\.gguf\); start again when it is ready/) } })
      if (first.ok) await host.jobs.settled((first.result as { jobId: string }).jobId)
      expect(loads.map((l) => l.phase)).toContain('hash')
      expect(loads.at(-1)).toMatchObject({ phase: 'load', fraction: 1 })
      // Only one run was made: the refused start created nothing.
      const runs = await dispatch(host, 'judge-runs-list', {})
      expect(runs.ok && (runs.result as { name: string }[]).map((r) => r.name)).toEqual(['one', 'pollux-judge-7b'])
    } finally {
      delete process.env.CASTOR_CACHE_DIR
      delete process.env.CASTOR_LLAMA_THREADS
    }
  }, 60_000)

  it('previews the exact prompt, and keeps starting runs to the owner', async () => {
    const { host, start } = await setup()
    const items = await dispatch(host, 'judge-preview-prompt', { itemId: 1 })
    expect(items).toMatchObject({ ok: true, result: { itemId: 1, allowedScores: [0, 1, 2], promptVersion: 'pollux-v1' } })
    if (items.ok) expect((items.result as { prompt: string }).prompt).toMatch(/^### Задание для оценки:\n/)
    const lead = { role: 'lead' as const, annotatorId: 1, name: 'Lead' }
    const annotator = { role: 'annotator' as const, annotatorId: 2, name: 'Анна' }
    expect(await dispatch(host, 'judge-run-start', { name: 'x', backend: { kind: 'local', modelPath: '/tmp/m.gguf' } }, lead)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await dispatch(host, 'judge-runs-list', {}, lead)).toMatchObject({ ok: true })
    expect(await dispatch(host, 'judge-runs-list', {}, annotator)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await start({ constrained: true })).toMatchObject({ ok: false, error: { code: 'unsupported' } })
  })

  it('lists the models folder, empty when there is none', async () => {
    const { host } = await setup()
    const saved = process.env.CASTOR_MODELS_DIR
    try {
      const dir = tempDir('castor-models-')
      process.env.CASTOR_MODELS_DIR = path.join(dir, 'missing')
      expect(await dispatch(host, 'judge-models-list', {})).toMatchObject({ ok: true, result: { models: [] } })
      fs.copyFileSync(tinyQwen3Gguf(), path.join(dir, 'tiny-judge.gguf'))
      process.env.CASTOR_MODELS_DIR = dir
      expect(await dispatch(host, 'judge-models-list', {})).toMatchObject({ ok: true, result: { dir, models: [{ fileName: 'tiny-judge.gguf', architecture: 'qwen3', refused: null }] } })
      expect(await dispatch(host, 'judge-models-list', {}, { role: 'lead', annotatorId: 1, name: 'L' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    } finally {
      if (saved === undefined) delete process.env.CASTOR_MODELS_DIR
      else process.env.CASTOR_MODELS_DIR = saved
    }
  })

  it('survives the project being closed under a running run, which then resumes where it stopped', async () => {
    const { host, server, start } = await setup(100)
    const file = host.project.require().path
    const reply = await start()
    if (!reply.ok) throw new Error(JSON.stringify(reply))
    const { runId, jobId } = reply.result as { runId: number; jobId: string }
    while (server.requests.length < 3) await new Promise((resolve) => setTimeout(resolve, 20))
    host.project.close()
    expect(await host.jobs.settled(jobId)).toMatchObject({ status: 'cancelled' })
    host.project.open(file)
    const list = await dispatch(host, 'judge-runs-list', {})
    expect(list).toMatchObject({ ok: true, result: [{ id: runId, status: 'running', active: false }, {}] })
    const resumed = await dispatch(host, 'judge-run-resume', { runId })
    if (!resumed.ok) throw new Error(JSON.stringify(resumed))
    await host.jobs.settled((resumed.result as { jobId: string }).jobId)
    expect(await dispatch(host, 'judge-run-get', { runId })).toMatchObject({ ok: true, result: { status: 'done', judged: 8 } })
  }, 30_000)
})
