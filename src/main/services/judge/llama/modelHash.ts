import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * A model's identity is the SHA-256 of its GGUF file. Hashing a multi-GB file takes seconds, so the result is
 * cached per (absolute path, size, mtime), in memory and in a small JSON file (CASTOR_CACHE_DIR, else
 * ~/.cache/castor/model-hashes.json) so that the next process (a resumed CLI run) does not read the file again.
 * A file that is replaced or touched is hashed again. The disk cache is best effort: any failure just rehashes.
 */
const memory = new Map<string, string>()
const inFlight = new Map<string, Promise<string>>()

function cacheFile(): string {
  return path.join(process.env.CASTOR_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'castor'), 'model-hashes.json')
}

function readDiskCache(): Record<string, string> {
  try {
    const parsed = JSON.parse(fs.readFileSync(cacheFile(), 'utf8')) as unknown
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
  } catch {
    return {}
  }
}

function writeDiskCache(key: string, digest: string): void {
  try {
    const entries = { ...readDiskCache(), [key]: digest }
    const file = cacheFile()
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const partial = `${file}.${process.pid}.tmp`
    fs.writeFileSync(partial, JSON.stringify(Object.fromEntries(Object.entries(entries).slice(-200))))
    fs.renameSync(partial, file)
  } catch {
    // Best effort.
  }
}

/** `onBytes(done, total)` follows the bytes read when the file is actually hashed (not on a cache hit). */
export async function modelFileHash(file: string, onBytes?: (done: number, total: number) => void): Promise<string> {
  const absolute = path.resolve(file)
  const stat = await fs.promises.stat(absolute)
  const key = `${absolute}|${stat.size}|${stat.mtimeMs}`
  const known = memory.get(key) ?? readDiskCache()[key]
  if (known && /^[0-9a-f]{64}$/.test(known)) {
    memory.set(key, known)
    return known
  }
  let running = inFlight.get(key)
  if (!running) {
    running = new Promise<string>((resolve, reject) => {
      const hash = crypto.createHash('sha256')
      let done = 0
      fs.createReadStream(absolute, { highWaterMark: 4 << 20 })
        .on('data', (chunk) => {
          hash.update(chunk)
          done += chunk.length
          onBytes?.(done, stat.size)
        })
        .on('error', reject)
        .on('end', () => resolve(hash.digest('hex')))
    }).finally(() => inFlight.delete(key))
    inFlight.set(key, running)
  }
  const digest = await running
  memory.set(key, digest)
  writeDiskCache(key, digest)
  return digest
}
