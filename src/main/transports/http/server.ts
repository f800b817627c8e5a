import fs from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { Duplex } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { OWNER, type Caller } from '@shared/api/access'
import { CastorError, serializeError } from '@shared/api/errors'
import { dispatch } from '../../handlers/dispatch'
import type { HostContext } from '../../host/context'
import { createHost } from '../../host/createHost'
import { watchProjectData } from '../../host/dataWatch'
import { rendererDir } from '../../services/resources'
import { callerForToken, callerForTokenHash, tokenHash } from '../../services/workbench/identity'
import { authenticate, newToken, tokenMatches, type ResolveCredential, type ResolveToken } from './auth'
import { ConnectionLimiter, DEFAULT_LIMITS, closeAfterResponse, type ConnectionLimits } from './connectionLimits'
import { EventSocket } from './eventSocket'
import { createServerFiles, type ServerFiles } from './fileExchange'
import { sendError, sendJson, sendReply, setSecurityHeaders } from './responses'
import { Sessions, sessionCookie, sessionCookieName } from './sessions'
import { serveStatic } from './staticFiles'
import { DEFAULT_UPLOAD_LIMIT, TooLargeError, receiveUpload } from './uploads'

export interface ServeOptions {
  projectPath: string
  host?: string
  /** 0 picks a free port. */
  port?: number
  readOnly?: boolean
  /**
   * `castor serve --new`: `projectPath` does not exist yet; the owner's browser shows the start screen, which
   * creates it (empty, the demo, or an uploaded project). Annotators cannot sign in before it exists.
   */
  create?: boolean
  /** The built web app; defaults to out/renderer. */
  rendererDir?: string
  /** Largest JSON body of an API call, in bytes. */
  bodyLimit?: number
  /** Largest upload, in bytes. */
  uploadLimit?: number
  /** How long a request waits for another process's write lock before it is answered 503 `busy`. */
  busyTimeoutMs?: number
  /** Time limits and the per-client connection cap (small values in tests). */
  limits?: Partial<ConnectionLimits>
}

export interface RunningServer {
  /** Open this in a browser: it carries the owner token once, then the server swaps it for a cookie. */
  url: string
  /** The server's address without a token: annotators' sign-in links are this plus their link's path. */
  baseUrl: string
  token: string
  port: number
  context: HostContext
  close(): Promise<void>
}

const DEFAULT_BODY_LIMIT = 1024 * 1024

class BodyTooLargeError extends Error {}

async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  if (Number(request.headers['content-length']) > limit) throw new BodyTooLargeError()
  if (request.readableEnded) return {}
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new BodyTooLargeError()
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (!text) return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new CastorError('invalid-input', 'The request body is not valid JSON')
  }
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

function defaultRendererDir(): string | null {
  try {
    return rendererDir()
  } catch {
    return null
  }
}

/** Says what to do about the usual reasons a server cannot listen. */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as { code?: string }).code
  if (code === 'EADDRINUSE') return new CastorError('conflict', `Port ${port} on ${host} is in use; choose another with --port (0 picks a free one)`)
  if (code === 'EADDRNOTAVAIL') return new CastorError('invalid-input', `${host} is not an address of this machine; use --host with one of its addresses`)
  if (code === 'EACCES') return new CastorError('forbidden', `Not allowed to listen on port ${port}; ports below 1024 need privileges, choose another with --port`)
  return error
}

/**
 * `castor serve`: one project over HTTP for browsers. POST /api/<operation> runs the same handlers as the
 * desktop app; PUT /api/upload and GET /api/download/<id> stand in for file dialogs; /api/events is a
 * WebSocket of host events; everything else is the built web app. Every request needs the token.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  const uploadLimit = options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT
  const staticRoot = options.rendererDir ?? defaultRendererDir()
  const token = newToken()
  const limits: ConnectionLimits = { ...DEFAULT_LIMITS, ...options.limits }
  const sessions = new Sessions()

  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'castor-serve-'))
  const files = createServerFiles(tempRoot)
  const context = createHost({
    transport: 'web',
    canSwitchProjects: false,
    files,
    demoProjectPath: path.join(tempRoot, 'demo-unused.castor'),
    newProjectPath: options.create ? path.resolve(options.projectPath) : null,
  })
  try {
    if (options.create) {
      if (options.readOnly) throw new CastorError('invalid-input', 'A new project cannot be served read-only')
      if (fs.existsSync(options.projectPath)) throw new CastorError('conflict', `${options.projectPath} already exists; serve it with castor serve ${options.projectPath}`, { file: options.projectPath })
    } else {
      context.project.open(options.projectPath, { readOnly: options.readOnly, busyTimeoutMs: options.busyTimeoutMs })
    }
  } catch (error) {
    files.dispose()
    throw error
  }

  /**
   * The owner token (this run's, never stored) or an annotator's personal sign-in token (looked up by its SHA-256
   * in the project file on every request, so revoking it takes effect at once).
   */
  const resolveToken: ResolveToken = (candidate) => {
    if (tokenMatches(token, candidate)) return OWNER
    const db = context.project.current()?.db
    return db ? callerForToken(db, candidate) : null
  }
  /** A session stands for the owner, or for an annotator's link as long as that link is valid. */
  const resolveCredential: ResolveCredential = (credential) => {
    if (credential.kind === 'token') return resolveToken(credential.value)
    const subject = sessions.subjectOf(credential.value)
    if (!subject) return null
    if (subject.kind === 'owner') return OWNER
    const db = context.project.current()?.db
    return db ? callerForTokenHash(db, subject.tokenSha256) : null
  }
  let cookieName = ''

  const eventSocket = new EventSocket(context.events, resolveCredential)
  // Node checks header and request timeouts every connectionsCheckingInterval (30 s by default).
  const connectionsCheckingInterval = Math.min(30_000, Math.max(50, limits.headersTimeoutMs / 4))
  const server = http.createServer({ connectionsCheckingInterval }, (request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'ERR_STREAM_PREMATURE_CLOSE') return void response.destroy()
      const serialized = serializeError(error)
      // The message only, never the request: a URL could carry the token.
      if (serialized.code === 'internal') console.error('castor serve:', serialized.message)
      sendError(response, serialized.code, serialized.message)
    })
  })
  const limiter = new ConnectionLimiter(server, limits)
  server.on('upgrade', handleUpgrade)

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response)
    const url = new URL(request.url ?? '/', 'http://castor.invalid')
    const method = request.method ?? 'GET'
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/')

    if (method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      const offered = url.searchParams.get('token') ?? ''
      const caller = resolveToken(offered)
      if (!caller) return deny(request, response, isApi)
      // Swap the token in the address bar for a session of this server: the token leaves the history, is never sent
      // again, and the cookie (named after this port) reaches no other server's session.
      const secret = sessions.create(caller.role === 'owner' ? { kind: 'owner' } : { kind: 'link', tokenSha256: tokenHash(offered) })
      response.writeHead(303, { Location: '/', 'Set-Cookie': sessionCookie(port, secret), 'Cache-Control': 'no-store' })
      return void response.end()
    }

    const auth = authenticate(request, resolveCredential, { changesState: method !== 'GET' && method !== 'HEAD', sessionCookie: cookieName })
    if (auth.status === 'unauthorized') return deny(request, response, isApi)
    if (auth.status === 'cross-origin') return sendError(response, 'forbidden', 'Cross-origin requests are refused')
    const caller: Caller = auth.caller

    if (!isApi) {
      if (!staticRoot) return sendError(response, 'not-found', 'The web app is not built (run npm run build)')
      return serveStatic(request, response, staticRoot, url.pathname)
    }
    const route = url.pathname.slice('/api/'.length)
    if ((route === 'upload' || route.startsWith('download/')) && caller.role !== 'owner') {
      return sendError(response, 'forbidden', 'Only the project owner uploads and downloads files')
    }
    if (route === 'upload') {
      if (method !== 'PUT') return methodNotAllowed(response, 'PUT')
      return upload(request, response, url.searchParams.get('name'))
    }
    if (route.startsWith('download/')) {
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(response, 'GET, HEAD')
      return download(request, response, files, route.slice('download/'.length))
    }
    if (route === 'events') {
      response.setHeader('Upgrade', 'websocket')
      return sendError(response, 'invalid-input', 'Connect with a WebSocket', 426)
    }
    if (method !== 'POST') return methodNotAllowed(response, 'POST')
    let input: unknown
    const bodyDeadline = limiter.bodyDeadline(request, response)
    try {
      input = await readJsonBody(request, bodyLimit)
    } catch (error) {
      if (bodyDeadline.expired()) return
      if (error instanceof BodyTooLargeError) {
        response.setHeader('Connection', 'close')
        return sendError(response, 'invalid-input', `The request body is over ${bodyLimit} bytes`, 413)
      }
      throw error
    } finally {
      bodyDeadline.clear()
    }
    sendReply(response, await dispatch(context, decodeURIComponentSafe(route), input, caller))
  }

  async function upload(request: IncomingMessage, response: ServerResponse, name: string | null): Promise<void> {
    limiter.uploadIdleTimeout(request)
    try {
      const result = await receiveUpload(request, files, name, uploadLimit)
      sendJson(response, 200, { ok: true, result })
    } catch (error) {
      if (error instanceof TooLargeError) {
        response.setHeader('Connection', 'close')
        return sendError(response, 'invalid-input', error.message, 413)
      }
      if (error instanceof CastorError) return sendError(response, error.code, error.message)
      throw error
    }
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://castor.invalid')
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      socket.destroy()
    }
    if (url.pathname !== '/api/events') return refuse('404 Not Found')
    const auth = authenticate(request, resolveCredential, { changesState: true, sessionCookie: cookieName })
    if (auth.status === 'unauthorized') return refuse('401 Unauthorized')
    if (auth.status === 'cross-origin') return refuse('403 Forbidden')
    eventSocket.accept(request, socket, head, auth.credential)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  }).catch((error: unknown) => {
    eventSocket.close()
    context.project.close()
    files.dispose()
    throw listenError(error, host, options.port ?? 0)
  })
  const port = (server.address() as AddressInfo).port
  cookieName = sessionCookieName(port)
  const stopWatching = watchProjectData(context.project, context.events)

  let closing: Promise<void> | null = null
  return {
    url: `http://${urlHost(host)}:${port}/?token=${token}`,
    baseUrl: `http://${urlHost(host)}:${port}`,
    token,
    port,
    context,
    close: () =>
      (closing ??= (async () => {
        stopWatching()
        eventSocket.close()
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeAllConnections()
        for (const job of context.jobs.list()) if (job.status === 'running') context.jobs.cancel(job.id)
        await Promise.all(context.jobs.list().map((job) => context.jobs.settled(job.id)))
        await stopped
        context.project.close()
        files.dispose()
      })()),
  }
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** 401, and the connection is closed: a client without a credential gets no more of the server's time. */
function deny(request: IncomingMessage, response: ServerResponse, isApi: boolean): void {
  closeAfterResponse(request, response)
  if (isApi) return sendError(response, 'unauthorized', 'A valid token is required')
  const text = 'Castor: open the link that `castor serve` printed (it carries the access token).\n'
  response.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(text)
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  response.setHeader('Allow', allow)
  sendError(response, 'unsupported', `Use ${allow}`, 405)
}

async function download(request: IncomingMessage, response: ServerResponse, files: ServerFiles, id: string): Promise<void> {
  const file = files.downloadPath(id)
  if (!file || !fs.existsSync(file)) return sendError(response, 'not-found', 'No such download')
  response.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': fs.statSync(file).size,
    'Content-Disposition': contentDisposition(path.basename(file)),
    'Cache-Control': 'no-store',
  })
  if (request.method === 'HEAD') return void response.end()
  await pipeline(fs.createReadStream(file), response)
}
