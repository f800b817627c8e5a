import { afterEach, describe, expect, it } from 'vitest'
import { createOpenAiBackend } from '../../../../../../src/main/services/judge/remote/openAiBackend'
import { executeRun } from '../../../../../../src/main/services/judge/runs/executeRun'
import { errorCause, FAILURE_STREAK, FailureWatch } from '../../../../../../src/main/services/judge/runs/failureWatch'
import { prepareRun } from '../../../../../../src/main/services/judge/runs/prepareRun'
import type { BackendSettings } from '../../../../../../src/main/services/judge/runs/runConfig'
import { runDetail, topErrors } from '../../../../../../src/main/services/judge/runs/runStore'
import type { Db } from '../../../../../../src/main/services/db'
import { feedbackReply, startFakeOpenAi, type FakeOpenAi } from '../../../../../helpers/fakeOpenAi'
import { decoding, judgeProject } from './runKit'

const servers: FakeOpenAi[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

/** Adds answers to the judge project until it has `items` items (two criteria per answer). */
function growTo(db: Db, items: number): void {
  const q2 = db.prepare("SELECT id FROM instructions WHERE external_id = 'q2'").pluck().get() as number
  const criteria = db.prepare('SELECT id FROM criteria ORDER BY id').pluck().all() as number[]
  let n = 0
  while ((db.prepare('SELECT count(*) FROM items').pluck().get() as number) < items) {
    const responseId = Number(db.prepare('INSERT INTO responses (instruction_id, model, text) VALUES (?, ?, ?)').run(q2, `model-${n++}`, 'Зима.').lastInsertRowid)
    for (const criterionId of criteria.slice(0, 2)) db.prepare('INSERT OR IGNORE INTO items (response_id, criterion_id) VALUES (?, ?)').run(responseId, criterionId)
  }
}

async function run(db: Db, server: FakeOpenAi, name: string) {
  const settings: BackendSettings = { kind: 'remote', baseUrl: server.url, model: 'judge', api: 'chat', apiKeyEnv: null, concurrency: 1, timeoutMs: 2000, retries: 0, logprobs: false }
  const backend = createOpenAiBackend({ baseUrl: server.url, model: 'judge', concurrency: 1, retries: 0 })
  const prepared = prepareRun(db, { name, identity: backend.identity, parallel: 1, settings, decoding, selection: { mode: 'all' } })
  const result = await executeRun(db, prepared.run.id, backend, decoding, { signal: new AbortController().signal })
  return { result, runId: prepared.run.id }
}

describe('a run that cannot work', () => {
  it('stops after its first items fail with one cause, as failed with that reason, judging no more', async () => {
    const { db } = judgeProject()
    growTo(db, 30)
    // Each item names another out-of-scale score: the numbers differ, the cause is one.
    const server = await startFakeOpenAi((r) => feedbackReply(10 + r.index))
    servers.push(server)
    const { result, runId } = await run(db, server, 'broken')
    expect(result.status).toBe('failed')
    expect(result.error).toMatch(new RegExp(`^the first ${FAILURE_STREAK} items failed with the same error, so the run stopped: .*outside the criterion's scale`))
    expect(result.judged).toBe(FAILURE_STREAK)
    expect(server.requests).toHaveLength(FAILURE_STREAK)
    const detail = runDetail(db, runId)
    expect(detail).toMatchObject({ status: 'failed', error: result.error, errors: FAILURE_STREAK })
    // Eight messages, one cause: one line.
    expect(detail.topErrors).toHaveLength(1)
    expect(detail.topErrors[0].count).toBe(FAILURE_STREAK)
    db.close()
  })

  it('fails a run whose every item failed, even with mixed causes, and keeps a run with some scores done', async () => {
    const { db } = judgeProject()
    const server = await startFakeOpenAi((r) => (r.index % 2 ? feedbackReply(9) : { status: 200, body: 'not json' }))
    servers.push(server)
    const { result } = await run(db, server, 'all-fail')
    expect(result).toMatchObject({ status: 'failed', judged: 8, errors: 8 })
    expect(result.error).toMatch(/^all 8 items failed; the most frequent error \(4×\): /)

    server.setScript((r) => (r.index % 2 ? feedbackReply(9) : feedbackReply(1)))
    const { db: other } = judgeProject()
    const mixed = await run(other, server, 'mixed')
    expect(mixed.result).toMatchObject({ status: 'done', errors: 4, error: null })
    db.close()
    other.close()
  })

  it('groups error messages by cause: numbers masked', () => {
    expect(errorCause('the prompt (841 tokens) leaves 0 of the context\'s 4096 tokens')).toBe("the prompt (# tokens) leaves # of the context's # tokens")
    expect(errorCause("the score 7 is outside the criterion's scale (0, 1, 2)")).toBe(errorCause("the score 9 is outside the criterion's scale (0, 1)"))
    const grouped = topErrors([
      ...Array.from({ length: 60 }, (_, i) => ({ error: `the prompt (${800 + i} tokens) plus 4096 does not fit`, count: 1 })),
      { error: 'no [RESULT] in the output', count: 3 },
    ])
    expect(grouped).toEqual([
      { error: 'the prompt (# tokens) plus # does not fit', count: 60 },
      { error: 'no [RESULT] in the output', count: 3 },
    ])
    const watch = new FailureWatch()
    expect(watch.add({ error: 'a 1' })).toBeNull()
    expect(watch.add({ error: 'b' })).toBeNull()
    for (let i = 0; i < 10; i++) expect(watch.add({ error: 'a 2' })).toBeNull()
    expect(watch.verdict()).toMatch(/^all 12 items failed; the most frequent error \(11×\): a 1$/)
  })
})
