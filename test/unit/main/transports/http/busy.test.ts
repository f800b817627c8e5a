import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../../../../src/main/transports/http/server'
import { makeWorkbenchProject } from '../../services/workbench/workbenchKit'
import { call } from './httpClient'

const running: RunningServer[] = []
const others: Database.Database[] = []

afterEach(async () => {
  for (const db of others.splice(0)) db.close()
  for (const server of running.splice(0)) await server.close()
})

describe('castor serve while another process holds the write lock', () => {
  it('answers a submit 503 busy with Retry-After after its bounded wait, and the retry succeeds once the lock is released', async () => {
    const { db, file } = makeWorkbenchProject({ answers: 2 })
    db.close()
    const server = await startServer({ projectPath: file, rendererDir: '/nonexistent', busyTimeoutMs: 200 })
    running.push(server)
    const base = `http://127.0.0.1:${server.port}`
    const added = (await call(base, server.token, 'annotator-add', { name: 'Анна', role: 'annotator' })).json()
    const anna = (op: string, input?: unknown) => call(base, added.result.link.token, op, input)
    const item = (await anna('work-next')).json().result.item
    const submit = { itemId: item.criteria[0].itemId, score: 2, rationale: 'верно' }

    const other = new Database(file)
    others.push(other)
    other.exec('BEGIN IMMEDIATE')
    const started = Date.now()
    const busy = await anna('annotation-submit', submit)
    expect(busy.status).toBe(503)
    expect(busy.headers['retry-after']).toBe('1')
    expect(busy.json().error).toMatchObject({ code: 'busy' })
    expect(busy.json().error.message).toContain(file)
    expect(Date.now() - started).toBeLessThan(3000)

    other.exec('COMMIT')
    const retried = await anna('annotation-submit', submit)
    expect(retried.status, retried.body).toBe(200)
  })
})
