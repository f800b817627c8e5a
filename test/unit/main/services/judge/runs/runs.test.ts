import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { JudgeBackend, JudgeOutcome, JudgeRequest } from '../../../../../../src/main/services/judge/backend'
import { createOpenAiBackend } from '../../../../../../src/main/services/judge/remote/openAiBackend'
import { executeRun } from '../../../../../../src/main/services/judge/runs/executeRun'
import { JudgmentWriter } from '../../../../../../src/main/services/judge/runs/judgmentWriter'
import { prepareRun, type RunSpec } from '../../../../../../src/main/services/judge/runs/prepareRun'
import type { BackendSettings } from '../../../../../../src/main/services/judge/runs/runConfig'
import { listRuns, PromptSource, runDetail } from '../../../../../../src/main/services/judge/runs/runStore'
import { selectItems } from '../../../../../../src/main/services/judge/runs/selection'
import { feedbackReply, startFakeOpenAi, type FakeOpenAi } from '../../../../../helpers/fakeOpenAi'
import { decoding, judgeProject } from './runKit'

const servers: FakeOpenAi[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

function remoteSpec(server: FakeOpenAi, overrides: Partial<RunSpec> = {}): { spec: RunSpec; backend: JudgeBackend } {
  const settings: BackendSettings = { kind: 'remote', baseUrl: server.url, model: 'ai-forever/pollux-judge-7b', api: 'chat', apiKeyEnv: null, concurrency: 2, timeoutMs: 2000, retries: 0, logprobs: true }
  const backend = createOpenAiBackend({ baseUrl: server.url, model: 'ai-forever/pollux-judge-7b', concurrency: 2, retries: 0 })
  return { backend, spec: { name: 'judge-7b', identity: backend.identity, parallel: 2, settings, decoding, selection: { mode: 'all' }, ...overrides } }
}

/** Answers the score 2 with probabilities, except for prompts containing `bad` words. */
const scorer = () => feedbackReply(2, 'Ответ хороший.', { '0': 0.1, '1': 0.2, '2': 0.7 })

describe('judge runs', () => {
  it('judges every selected item once, criteria of one answer consecutive, and stores score, rationale and probabilities', async () => {
    const { db, itemIds } = judgeProject()
    const server = await startFakeOpenAi(scorer)
    servers.push(server)
    const { spec, backend } = remoteSpec(server)
    const prepared = prepareRun(db, spec)
    expect(prepared).toMatchObject({ created: true, added: 8, queued: 8, alreadyJudged: 0 })
    const seen: JudgeRequest[] = []
    const recording: JudgeBackend = {
      ...backend,
      judge(requests, options) {
        return backend.judge(
          (function* () {
            for (const r of requests as Iterable<JudgeRequest>) {
              seen.push(r)
              yield r
            }
          })(),
          options,
        )
      },
    }
    const result = await executeRun(db, prepared.run.id, recording, decoding, { signal: new AbortController().signal })
    expect(result).toMatchObject({ status: 'done', queued: 8, judged: 8, errors: 0, judgedNow: 8, skipped: 0 })
    // Groups (answers) arrive consecutively, in item order.
    expect(seen.map((r) => r.itemId)).toEqual(itemIds)
    const groups = seen.map((r) => r.group)
    expect(groups.filter((g, i) => i > 0 && g !== groups[i - 1]).length).toBe(new Set(groups).size - 1)
    const rows = db.prepare('SELECT item_id, score, rationale, score_probabilities, expected_score, entropy FROM judgments WHERE run_id = ? ORDER BY item_id').all(prepared.run.id) as {
      score: number
      rationale: string
      score_probabilities: string
      expected_score: number
    }[]
    expect(rows).toHaveLength(8)
    expect(rows[0]).toMatchObject({ score: 2, rationale: 'Ответ хороший.' })
    const probabilities = JSON.parse(rows[0].score_probabilities) as Record<string, number>
    expect(Object.values(probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9)
    expect(rows[0].expected_score).toBeCloseTo(1.6, 9)
    const run = db.prepare('SELECT status, prompt_version, prompt_hash, decoding, config FROM judge_runs WHERE id = ?').get(prepared.run.id) as Record<string, string>
    expect(run.status).toBe('done')
    expect(run.prompt_version).toBe('pollux-v1')
    expect(run.prompt_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.parse(run.config)).toMatchObject({ identity: { backend: 'openai', endpoint: server.url }, decoding: { temperature: 0 } })
    expect(listRuns(db).find((r) => r.id === prepared.run.id)).toMatchObject({ queued: 8, judged: 8, scored: 8, errors: 0, status: 'done' })
    db.close()
  })

  it('resumes the same configuration as the same run, skipping done items and sending none of them again', async () => {
    const { db } = judgeProject()
    const server = await startFakeOpenAi(scorer)
    servers.push(server)
    const first = remoteSpec(server)
    const prepared = prepareRun(db, first.spec)
    const controller = new AbortController()
    let count = 0
    const partial = await executeRun(db, prepared.run.id, first.backend, decoding, {
      signal: controller.signal,
      stopReason: () => 'pause',
      onProgress: (p) => {
        count = p.judgedNow
        if (count === 3) controller.abort()
      },
    })
    expect(partial.status).toBe('paused')
    const doneItems = db.prepare('SELECT item_id FROM judgments WHERE run_id = ?').pluck().all(prepared.run.id) as number[]
    expect(doneItems.length).toBeGreaterThanOrEqual(3)
    expect(doneItems.length).toBeLessThan(8)
    const requestedBefore = server.requests.length

    const again = remoteSpec(server, { name: 'judge-7b' })
    const resumed = prepareRun(db, again.spec)
    expect(resumed.created).toBe(false)
    expect(resumed.run.id).toBe(prepared.run.id)
    expect(resumed.added).toBe(0)
    const result = await executeRun(db, resumed.run.id, again.backend, decoding, { signal: new AbortController().signal })
    expect(result).toMatchObject({ status: 'done', judged: 8, skipped: doneItems.length, judgedNow: 8 - doneItems.length })
    const source = new PromptSource(db)
    const donePrompts = new Set(doneItems.map((id) => source.request(id).prompt))
    expect(server.requests.slice(requestedBefore).filter((r) => donePrompts.has(r.prompt))).toEqual([])
    expect(db.prepare('SELECT count(*), count(DISTINCT item_id) FROM judgments WHERE run_id = ?').raw().get(prepared.run.id)).toEqual([8, 8])
    db.close()
  })

  it('makes another configuration another run, and refuses its name for a different configuration', async () => {
    const { db } = judgeProject()
    const server = await startFakeOpenAi(scorer)
    servers.push(server)
    const a = prepareRun(db, remoteSpec(server).spec)
    expect(() => prepareRun(db, remoteSpec(server, { decoding: { ...decoding, temperature: 0.1 } }).spec)).toThrow(/taken by a run with another configuration/)
    const b = prepareRun(db, remoteSpec(server, { name: 'warm', decoding: { ...decoding, temperature: 0.1 } }).spec)
    expect(b.run.id).not.toBe(a.run.id)
    expect(() => prepareRun(db, remoteSpec(server, { name: 'pollux-judge-7b' }).spec)).toThrow(/A run with this configuration exists: "judge-7b"/)
    // A fresh name on a configuration that has a run: refused, naming the run (never a silent resume under another name).
    expect(() => prepareRun(db, remoteSpec(server, { name: 'judge-7b-again' }).spec)).toThrow(/A run with this configuration exists: "judge-7b"; resume "judge-7b"/)
    expect(db.prepare("SELECT count(*) FROM judge_runs WHERE name = 'judge-7b-again'").pluck().get()).toBe(0)
    expect(() => prepareRun(db, remoteSpec(server, { name: 'pollux-judge-7b', decoding: { ...decoding, seed: 5 } }).spec)).toThrow(/imported judge/)
    expect(() => prepareRun(db, remoteSpec(server, { name: 'x', decoding: { ...decoding, constrained: true } }).spec)).toThrow(/local GGUF/)
    db.close()
  })

  it('cancels: stops sending, keeps what finished, marks the run cancelled', async () => {
    const { db } = judgeProject()
    const server = await startFakeOpenAi((r) => (r.index < 2 ? scorer() : { ...scorer(), delayMs: 10_000 }))
    servers.push(server)
    const { spec, backend } = remoteSpec(server)
    const prepared = prepareRun(db, spec)
    const controller = new AbortController()
    const result = await executeRun(db, prepared.run.id, backend, decoding, {
      signal: controller.signal,
      stopReason: () => 'cancel',
      onProgress: (p) => {
        if (p.judgedNow === 2) setTimeout(() => controller.abort(), 20)
      },
    })
    expect(result.status).toBe('cancelled')
    expect(result.judged).toBe(2)
    expect(db.prepare('SELECT status, finished_at IS NOT NULL FROM judge_runs WHERE id = ?').raw().get(prepared.run.id)).toEqual(['cancelled', 1])
    db.close()
  })

  it('stores failed items as errors with their raw text, and judges them again only when asked', async () => {
    const { db, itemIds } = judgeProject()
    const server = await startFakeOpenAi((r) => (r.prompt.includes('Ясность') ? feedbackReply(7) : scorer()))
    servers.push(server)
    const first = remoteSpec(server)
    const prepared = prepareRun(db, first.spec)
    const result = await executeRun(db, prepared.run.id, first.backend, decoding, { signal: new AbortController().signal })
    expect(result).toMatchObject({ status: 'done', judged: 8, errors: 4 })
    const detail = runDetail(db, prepared.run.id)
    expect(detail.topErrors[0].error).toMatch(/outside the criterion's scale/)
    expect(detail.scoreCounts).toEqual([{ score: 2, count: 4 }])
    const raw = db.prepare('SELECT raw_output FROM judgments WHERE run_id = ? AND error IS NOT NULL LIMIT 1').pluck().get(prepared.run.id) as string
    expect(raw).toContain('[RESULT] 7')

    server.setScript(scorer)
    const requested = server.requests.length
    const again = remoteSpec(server)
    expect(prepareRun(db, again.spec).clearedErrors).toBe(0)
    expect((await executeRun(db, prepared.run.id, again.backend, decoding, { signal: new AbortController().signal })).judgedNow).toBe(0)
    expect(prepareRun(db, { ...remoteSpec(server).spec, retryErrors: true }).clearedErrors).toBe(4)
    const retried = await executeRun(db, prepared.run.id, remoteSpec(server).backend, decoding, { signal: new AbortController().signal })
    expect(retried).toMatchObject({ judged: 8, errors: 0, judgedNow: 4 })
    expect(server.requests.length - requested).toBe(4)
    void itemIds
    db.close()
  })
})

describe('judge runs that fail', () => {
  it('fail on a configuration error (401), keeping the finished judgments and the reason', async () => {
    const { db } = judgeProject()
    const server = await startFakeOpenAi((r) => (r.index < 2 ? scorer() : { status: 401, body: { error: { message: 'bad key' } } }))
    servers.push(server)
    const { spec, backend } = remoteSpec(server)
    const prepared = prepareRun(db, spec)
    await expect(executeRun(db, prepared.run.id, backend, decoding, { signal: new AbortController().signal })).rejects.toThrow(/HTTP 401.*bad key/)
    const run = db.prepare('SELECT status, error FROM judge_runs WHERE id = ?').get(prepared.run.id) as { status: string; error: string }
    expect(run.status).toBe('failed')
    expect(run.error).toMatch(/HTTP 401/)
    expect(db.prepare('SELECT count(*) FROM judgments WHERE run_id = ? AND score = 2').pluck().get(prepared.run.id)).toBe(2)
    db.close()
  })
})

describe('selectItems', () => {
  it('filters by criterion, model, instruction and unjudged, samples with a seed and limits', () => {
    const { db, itemIds } = judgeProject()
    const correct = db.prepare("SELECT id FROM criteria WHERE external_id = 'correct'").pluck().get() as number
    expect(selectItems(db, { mode: 'all' })).toEqual(itemIds)
    expect(selectItems(db, { mode: 'all', criterionIds: [correct] })).toHaveLength(4)
    expect(selectItems(db, { mode: 'all', models: ['GigaChat-Max'] })).toHaveLength(4)
    expect(selectItems(db, { mode: 'all', models: [] })).toEqual([])
    const q1 = db.prepare("SELECT id FROM instructions WHERE external_id = 'q1'").pluck().get() as number
    expect(selectItems(db, { mode: 'all', instructionIds: [q1] })).toHaveLength(4)
    // The imported run judged one item already.
    expect(selectItems(db, { mode: 'unjudged' })).toHaveLength(7)
    const sample = selectItems(db, { mode: 'all', sample: { size: 3, seed: 42 } })
    expect(sample).toHaveLength(3)
    expect(selectItems(db, { mode: 'all', sample: { size: 3, seed: 42 } })).toEqual(sample)
    expect([...sample].sort((a, b) => itemIds.indexOf(a) - itemIds.indexOf(b))).toEqual(sample)
    const seeds = new Set([1, 2, 3, 4, 5, 6].map((seed) => selectItems(db, { mode: 'all', sample: { size: 3, seed } }).join()))
    expect(seeds.size).toBeGreaterThan(1)
    expect(selectItems(db, { mode: 'all', limit: 2 })).toEqual(itemIds.slice(0, 2))
    db.close()
  })
})

describe('JudgmentWriter', () => {
  const outcome = (itemId: number): JudgeOutcome => ({
    itemId,
    rawOutput: '[FEEDBACK] ok [RESULT] 1',
    score: 1,
    feedback: 'ok',
    reasoning: null,
    scoreProbabilities: null,
    expectedScore: null,
    entropy: null,
    promptTokens: 1,
    reusedPromptTokens: null,
    completionTokens: 1,
    latencyMs: 1,
    error: null,
  })

  it('waits while an import holds the write transaction, so a rolled-back import takes none of its judgments', async () => {
    const { db, file, itemIds } = judgeProject()
    const runId = Number(db.prepare("INSERT INTO judge_runs (name, model, backend, status) VALUES ('w', 'm', 'openai', 'running')").run().lastInsertRowid)
    db.exec('BEGIN IMMEDIATE') // what an import does for its whole length
    const writer = new JudgmentWriter(db, runId, { batchSize: 1 })
    writer.add(outcome(itemIds[0]))
    expect(writer.pending).toBe(1)
    db.exec('ROLLBACK') // the import failed
    await writer.close()
    const other = new Database(file, { readonly: true })
    expect(other.prepare('SELECT count(*) FROM judgments WHERE run_id = ?').pluck().get(runId)).toBe(1)
    other.close()
    db.close()
  })

  it('keeps one judgment per item per run when an outcome arrives twice', async () => {
    const { db, itemIds } = judgeProject()
    const runId = Number(db.prepare("INSERT INTO judge_runs (name, model, backend) VALUES ('w', 'm', 'openai')").run().lastInsertRowid)
    const writer = new JudgmentWriter(db, runId)
    writer.add(outcome(itemIds[0]))
    writer.add({ ...outcome(itemIds[0]), score: 2 })
    await writer.close()
    expect(db.prepare('SELECT score FROM judgments WHERE run_id = ?').pluck().all(runId)).toEqual([1])
    db.close()
  })
})
