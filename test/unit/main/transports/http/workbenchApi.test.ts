import WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { OWNER } from '@shared/api/access'
import { eventNames } from '@shared/api/events'
import { openProject } from '../../../../../src/main/services/db'
import { mayReceive } from '../../../../../src/main/transports/http/eventSocket'
import { startServer, type RunningServer } from '../../../../../src/main/transports/http/server'
import { makeWorkbenchProject } from '../../services/workbench/workbenchKit'
import { call, connect, request } from './httpClient'

const running: RunningServer[] = []
const sockets: WebSocket[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate()
  for (const server of running.splice(0)) await server.close()
})

/** A served project of `answers` answers × `criteria` criteria (levels 0/1/2), overlap 2. */
async function serve(answers: number, criteria = 2) {
  const { db, file } = makeWorkbenchProject({ answers, criteria })
  db.close()
  const server = await startServer({ projectPath: file, rendererDir: '/nonexistent' })
  running.push(server)
  const base = `http://127.0.0.1:${server.port}`
  const owner = (name: string, input?: unknown) => call(base, server.token, name, input)
  return { server, base, file, owner }
}

async function ok<T = any>(reply: Promise<{ status: number; json<U>(): U; body: string }>): Promise<T> {
  const result = await reply
  if (result.status !== 200) throw new Error(`HTTP ${result.status}: ${result.body}`)
  return result.json<{ result: T }>().result
}

async function addAnnotator(base: string, ownerToken: string, name: string, role: 'annotator' | 'lead' = 'annotator') {
  const { annotator, link } = await ok<{ annotator: { id: number }; link: { token: string; path: string } }>(
    call(base, ownerToken, 'annotator-add', { name, role, language: 'ru' }),
  )
  return { id: annotator.id, token: link.token, path: link.path, call: (op: string, input?: unknown) => call(base, link.token, op, input) }
}

/** Resolves once the socket answers a ping: every frame the server queued before it has arrived by then. */
function flush(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('pong', () => resolve())
    socket.ping()
  })
}

function collect(socket: WebSocket): { event: string; payload: unknown }[] {
  const received: { event: string; payload: unknown }[] = []
  socket.on('message', (data) => received.push(JSON.parse(String(data))))
  return received
}

async function until(probe: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function open(url: string, token: string): Promise<WebSocket> {
  const result = await connect(url, { Authorization: `Bearer ${token}` })
  if (!('socket' in result)) throw new Error(`socket refused: ${result.refused}`)
  sockets.push(result.socket)
  return result.socket
}

describe('workbench over HTTP', () => {
  it('gives twenty concurrent annotators no duplicate or excess assignment and loses no annotation', async () => {
    const answers = 30
    const { base, server, file } = await serve(answers, 2)
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => addAnnotator(base, server.token, `Эксперт ${i + 1}`)))
    const claimed = new Map<number, number[]>()
    const submitted: { annotatorId: number; itemId: number; score: number }[] = []

    await Promise.all(
      people.map(async (person, p) => {
        for (;;) {
          const next = await ok<{ item: any; reason: string | null }>(person.call('work-next'))
          if (!next.item) return expect(next.reason).toBe('none-left')
          claimed.set(person.id, [...(claimed.get(person.id) ?? []), next.item.responseId])
          for (const criterion of next.item.criteria) {
            const score = (p + criterion.itemId) % 3
            await ok(person.call('annotation-draft-save', { itemId: criterion.itemId, score, rationale: 'черновик', activeMs: 100 }))
            const done = await ok(person.call('annotation-submit', { itemId: criterion.itemId, score, rationale: `оценка ${p}`, activeMs: 200 }))
            expect(done).toMatchObject({ annotation: { status: 'submitted', score } })
            submitted.push({ annotatorId: person.id, itemId: criterion.itemId, score })
          }
        }
      }),
    )

    const db = openProject(file, { readOnly: true })
    try {
      const perAnswer = db.prepare('SELECT response_id AS r, count(*) AS n, count(DISTINCT annotator_id) AS people FROM assignments GROUP BY response_id').all()
      expect(perAnswer).toHaveLength(answers)
      for (const row of perAnswer) expect(row).toMatchObject({ n: 2, people: 2 })
      // What each annotator was told matches what was stored, and nobody got the same answer twice.
      for (const [annotatorId, responses] of claimed) {
        expect(new Set(responses).size).toBe(responses.length)
        const stored = db.prepare('SELECT response_id FROM assignments WHERE annotator_id = ? ORDER BY id').pluck().all(annotatorId)
        expect(stored).toEqual(responses)
      }
      expect(submitted).toHaveLength(answers * 2 * 2)
      const rows = db.prepare("SELECT annotator_id AS annotatorId, item_id AS itemId, score FROM annotations WHERE status = 'submitted'").all()
      const key = (r: { annotatorId: number; itemId: number }) => `${r.annotatorId}:${r.itemId}`
      expect(new Map(rows.map((r: any) => [key(r), r.score]))).toEqual(new Map(submitted.map((r) => [key(r), r.score])))
      expect(db.prepare('SELECT count(*) FROM assignments WHERE completed_at IS NULL').pluck().get()).toBe(0)
    } finally {
      db.close()
    }
    const progress = await ok(call(base, server.token, 'progress-get'))
    expect(progress.overall).toMatchObject({ answers, assigned: answers * 2, done: answers * 2, answersComplete: answers, itemsSubmitted: answers * 4 })
  })

  it('answers 401 to a revoked or replaced link, on the API, the cookie swap and the socket', async () => {
    const { base, server } = await serve(2)
    const anna = await addAnnotator(base, server.token, 'Анна')
    expect(await ok(anna.call('me-get'))).toMatchObject({ role: 'annotator', annotatorId: anna.id, name: 'Анна', language: 'ru' })
    const swap = await request(`${base}${anna.path}`)
    expect(swap.status).toBe(303)
    expect(swap.headers['set-cookie']?.[0]).toMatch(new RegExp(`^castor_session_${server.port}=`))
    expect(swap.headers['set-cookie']?.[0]).not.toContain(anna.token)
    const socket = await open(`ws://127.0.0.1:${server.port}/api/events`, anna.token)
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))

    const fresh = await ok<{ token: string }>(call(base, server.token, 'annotator-link', { id: anna.id }))
    expect((await anna.call('me-get')).status).toBe(401)
    expect((await request(`${base}${anna.path}`)).status).toBe(401)
    expect((await call(base, fresh.token, 'me-get')).status).toBe(200)

    await ok(call(base, server.token, 'annotator-revoke', { id: anna.id }))
    expect((await call(base, fresh.token, 'me-get')).status).toBe(401)
    expect((await call(base, fresh.token, 'work-next')).status).toBe(401)
    expect(await connect(`ws://127.0.0.1:${server.port}/api/events`, { Authorization: `Bearer ${fresh.token}` })).toEqual({ refused: 401 })
    // The socket opened before is closed at the next event.
    await ok(call(base, server.token, 'project-settings-update', { overlap: 3 }))
    expect(await closed).toBe(4401)
  })

  it("forbids an annotator another's answers, and lead and owner operations", async () => {
    const { base, server } = await serve(2)
    const anna = await addAnnotator(base, server.token, 'Анна')
    const boris = await addAnnotator(base, server.token, 'Борис')
    const bItem = (await ok(boris.call('work-next'))).item
    const bResponse = bItem.responseId
    const bItemId = bItem.criteria[0].itemId
    await ok(boris.call('annotation-submit', { itemId: bItemId, score: 1, rationale: 'Борис' }))
    const aItem = (await ok(anna.call('work-next'))).item
    expect(aItem.responseId).not.toBe(bResponse)

    const forbidden = async (reply: ReturnType<typeof anna.call>) => {
      const result = await reply
      expect(result.status).toBe(403)
      expect(result.json().error.code).toBe('forbidden')
    }
    await forbidden(anna.call('work-get', { responseId: bResponse }))
    await forbidden(anna.call('reveal-get', { responseId: bResponse }))
    await forbidden(anna.call('annotation-draft-save', { itemId: bItemId, score: 0, rationale: 'чужое' }))
    await forbidden(anna.call('annotation-submit', { itemId: bItemId, score: 0, rationale: 'чужое' }))
    await forbidden(anna.call('annotation-revise', { itemId: bItemId, score: 0, rationale: 'чужое' }))
    for (const op of ['review-list', 'progress-get', 'annotators-list', 'adjudication-queue', 'item-get', 'instructions-list']) {
      await forbidden(anna.call(op, op === 'item-get' ? { id: bItemId } : {}))
    }
    await forbidden(anna.call('annotator-add', { name: 'Самозванец' }))
    await forbidden(anna.call('adjudication-set', { itemId: bItemId, score: 2 }))
    expect((await request(`${base}/api/upload?name=a.jsonl`, { method: 'PUT', headers: { Authorization: `Bearer ${anna.token}` }, body: 'x' })).status).toBe(403)
    // A client cannot name whose annotation it writes: extra fields are refused.
    expect((await anna.call('annotation-draft-save', { itemId: aItem.criteria[0].itemId, score: 1, annotatorId: boris.id })).status).toBe(400)

    // Boris's score is untouched; a lead sees everyone's work.
    const lead = await addAnnotator(base, server.token, 'Вера', 'lead')
    const review = await ok(lead.call('review-list', {}))
    expect(review.rows).toHaveLength(1)
    expect(review.rows[0].annotations).toMatchObject([{ annotator: 'Борис', score: 1, rationale: 'Борис' }])
    await forbidden(lead.call('annotator-add', { name: 'Самозванец' }))

    // A role change holds from the next request on: promoted, Anna sees the review; demoted, she does not.
    await ok(call(base, server.token, 'annotator-update', { id: anna.id, role: 'lead' }))
    expect((await anna.call('review-list', {})).status).toBe(200)
    await ok(call(base, server.token, 'annotator-update', { id: anna.id, role: 'annotator' }))
    await forbidden(anna.call('review-list', {}))
    expect((await call(base, server.token, 'annotator-update', { id: anna.id, name: 'Борис' })).json().error.code).toBe('conflict')
  })

  it('gives annotators only events that cannot carry a score', () => {
    const annotator = { role: 'annotator' as const, annotatorId: 1, name: 'Анна' }
    const lead = { role: 'lead' as const, annotatorId: 2, name: 'Вера' }
    expect(eventNames.filter((name) => mayReceive(annotator, name))).toEqual(['project-changed'])
    expect(eventNames.filter((name) => mayReceive(lead, name))).toEqual(eventNames)
    expect(eventNames.filter((name) => mayReceive(OWNER, name))).toEqual(eventNames)
  })

  it("sends an annotator no score of another annotator or of the judge before they submit, and reveals them after", async () => {
    const { base, server, file } = await serve(1, 1)
    const anna = await addAnnotator(base, server.token, 'Анна')
    const boris = await addAnnotator(base, server.token, 'Борис')
    const annaSocket = await open(`ws://127.0.0.1:${server.port}/api/events`, anna.token)
    const ownerSocket = await open(`ws://127.0.0.1:${server.port}/api/events`, server.token)
    const annaEvents = collect(annaSocket)
    const ownerEvents = collect(ownerSocket)

    const bItem = (await ok(boris.call('work-next'))).item
    const itemId = bItem.criteria[0].itemId
    await ok(boris.call('annotation-submit', { itemId, score: 0, rationale: 'СЕКРЕТ-БОРИСА' }))
    const writer = openProject(file)
    const run = Number(writer.prepare("INSERT INTO judge_runs (name, model) VALUES ('pollux-judge', 'pollux-7b')").run().lastInsertRowid)
    writer
      .prepare("INSERT INTO judgments (run_id, item_id, score, rationale, score_probabilities) VALUES (?, ?, 2, 'СЕКРЕТ-СУДЬИ', '{\"0\":0.05,\"2\":0.95}')")
      .run(run, itemId)
    writer.close()

    const replies: string[] = []
    const seen = async (reply: ReturnType<typeof anna.call>) => {
      const result = await reply
      expect(result.status).toBe(200)
      replies.push(result.body)
      return result.json().result
    }
    const next = await seen(anna.call('work-next'))
    expect(next.item.responseId).toBe(bItem.responseId)
    await seen(anna.call('me-get'))
    await seen(anna.call('work-get', { responseId: bItem.responseId }))
    await seen(anna.call('work-queue', {}))
    await seen(anna.call('annotation-draft-save', { itemId, score: 2, rationale: 'думаю' }))
    const hidden = await seen(anna.call('reveal-get', { responseId: bItem.responseId }))
    expect(hidden.items).toEqual([expect.objectContaining({ revealed: false, others: [], judges: [] })])
    await seen(anna.call('project-info'))
    // Lead progress events come at most once a second: wait for the owner's, then for every frame queued to Anna.
    await until(() => ownerEvents.some((e) => e.event === 'progress-changed'), 'a progress-changed event for the owner')
    await flush(annaSocket)
    for (const body of [...replies, ...annaEvents.map((e) => JSON.stringify(e))]) {
      expect(body).not.toContain('СЕКРЕТ')
      expect(body).not.toContain('Борис')
      expect(body).not.toContain('pollux-judge')
      expect(body).not.toMatch(/"others":\[\{|"judges":\[\{|probabilit/)
    }
    expect(annaEvents.map((e) => e.event)).not.toContain('progress-changed')

    await ok(anna.call('annotation-submit', { itemId, score: 2, rationale: 'хорошо' }))
    const shown = await ok(anna.call('reveal-get', { responseId: bItem.responseId }))
    expect(shown.items[0]).toMatchObject({
      revealed: true,
      mine: { score: 2, revision: 1 },
      others: [{ annotator: 'Борис', score: 0, rationale: 'СЕКРЕТ-БОРИСА' }],
      judges: [{ run: 'pollux-judge', score: 2, rationale: 'СЕКРЕТ-СУДЬИ', probabilities: { '0': 0.05, '2': 0.95 } }],
    })
    const revised = await ok(anna.call('annotation-revise', { itemId, score: 1, rationale: 'после раскрытия' }))
    expect(revised.annotation).toMatchObject({ score: 1, revision: 2, first: { score: 2, rationale: 'хорошо' } })
  })

  it('lets the owner annotate under their own identity and keeps drafts across sign-ins', async () => {
    const { base, server } = await serve(1, 2)
    const mine = await ok(call(base, server.token, 'me-get'))
    expect(mine).toMatchObject({ role: 'owner', annotatorId: null, settings: { overlap: 2, rationaleRequired: true, agreementSource: 'first' } })
    const next = await ok(call(base, server.token, 'work-next'))
    const itemId = next.item.criteria[1].itemId
    await ok(call(base, server.token, 'annotation-draft-save', { itemId, score: null, notApplicable: true, rationale: 'не про то', activeMs: 1234 }))
    // Another machine: the same owner token (a new browser) sees the same draft.
    const again = await ok(call(base, server.token, 'work-get', { responseId: next.item.responseId }))
    expect(again.criteria[1].annotation).toMatchObject({ notApplicable: true, score: null, rationale: 'не про то', activeMs: 1234, status: 'draft' })
    expect(await ok(call(base, server.token, 'me-get'))).toMatchObject({ role: 'owner', annotatorId: expect.any(Number), name: 'Owner', assigned: 1, done: 0 })
  })
})
