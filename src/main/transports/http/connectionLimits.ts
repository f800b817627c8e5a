import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

/** How long a client may take, and how many connections it may hold, before `castor serve` hangs up. */
export interface ConnectionLimits {
  /** Time to send the request line and headers. */
  headersTimeoutMs: number
  /** Time to send the body of an API call (JSON, at most a megabyte). */
  bodyTimeoutMs: number
  /** An upload may take hours, but not stall: it is dropped after this long without data. */
  uploadIdleTimeoutMs: number
  /** Open connections per client address; the next one is answered 503 and closed. */
  maxConnectionsPerClient: number
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 20_000,
  bodyTimeoutMs: 30_000,
  uploadIdleTimeoutMs: 120_000,
  maxConnectionsPerClient: 64,
}

const BUSY_RESPONSE = 'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n'

/** Applies `limits` to a server: Node's header timeout, the per-client cap, and the body deadlines the routes ask for. */
export class ConnectionLimiter {
  private readonly open = new Map<string, number>()

  constructor(
    server: Server,
    private readonly limits: ConnectionLimits,
  ) {
    server.headersTimeout = limits.headersTimeoutMs
    // Uploads of many gigabytes take longer than any fixed request timeout; bodies are bounded per route instead.
    server.requestTimeout = 0
    server.on('connection', (socket: Socket) => this.admit(socket))
  }

  private admit(socket: Socket): void {
    const client = socket.remoteAddress ?? ''
    const count = this.open.get(client) ?? 0
    if (count >= this.limits.maxConnectionsPerClient) {
      socket.end(BUSY_RESPONSE)
      socket.destroySoon()
      return
    }
    this.open.set(client, count + 1)
    socket.once('close', () => {
      const left = (this.open.get(client) ?? 1) - 1
      if (left > 0) this.open.set(client, left)
      else this.open.delete(client)
    })
  }

  /** Ends a request whose JSON body has not arrived in time (408, connection closed). */
  bodyDeadline(request: IncomingMessage, response: ServerResponse): { expired(): boolean; clear(): void } {
    let expired = false
    const timer = setTimeout(() => {
      expired = true
      closeAfterResponse(request, response)
      if (!response.headersSent) {
        response.writeHead(408, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': 0 })
        response.end()
      }
      request.destroy()
    }, this.limits.bodyTimeoutMs)
    timer.unref()
    return { expired: () => expired, clear: () => clearTimeout(timer) }
  }

  uploadIdleTimeout(request: IncomingMessage): void {
    request.socket.setTimeout(this.limits.uploadIdleTimeoutMs, () => request.socket.destroy())
  }
}

/**
 * Says `Connection: close` and hangs up once the response is out, without reading the rest of the request: Node
 * would otherwise read (and discard) a body the client drips for as long as it likes, to keep the connection alive.
 */
export function closeAfterResponse(request: IncomingMessage, response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close')
  response.once('finish', () => request.socket.destroySoon())
}
