import fs from 'node:fs'
import path from 'node:path'
import type WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { openProject } from '../../../../../src/main/services/db'
import { startServer, type RunningServer } from '../../../../../src/main/transports/http/server'
import { tempDir } from '../../../../helpers/tempDir'
import { call, connect, request } from './httpClient'
import { polluxFile } from '../../../../helpers/pollux'

const running: RunningServer[] = []
const sockets: WebSocket[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate()
  for (const server of running.splice(0)) await server.close()
})

function makeProject(dir: string): string {
  const file = path.join(dir, 'served.castor')
  const db = openProject(file, { create: true })
  db.exec(`
    INSERT INTO instructions (id, external_id, text) VALUES (1, 'i-1', 'Объясни, что такое фотосинтез'), (2, 'i-2', 'Напиши хокку о зиме');
    INSERT INTO responses (id, instruction_id, model, text) VALUES (1, 1, 'model-a', 'Фотосинтез — это…');
    INSERT INTO criteria (id, external_id, name) VALUES (1, 'literacy', 'Грамотность');
    INSERT INTO criterion_levels (criterion_id, score, text) VALUES (1, 0, 'много ошибок'), (1, 1, 'есть ошибки'), (1, 2, 'без ошибок');
    INSERT INTO items (id, response_id, criterion_id) VALUES (1, 1, 1);
  `)
  db.close()
  return file
}

function makeRenderer(dir: string): string {
  const root = path.join(dir, 'renderer')
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Castor</title><div id="root"></div>')
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("castor")')
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer')
  return root
}

/** Starts a server whose temp folder lies under `dir`/tmp, so a test can see what it stores. */
async function serve(options: { readOnly?: boolean; bodyLimit?: number; uploadLimit?: number } = {}) {
  const dir = tempDir()
  const server = await withTmpDir(path.join(dir, 'tmp'), () =>
    startServer({ projectPath: makeProject(dir), rendererDir: makeRenderer(dir), ...options }),
  )
  running.push(server)
  const base = `http://127.0.0.1:${server.port}`
  const auth = { Authorization: `Bearer ${server.token}` }
  return { server, base, auth, dir }
}

async function withTmpDir<T>(dir: string, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(dir, { recursive: true })
  const saved = process.env.TMPDIR
  process.env.TMPDIR = dir // os.tmpdir() reads it on every call
  try {
    return await work()
  } finally {
    if (saved === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = saved
  }
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
}

function collect(socket: WebSocket): { event: string; payload: any }[] {
  const received: { event: string; payload: any }[] = []
  socket.on('message', (data) => received.push(JSON.parse(String(data))))
  return received
}

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('startServer', () => {
  it('prints a loopback URL that carries a token of at least 128 bits', async () => {
    const { server } = await serve()
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
    expect(Buffer.from(server.token, 'base64url').length).toBeGreaterThanOrEqual(16)
    const other = await serve()
    expect(other.server.token).not.toBe(server.token)
  })

  it('answers 401 to every request without a valid token, static files included', async () => {
    const { base, server, dir } = await serve()
    const wrong = { Authorization: `Bearer ${server.token.slice(0, -2)}xx` }
    const refusedHeaders: Record<string, string>[] = [
      {},
      wrong,
      { Cookie: `castor_session_${server.port}=nope` },
      // The token itself is no session: only the sign-in at /?token= turns it into one.
      { Cookie: `castor_session_${server.port}=${server.token}` },
      { Cookie: `castor_token=${server.token}` },
    ]
    for (const headers of refusedHeaders) {
      expect((await request(`${base}/api/project-info`, { method: 'POST', headers, body: '{}' })).status).toBe(401)
      expect((await request(`${base}/`, { headers })).status).toBe(401)
      expect((await request(`${base}/index.html`, { headers })).status).toBe(401)
      expect((await request(`${base}/assets/app.js`, { headers })).status).toBe(401)
      expect((await request(`${base}/api/upload?name=a.jsonl`, { method: 'PUT', headers, body: 'x' })).status).toBe(401)
      expect(await connect(`ws://127.0.0.1:${server.port}/api/events`, headers)).toEqual({ refused: 401 })
    }
    const reply = await request(`${base}/api/project-info`, { method: 'POST', body: '{}' })
    expect(reply.json()).toEqual({ ok: false, error: { code: 'unauthorized', message: expect.any(String) } })
    expect((await request(`${base}/?token=${server.token}x`)).status).toBe(401)
    // The refused uploads stored nothing.
    expect(filesUnder(path.join(dir, 'tmp'))).toEqual([])
  })

  it('swaps ?token= for an HttpOnly SameSite session cookie named after the port, whose value is not the token', async () => {
    const { base, server } = await serve()
    const first = await request(`${base}/?token=${encodeURIComponent(server.token)}`)
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    const cookie = first.headers['set-cookie']?.[0] ?? ''
    const match = new RegExp(`^castor_session_${server.port}=([A-Za-z0-9_-]{43}); HttpOnly; SameSite=Strict; Path=/$`).exec(cookie)
    expect(match, cookie).not.toBeNull()
    expect(match![1]).not.toBe(server.token)
    expect(cookie).not.toContain(server.token)

    const page = await request(`${base}/`, { headers: { Cookie: cookie.split(';')[0] } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Castor</title>')
    // The token only works on GET of /: anywhere else it does not open the door.
    expect((await request(`${base}/assets/app.js?token=${server.token}`)).status).toBe(401)
  })

  it('refuses cookie-borne API calls, uploads and sockets from another origin', async () => {
    const { base, server } = await serve()
    const cookie = ((await request(`${base}/?token=${server.token}`)).headers['set-cookie']?.[0] ?? '').split(';')[0]
    const own = `http://127.0.0.1:${server.port}`
    const post = (headers: Record<string, string>) => request(`${base}/api/project-info`, { method: 'POST', headers: { Cookie: cookie, ...headers }, body: '{}' })
    expect((await post({})).status).toBe(403)
    expect((await post({ Origin: 'http://evil.example' })).status).toBe(403)
    expect((await post({ Origin: `http://localhost:${server.port}` })).status).toBe(403)
    const ok = await post({ Origin: own })
    expect(ok.status).toBe(200)
    expect(ok.json().result.name).toBe('served')

    const upload = await request(`${base}/api/upload?name=a.jsonl`, { method: 'PUT', headers: { Cookie: cookie, Origin: 'http://evil.example' }, body: '{}' })
    expect(upload.status).toBe(403)
    const ws = `ws://127.0.0.1:${server.port}/api/events`
    expect(await connect(ws, { Cookie: cookie, Origin: 'http://evil.example' })).toEqual({ refused: 403 })
    const accepted = await connect(ws, { Cookie: cookie, Origin: own })
    expect('socket' in accepted).toBe(true)
    if ('socket' in accepted) sockets.push(accepted.socket)
  })

  it('runs project-info and instructions-list through HTTP', async () => {
    const { base, server } = await serve()
    const info = await call(base, server.token, 'project-info')
    expect(info.status).toBe(200)
    expect(info.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(info.json()).toMatchObject({ ok: true, result: { name: 'served', readOnly: false, counts: { instructions: 2, responses: 1, items: 1 } } })

    const list = await call(base, server.token, 'instructions-list', { limit: 1 })
    expect(list.status).toBe(200)
    const { result } = list.json()
    expect(result.total).toBe(2)
    expect(result.rows).toEqual([expect.objectContaining({ externalId: 'i-1', preview: 'Объясни, что такое фотосинтез', responses: 1, items: 1 })])

    const state = await call(base, server.token, 'app-state', {})
    expect(state.json().result).toMatchObject({ transport: 'web', canSwitchProjects: false, recent: [] })
  })

  it('maps error codes to HTTP statuses: invalid input 400, unknown operation 404, project-open 403', async () => {
    const { base, server } = await serve()
    const invalid = await call(base, server.token, 'instructions-list', { limit: 0 })
    expect(invalid.status).toBe(400)
    expect(invalid.json()).toMatchObject({ ok: false, error: { code: 'invalid-input', location: { field: 'limit' } } })

    const badJson = await request(`${base}/api/project-info`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}` }, body: '{nope' })
    expect(badJson.status).toBe(400)
    expect(badJson.json().error.code).toBe('invalid-input')

    const unknown = await call(base, server.token, 'project-delete', {})
    expect(unknown.status).toBe(404)
    expect(unknown.json().error.code).toBe('not-found')

    const open = await call(base, server.token, 'project-open', { path: '/etc/passwd' })
    expect(open.status).toBe(403)
    expect(open.json().error.code).toBe('forbidden')
    const importByPath = await call(base, server.token, 'import-start', { source: { path: '/etc/passwd' } })
    expect(importByPath.status).toBe(403)
    expect((await call(base, server.token, 'dialog-open-file', { purpose: 'import' })).status).toBe(501)

    const get = await request(`${base}/api/project-info`, { headers: { Authorization: `Bearer ${server.token}` } })
    expect(get.status).toBe(405)
  })

  it('refuses an API body over the limit with 413', async () => {
    const { base, server } = await serve({ bodyLimit: 1024 })
    const reply = await call(base, server.token, 'instructions-list', { search: 'x'.repeat(2000) })
    expect(reply.status).toBe(413)
    expect(reply.json().error.code).toBe('invalid-input')
  })

  it('answers read-only errors with 409 when served read-only', async () => {
    const { base, server } = await serve({ readOnly: true })
    expect((await call(base, server.token, 'project-info')).json().result.readOnly).toBe(true)
    const upload = (await request(`${base}/api/upload?name=x.jsonl`, { method: 'PUT', headers: { Authorization: `Bearer ${server.token}` }, body: '{}\n' })).json()
    const reply = await call(base, server.token, 'import-start', { source: { uploadId: upload.result.uploadId } })
    expect(reply.status).toBe(409)
    expect(reply.json().error.code).toBe('read-only')
  })

  it('streams an upload to a temp file under its sanitised name and refuses one over the limit', async () => {
    const { base, server, auth } = await serve({ uploadLimit: 64 * 1024 })
    const body = Buffer.alloc(40 * 1024, 'a')
    const reply = await request(`${base}/api/upload?name=${encodeURIComponent('../../Данные оценок.jsonl')}`, { method: 'PUT', headers: auth, body })
    expect(reply.status).toBe(200)
    const { uploadId, size } = reply.json().result
    expect(uploadId).toMatch(/^[a-f0-9]{32}$/)
    expect(size).toBe(body.length)
    const stored = server.context.files!.uploadedPath(uploadId)
    expect(path.basename(stored)).toBe('Данные оценок.jsonl')
    expect(fs.readFileSync(stored).equals(body)).toBe(true)

    const tooBig = await request(`${base}/api/upload?name=big.csv`, { method: 'PUT', headers: auth, body: Buffer.alloc(65 * 1024) })
    expect(tooBig.status).toBe(413)
    const unnamed = await request(`${base}/api/upload`, { method: 'PUT', headers: auth, body: 'x' })
    expect(unnamed.status).toBe(400)
    expect(() => server.context.files!.uploadedPath('0'.repeat(32))).toThrow(/No upload/)

    await server.close()
    expect(fs.existsSync(stored)).toBe(false)
  })

  it('imports an uploaded file as a job and pushes its events over the WebSocket', async () => {
    const { base, server, auth } = await serve()
    const opened = await connect(`ws://127.0.0.1:${server.port}/api/events`, auth)
    if (!('socket' in opened)) throw new Error(`WebSocket refused: ${opened.refused}`)
    sockets.push(opened.socket)
    const received = collect(opened.socket)

    const criteria = fs.readFileSync(polluxFile('criteria.json'))
    const upload = await request(`${base}/api/upload?name=criteria.json`, { method: 'PUT', headers: auth, body: criteria })
    const { uploadId } = upload.json().result
    const start = await call(base, server.token, 'import-start', { source: { uploadId }, format: 'pollux-criteria' })
    expect(start.status).toBe(200)
    const { jobId } = start.json().result

    const final = await until(
      () => received.find((m) => m.event === 'job-progress' && m.payload.id === jobId && m.payload.status !== 'running'),
      'the job to end',
    )
    expect(received[0]).toMatchObject({ event: 'job-progress', payload: { id: jobId, kind: 'import', label: 'criteria.json', status: 'running' } })
    const listed = (await call(base, server.token, 'job-list')).json().result
    expect(listed).toEqual([expect.objectContaining({ id: jobId, status: final.payload.status })])
    expect(final.payload).toMatchObject({ status: 'done', error: null, result: { format: 'pollux-criteria' } })
    const changed = await until(() => received.find((m) => m.event === 'project-changed'), 'project-changed')
    expect(changed.payload.counts.criteria).toBeGreaterThan(100)
    expect((await call(base, server.token, 'project-info')).json().result.counts).toEqual(changed.payload.counts)
  })

  it('reports a failed import of an upload as a job error with its code, over the WebSocket', async () => {
    const { base, server, auth } = await serve()
    const opened = await connect(`ws://127.0.0.1:${server.port}/api/events`, auth)
    if (!('socket' in opened)) throw new Error(`WebSocket refused: ${opened.refused}`)
    sockets.push(opened.socket)
    const received = collect(opened.socket)
    const upload = await request(`${base}/api/upload?name=broken.jsonl`, { method: 'PUT', headers: auth, body: '{"instruction": \n' })
    const { uploadId } = upload.json().result
    const { jobId } = (await call(base, server.token, 'import-start', { source: { uploadId }, format: 'generic-jsonl' })).json().result
    const final = await until(
      () => received.find((m) => m.event === 'job-progress' && m.payload.id === jobId && m.payload.status !== 'running'),
      'the job to end',
    )
    expect(final.payload).toMatchObject({ status: 'failed', error: { code: 'invalid-input', message: expect.stringContaining('broken.jsonl') } })
    expect((await call(base, server.token, 'project-info')).json().result.counts.instructions).toBe(2)
  })

  it('serves the built web app with strict headers and falls back to index.html for app routes', async () => {
    const { base, auth } = await serve()
    const script = await request(`${base}/assets/app.js`, { headers: auth })
    expect(script.status).toBe(200)
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(script.headers['x-content-type-options']).toBe('nosniff')
    expect(script.headers['referrer-policy']).toBe('no-referrer')
    expect(script.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    )
    const route = await request(`${base}/instructions/12`, { headers: auth })
    expect(route.status).toBe(200)
    expect(route.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(route.body).toContain('<div id="root">')
    expect((await request(`${base}/assets/missing.js`, { headers: auth })).status).toBe(404)
    for (const sneaky of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const reply = await request(`${base}${sneaky}`, { headers: auth })
      expect(reply.body).not.toContain('outside the renderer')
    }
  })

  it('serves a registered download as an attachment, and nothing else', async () => {
    const { base, server, auth } = await serve()
    const download = server.context.files!.newDownload('проект.csv')
    fs.writeFileSync(download.path, 'a,b\n1,2\n')
    const reply = await request(`${base}${download.url}`, { headers: auth })
    expect(reply.status).toBe(200)
    expect(reply.body).toBe('a,b\n1,2\n')
    expect(reply.headers['content-disposition']).toBe(`attachment; filename="______.csv"; filename*=UTF-8''${encodeURIComponent('проект.csv')}`)
    expect((await request(`${base}/api/download/${'0'.repeat(32)}`, { headers: auth })).status).toBe(404)
    expect((await request(`${base}${download.url}`)).status).toBe(401)
  })

  it('refuses to start on a file that is not a project, and leaves no temp folder behind', async () => {
    const dir = tempDir()
    const tmp = path.join(dir, 'tmp')
    await expect(withTmpDir(tmp, () => startServer({ projectPath: path.join(dir, 'missing.castor') }))).rejects.toMatchObject({ code: 'not-found' })
    expect(fs.readdirSync(tmp)).toEqual([])
  })
})
