import fs from 'node:fs'
import { Worker } from 'node:worker_threads'
import { deserializeError, type SerializedError } from '@shared/api/errors'
import type { InputFile } from './importErrors'
import type { ImportProgress } from './progress'
import type { ScoreRow } from './rows'
import { asRecord } from './fields'
import { normaliseGenericRecord } from './formats/generic'
import { ScoreRowDecoder } from './scoreRowBatch'
import { parseJsonlBlock } from './sources/jsonl'

/**
 * The main-thread side of a generic JSONL import in two threads: the worker (jsonlWorker.ts) reads and
 * normalises, this thread writes, so parsing overlaps SQLite work. Rows arrive in file order; a worker error
 * arrives after the rows before it, so errors surface in file order exactly as in the in-thread path.
 */

export interface WorkerStart {
  file: string
  input: InputFile
  /** [0]: messages this thread has handled, so the worker knows how far ahead it is without acknowledgements. */
  handled: Int32Array
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'rows'; values: unknown[]; bytesDone: number }
  /** A block of whole lines (checked UTF-8) for this thread to parse itself, first line `firstLine`. */
  | { type: 'block'; bytes: Uint8Array; firstLine: number; bytesDone: number }
  | { type: 'error'; error: SerializedError }
  | { type: 'done' }

/** Smaller files are parsed in this thread: starting a worker (30–50 ms) costs more than the overlap saves. */
const WORKER_MIN_BYTES = 8 << 20

/** `parallel`: true always tries the worker, false never; unset: files from CASTOR_IMPORT_WORKER_MIN_BYTES (default 8 MiB) up. */
export function wantsWorker(size: number, parallel: boolean | undefined): boolean {
  if (parallel !== undefined) return parallel
  const fromEnv = process.env.CASTOR_IMPORT_WORKER_MIN_BYTES
  const min = fromEnv !== undefined && fromEnv.trim() !== '' && Number.isFinite(Number(fromEnv)) ? Number(fromEnv) : WORKER_MIN_BYTES
  return size >= min
}

/**
 * Parses `file` in a worker and calls `onRow` here for each row, in order. Resolves false, having called
 * nothing, when no worker can run here (a runtime that cannot load the worker script): parse in-thread then.
 */
export function readGenericJsonlInWorker(file: string, input: InputFile, progress: ImportProgress, onRow: (row: ScoreRow, line: number) => void): Promise<boolean> {
  const unavailable = (why: string) => {
    process.emitWarning(`Parsing ${input.name} in the main thread: the import worker cannot start here (${why})`, { code: 'CASTOR_IMPORT_NO_WORKER' })
    return false
  }
  let worker: Worker
  const handled = new Int32Array(new SharedArrayBuffer(4))
  const handledOne = () => {
    Atomics.add(handled, 0, 1)
    Atomics.notify(handled, 0)
  }
  try {
    const script = workerScript()
    if (!script) return Promise.resolve(unavailable('no worker script beside the importer'))
    worker = startWorker(script, { file, input, handled })
  } catch (error) {
    return Promise.resolve(unavailable((error as Error).message))
  }
  return new Promise<boolean>((resolve, reject) => {
    const decoder = new ScoreRowDecoder()
    let started = false
    let settled = false
    const finish = (error: unknown, ran = true) => {
      if (settled) return
      settled = true
      progress.signal?.removeEventListener('abort', onAbort)
      Atomics.store(handled, 0, 1 << 30) // wakes a worker waiting for room, so it can be terminated at once
      Atomics.notify(handled, 0)
      void worker.terminate()
      if (error) reject(error)
      else resolve(ran)
    }
    const onAbort = () => {
      try {
        progress.throwIfCancelled()
      } catch (error) {
        finish(error)
      }
    }
    progress.signal?.addEventListener('abort', onAbort)
    worker.on('message', (message: WorkerMessage) => {
      if (settled) return
      try {
        switch (message.type) {
          case 'ready':
            started = true
            return
          case 'rows':
            decoder.decode(message.values, (row, line) => {
              progress.rows++
              onRow(row, line)
            })
            progress.checkpoint(message.bytesDone)
            handledOne()
            return
          case 'block':
            parseJsonlBlock(message.bytes, message.firstLine, input, (value, line) => {
              progress.rows++
              onRow(normaliseGenericRecord(input, asRecord(input, line, value), line), line)
            })
            progress.checkpoint(message.bytesDone)
            handledOne()
            return
          case 'error':
            throw deserializeError(message.error)
          case 'done':
            finish(null)
        }
      } catch (error) {
        finish(error)
      }
    })
    const notStarted = (why: string) => {
      if (!settled) finish(null, unavailable(why))
    }
    worker.on('error', (error) => (started ? finish(error) : notStarted(error.message)))
    worker.on('exit', () => (started ? finish(new Error('The import worker stopped before it finished the file')) : notStarted('it exited at once')))
  })
}

/** The worker script beside this module: the TypeScript source, or the built entry next to the bundle's chunks. */
function workerScript(): URL | null {
  for (const candidate of ['./jsonlWorker.ts', './jsonlWorker.js', '../jsonlWorker.js']) {
    const url = new URL(candidate, import.meta.url)
    if (url.protocol === 'file:' && fs.existsSync(url)) return url
  }
  return null
}

/**
 * A built script starts as it is. The TypeScript source (Castor run by tsx from its sources) needs tsx in the
 * worker too, and `--import tsx` in the inherited execArgv does not reach workers on Node 20: register tsx's
 * loader in the worker first, then import the script.
 */
function startWorker(script: URL, start: WorkerStart): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, { workerData: start })
  const tsx = import.meta.resolve('tsx/esm/api')
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}) })`
  return new Worker(bootstrap, { eval: true, workerData: start })
}
