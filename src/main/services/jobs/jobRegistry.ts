import { randomUUID } from 'node:crypto'
import type { Job } from '@shared/api/models'
import { CastorError, serializeError } from '@shared/api/errors'

export interface JobProgress {
  /** Report progress: `done` of `total` units, `rows` handled so far. Cheap to call often: it is throttled here. */
  report(done: number, total: number | null, rows: number): void
  signal: AbortSignal
}

export interface JobSpec<T> {
  kind: Job['kind']
  label: string
  unit: Job['unit']
  run(progress: JobProgress): Promise<T>
}

type Listener = (job: Job) => void

const REPORT_INTERVAL_MS = 100

/** Long work (imports, exports, judge runs): progress with ETA, cancel through AbortSignal, pushed to listeners. */
export class JobRegistry {
  private readonly jobs = new Map<string, { job: Job; controller: AbortController; finished: Promise<unknown> }>()
  private readonly listeners = new Set<Listener>()

  onChange(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  list(): Job[] {
    return [...this.jobs.values()].map((entry) => ({ ...entry.job }))
  }

  get(id: string): Job {
    const entry = this.jobs.get(id)
    if (!entry) throw new CastorError('not-found', `No job ${id}`)
    return { ...entry.job }
  }

  /** Resolves when the job has ended, whatever the outcome. */
  async settled(id: string): Promise<Job> {
    const entry = this.jobs.get(id)
    if (!entry) throw new CastorError('not-found', `No job ${id}`)
    await entry.finished.catch(() => undefined)
    return { ...entry.job }
  }

  start<T>(spec: JobSpec<T>): Job {
    const controller = new AbortController()
    const job: Job = {
      id: randomUUID(),
      kind: spec.kind,
      label: spec.label,
      status: 'running',
      done: 0,
      total: null,
      unit: spec.unit,
      startedAt: Date.now(),
      etaMs: null,
      rows: 0,
      error: null,
      result: null,
    }
    let lastEmit = 0
    const progress: JobProgress = {
      signal: controller.signal,
      report: (done, total, rows) => {
        job.done = done
        job.total = total
        job.rows = rows
        const now = Date.now()
        if (now - lastEmit < REPORT_INTERVAL_MS) return
        lastEmit = now
        job.etaMs = estimateEta(job, now)
        this.emit(job)
      },
    }
    const finished = (async () => {
      await Promise.resolve() // let the caller receive the job id before the first event
      try {
        if (controller.signal.aborted) throw new CastorError('cancelled', `${spec.label}: cancelled`)
        job.result = (await spec.run(progress)) as unknown
        job.status = 'done'
        if (job.total !== null) job.done = job.total
      } catch (error) {
        const serialized = serializeError(error)
        job.status = controller.signal.aborted || serialized.code === 'cancelled' ? 'cancelled' : 'failed'
        job.error = serialized
      }
      job.etaMs = 0
      this.emit(job)
    })()
    this.jobs.set(job.id, { job, controller, finished })
    this.emit(job)
    return { ...job }
  }

  cancel(id: string): Job {
    const entry = this.jobs.get(id)
    if (!entry) throw new CastorError('not-found', `No job ${id}`)
    if (entry.job.status === 'running') entry.controller.abort()
    return { ...entry.job }
  }

  private emit(job: Job): void {
    const snapshot = { ...job }
    for (const listener of this.listeners) listener(snapshot)
  }
}

export function estimateEta(job: Pick<Job, 'done' | 'total' | 'startedAt'>, now: number): number | null {
  if (job.total === null || job.done <= 0 || job.total <= 0) return null
  const elapsed = now - job.startedAt
  return Math.max(0, Math.round((elapsed / job.done) * (job.total - job.done)))
}
