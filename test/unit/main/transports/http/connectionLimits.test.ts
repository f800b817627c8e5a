import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectionLimits } from '../../../../../src/main/transports/http/connectionLimits'
import { startServer, type RunningServer } from '../../../../../src/main/transports/http/server'
import { makeWorkbenchProject } from '../../services/workbench/workbenchKit'

const running: RunningServer[] = []
const open: net.Socket[] = []

afterEach(async () => {
  for (const socket of open.splice(0)) socket.destroy()
  for (const server of running.splice(0)) await server.close()
})

async function serve(limits: Partial<ConnectionLimits>) {
  const { db, file } = makeWorkbenchProject({ answers: 1 })
  db.close()
  const server = await startServer({ projectPath: file, rendererDir: '/nonexistent', limits })
  running.push(server)
  return server
}

/** A raw TCP client: what it received, and when the server closed it (null while open). */
function rawClient(port: number): Promise<{ socket: net.Socket; received: () => string; closedAt: () => number | null }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    open.push(socket)
    let data = ''
    let closedAt: number | null = null
    socket.on('data', (chunk) => (data += chunk.toString('latin1')))
    socket.on('error', () => undefined)
    socket.on('close', () => (closedAt = Date.now()))
    socket.once('connect', () => resolve({ socket, received: () => data, closedAt: () => closedAt }))
    socket.once('error', reject)
  })
}

async function until(probe: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!probe()) {
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return true
}

describe('castor serve connection limits', () => {
  it('closes an unauthenticated POST that drips its body right after the 401', async () => {
    const server = await serve({})
    const client = await rawClient(server.port)
    client.socket.write('POST /api/project-info HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{')
    const drip = setInterval(() => client.socket.writable && client.socket.write(' '), 100)
    try {
      expect(await until(() => client.received().includes('\r\n\r\n'), 3000)).toBe(true)
      expect(client.received()).toMatch(/^HTTP\/1\.1 401 /)
      expect(client.received().toLowerCase()).toContain('connection: close')
      const answeredAt = Date.now()
      expect(await until(() => client.closedAt() !== null, 2000)).toBe(true)
      expect(client.closedAt()! - answeredAt).toBeLessThan(1500)
    } finally {
      clearInterval(drip)
    }
  })

  it('answers 408 and hangs up on an authenticated API body that does not arrive in time', async () => {
    const server = await serve({ bodyTimeoutMs: 300 })
    const client = await rawClient(server.port)
    client.socket.write(
      `POST /api/project-info HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${server.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
    )
    const drip = setInterval(() => client.socket.writable && client.socket.write(' '), 100)
    try {
      expect(await until(() => client.closedAt() !== null, 3000)).toBe(true)
      expect(client.received()).toMatch(/^HTTP\/1\.1 408 /)
    } finally {
      clearInterval(drip)
    }
  })

  it('refuses connection N+1 from one client with 503, and admits it again once one closes', async () => {
    const limit = 3
    const server = await serve({ maxConnectionsPerClient: limit })
    const clients: Awaited<ReturnType<typeof rawClient>>[] = []
    for (let i = 0; i < limit; i++) clients.push(await rawClient(server.port))
    const extra = await rawClient(server.port)
    expect(await until(() => extra.closedAt() !== null, 2000)).toBe(true)
    expect(extra.received()).toMatch(/^HTTP\/1\.1 503 /)
    for (const client of clients) expect(client.closedAt()).toBeNull()

    clients[0].socket.destroy()
    await until(() => clients[0].closedAt() !== null, 1000)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const again = await rawClient(server.port)
    again.socket.write(`POST /api/project-info HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${server.token}\r\nContent-Length: 0\r\n\r\n`)
    expect(await until(() => again.received().includes('\r\n\r\n'), 3000)).toBe(true)
    expect(again.received()).toMatch(/^HTTP\/1\.1 200 /)
  })
})
