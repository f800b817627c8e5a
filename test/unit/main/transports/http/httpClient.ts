import http from 'node:http'
import WebSocket from 'ws'

export interface HttpResult {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  json<T = any>(): T
}

/** A plain node:http request, so tests control every header (Origin, Cookie, Host) and see redirects as they are. */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    // The path goes out exactly as written (no URL normalisation of `..`), as a hostile client would send it.
    const { hostname, port, origin } = new URL(url)
    const target = { hostname, port, path: url.slice(origin.length) || '/', method: options.method ?? 'GET', headers: options.headers }
    const req = http.request(target, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Calls POST /api/<name> with the bearer token. */
export function call(base: string, token: string, name: string, input?: unknown): Promise<HttpResult> {
  return request(`${base}/api/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: input === undefined ? undefined : JSON.stringify(input),
  })
}

/** Opens a WebSocket and resolves with it once open, or with the HTTP status that refused the upgrade. */
export function connect(url: string, headers: Record<string, string> = {}): Promise<{ socket: WebSocket } | { refused: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers })
    socket.once('open', () => resolve({ socket }))
    socket.once('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }))
    socket.once('error', (error) => {
      const match = /Unexpected server response: (\d+)/.exec(error.message)
      if (match) resolve({ refused: Number(match[1]) })
      else reject(error)
    })
  })
}
