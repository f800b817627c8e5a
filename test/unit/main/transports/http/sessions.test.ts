import type WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../../../../src/main/transports/http/server'
import { makeWorkbenchProject } from '../../services/workbench/workbenchKit'
import { call, connect, request } from './httpClient'

const running: RunningServer[] = []
const sockets: WebSocket[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate()
  for (const server of running.splice(0)) await server.close()
})

async function serve() {
  const { db, file } = makeWorkbenchProject({ answers: 2 })
  db.close()
  const server = await startServer({ projectPath: file, rendererDir: '/nonexistent' })
  running.push(server)
  return { server, file, base: `http://127.0.0.1:${server.port}` }
}

/** Follows a sign-in link as a browser would; answers the `name=value` of the cookie it set. */
async function signIn(base: string, token: string): Promise<string> {
  const reply = await request(`${base}/?token=${encodeURIComponent(token)}`)
  expect(reply.status).toBe(303)
  return (reply.headers['set-cookie']?.[0] ?? '').split(';')[0]
}

/** A browser call: every cookie of the host goes along (cookies are not port-scoped), from a page of `base`. */
const browserCall = (base: string, cookies: string[], name: string, input: unknown = {}) =>
  request(`${base}/api/${name}`, { method: 'POST', headers: { Cookie: cookies.join('; '), Origin: base, 'Content-Type': 'application/json' }, body: JSON.stringify(input) })

async function addAnnotator(base: string, ownerToken: string, name: string) {
  const reply = (await call(base, ownerToken, 'annotator-add', { name, role: 'annotator' })).json()
  return { id: reply.result.annotator.id as number, token: reply.result.link.token as string }
}

describe('castor serve sessions', () => {
  it('keeps two servers on two ports apart: a browser signed in to both stays signed in to each as itself', async () => {
    const a = await serve()
    const b = await serve()
    const cookieA = await signIn(a.base, a.server.token)
    const cookieB = await signIn(b.base, b.server.token)
    expect(cookieA.split('=')[0]).toBe(`castor_session_${a.server.port}`)
    expect(cookieB.split('=')[0]).toBe(`castor_session_${b.server.port}`)
    const jar = [cookieA, cookieB]
    for (const { base, file } of [a, b]) {
      const info = await browserCall(base, jar, 'project-info')
      expect(info.status, info.body).toBe(200)
      expect(info.json().result.path).toBe(file)
    }
    // Neither secret opens the other server, under either name, and no owner token was sent with any of these calls.
    const secretA = cookieA.split('=')[1]
    expect((await browserCall(b.base, [`castor_session_${b.server.port}=${secretA}`], 'project-info')).status).toBe(401)
    expect((await browserCall(b.base, [cookieA], 'project-info')).status).toBe(401)
    expect(jar.join(';')).not.toContain(a.server.token)
    expect(jar.join(';')).not.toContain(b.server.token)
  })

  it("ends an annotator's session when their link is revoked or replaced, on the API and the socket", async () => {
    const { server, base } = await serve()
    const anna = await addAnnotator(base, server.token, 'Анна')
    const cookie = await signIn(base, anna.token)
    expect(cookie).not.toContain(anna.token)
    expect((await browserCall(base, [cookie], 'me-get')).json().result).toMatchObject({ role: 'annotator', name: 'Анна' })
    await call(base, server.token, 'annotator-revoke', { id: anna.id })
    expect((await browserCall(base, [cookie], 'me-get')).status).toBe(401)
    expect(await connect(`ws://127.0.0.1:${server.port}/api/events`, { Cookie: cookie, Origin: base })).toEqual({ refused: 401 })

    const link = (await call(base, server.token, 'annotator-link', { id: anna.id })).json().result
    const second = await signIn(base, link.token)
    expect((await browserCall(base, [second], 'me-get')).status).toBe(200)
    await call(base, server.token, 'annotator-link', { id: anna.id })
    expect((await browserCall(base, [second], 'me-get')).status).toBe(401)
  })

  it("tells annotators the project's name, never its file path, in project-info, app-state and project-changed", async () => {
    const { server, base, file } = await serve()
    const anna = await addAnnotator(base, server.token, 'Анна')
    const cookie = await signIn(base, anna.token)
    const opened = await connect(`ws://127.0.0.1:${server.port}/api/events`, { Cookie: cookie, Origin: base })
    if (!('socket' in opened)) throw new Error(`socket refused: ${opened.refused}`)
    sockets.push(opened.socket)
    const events: string[] = []
    opened.socket.on('message', (data) => events.push(String(data)))

    const received = [(await browserCall(base, [cookie], 'project-info')).body, (await browserCall(base, [cookie], 'app-state')).body]
    server.context.project.changed()
    await new Promise<void>((resolve) => {
      opened.socket.once('pong', () => resolve())
      opened.socket.ping()
    })
    expect(events.some((event) => event.includes('project-changed'))).toBe(true)
    received.push(...events)
    const dir = file.slice(0, file.lastIndexOf('/'))
    for (const body of received) {
      expect(body).not.toContain(dir)
      expect(body).not.toContain('wb.castor')
    }
    expect(JSON.parse(received[0]).result).toMatchObject({ name: 'wb', path: 'wb' })
    // The owner still sees where the file is.
    expect((await call(base, server.token, 'project-info')).json().result.path).toBe(file)
  })
})
