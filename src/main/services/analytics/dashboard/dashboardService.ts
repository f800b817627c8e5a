import fs from 'node:fs'
import { Worker } from 'node:worker_threads'
import { CastorError, type SerializedError } from '@shared/api/errors'
import type { Db } from '../../db'
import { dataVersion } from './dashboardData'
import { DashboardQueries, type DashboardAnswer, type DashboardQuery } from './dashboardQueries'

type Pending = { resolve(value: unknown): void; reject(error: unknown): void }

/**
 * The analytics of the open project, answered in a worker thread that reads the file itself (read-only), so the
 * host's main thread stays responsive while a large project is read and computed. Results are cached there per
 * data version. Where no worker script exists, the same queries run in this thread.
 */
export class DashboardService {
  private worker: Worker | null = null
  private local: DashboardQueries | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  /** The data version the last query was answered for. */
  lastVersion: string | null = null

  constructor(readonly db: Db) {}

  async query<Q extends DashboardQuery>(query: Q): Promise<DashboardAnswer<Q>> {
    const version = dataVersion(this.db)
    this.lastVersion = version
    const worker = this.ensureWorker()
    if (!worker) {
      if (!this.local || this.local.version !== version) this.local = new DashboardQueries(this.db, version)
      return (await this.local.answer(query)) as DashboardAnswer<Q>
    }
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.ref() // while an answer is awaited
      worker.postMessage({ id, version, query })
    })
  }

  /** Whether queries run in the worker thread (false: in this thread). */
  get inWorker(): boolean {
    return this.worker !== null
  }

  close(): void {
    void this.worker?.terminate()
    this.worker = null
    this.failAll(new CastorError('cancelled', 'The project was closed'))
  }

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker
    const script = workerScript()
    if (!script || this.db.name === ':memory:') return null
    const workerData = { file: this.db.name }
    let worker: Worker
    if (script.pathname.endsWith('.ts')) {
      // Castor run from its sources (tsx, vitest): register tsx's loader in the worker, then import the script.
      const tsx = import.meta.resolve('tsx/esm/api')
      const start = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}) })`
      worker = new Worker(start, { eval: true, workerData })
    } else worker = new Worker(script, { workerData })
    worker.unref() // idle, it never keeps a CLI or test process alive
    worker.on('message', ({ id, ok, result, error }: { id: number; ok: boolean; result?: unknown; error?: SerializedError }) => {
      const waiting = this.pending.get(id)
      if (!waiting) return
      this.pending.delete(id)
      if (this.pending.size === 0) worker.unref()
      if (ok) waiting.resolve(result)
      else waiting.reject(new CastorError(error!.code, error!.message, error!.location))
    })
    worker.on('error', (error) => this.failAll(error))
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null
      this.failAll(new CastorError('internal', 'The dashboard worker stopped'))
    })
    this.worker = worker
    return worker
  }

  private failAll(error: unknown): void {
    for (const waiting of this.pending.values()) waiting.reject(error)
    this.pending.clear()
  }
}

/** The worker beside this module (sources), beside the bundle (out/main/dashboardWorker.js) or one folder up (chunks). */
function workerScript(): URL | null {
  for (const candidate of ['./dashboardWorker.ts', './dashboardWorker.js', '../dashboardWorker.js']) {
    const url = new URL(candidate, import.meta.url)
    if (url.protocol === 'file:' && fs.existsSync(url)) return url
  }
  return null
}
