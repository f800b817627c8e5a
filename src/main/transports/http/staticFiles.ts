import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { sendError } from './responses'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** The file under `root` a URL path names, or null when it would leave `root` or is malformed. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const resolvedRoot = path.resolve(root)
  const file = path.resolve(resolvedRoot, '.' + path.posix.normalize('/' + decoded))
  return file === resolvedRoot || file.startsWith(resolvedRoot + path.sep) ? file : null
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

/**
 * Serves the built renderer. A path without an extension that names no file is a client-side route and gets
 * index.html; a missing asset is a 404.
 */
export async function serveStatic(request: IncomingMessage, response: ServerResponse, root: string, urlPath: string): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD')
    return sendError(response, 'unsupported', `${request.method} is not allowed here`, 405)
  }
  let file = resolveStaticPath(root, urlPath)
  if (!file) return sendError(response, 'not-found', 'Not found')
  if (!isFile(file)) {
    const isDirectory = fs.existsSync(file) && fs.statSync(file).isDirectory()
    if (isDirectory && isFile(path.join(file, 'index.html'))) file = path.join(file, 'index.html')
    else if (path.extname(file) === '') file = path.join(root, 'index.html')
    else return sendError(response, 'not-found', 'Not found')
    if (!isFile(file)) return sendError(response, 'not-found', 'The web app is not built (run npm run build)')
  }
  const size = fs.statSync(file).size
  response.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': size,
    // Vite fingerprints assets; index.html must always be fresh so a rebuilt app is picked up.
    'Cache-Control': file.endsWith('.html') ? 'no-cache' : 'private, max-age=3600',
  })
  if (request.method === 'HEAD') return void response.end()
  await pipeline(fs.createReadStream(file), response)
}
