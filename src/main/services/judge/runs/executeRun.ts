import type { JudgeRunStatus } from '@shared/api/judgeModels'
import { CastorError, serializeError } from '@shared/api/errors'
import type { Db } from '../../db'
import type { DecodingParameters, JudgeBackend, JudgeRequest } from '../backend'
import { FailureWatch } from './failureWatch'
import { JudgmentWriter, type WriterOptions } from './judgmentWriter'
import { getRun, pendingItems, PromptSource, queueCounts, setRunStatus } from './runStore'

export interface RunProgress {
  runId: number
  done: number
  total: number
  errors: number
  /** Items judged in this session so far (resumed items not counted). */
  judgedNow: number
  itemsPerSecond: number
  /** Generated tokens per second. */
  tokensPerSecond: number
  etaMs: number | null
}

export interface RunResult {
  runId: number
  name: string
  status: JudgeRunStatus
  queued: number
  judged: number
  errors: number
  /** Judged in this session. */
  judgedNow: number
  /** Already judged when this session started (skipped). */
  skipped: number
  promptTokens: number
  reusedPromptTokens: number
  completionTokens: number
  durationMs: number
  /** Why the run failed (status `failed`), else null. */
  error: string | null
}

export interface ExecuteOptions {
  signal: AbortSignal
  /** Why the signal aborted: a pause leaves the run `paused`, anything else `cancelled`. */
  stopReason?: () => 'pause' | 'cancel'
  onProgress?: (progress: RunProgress) => void
  writer?: WriterOptions
}

/**
 * Judges the run's queued items that have no judgment yet, streaming outcomes into SQLite as they come. Resumes
 * where any earlier session stopped (crash included): done items are never sent again.
 */
export async function executeRun(db: Db, runId: number, backend: JudgeBackend, decoding: DecodingParameters, options: ExecuteOptions): Promise<RunResult> {
  const run = getRun(db, runId)
  const started = performance.now()
  const counts = queueCounts(db, runId)
  const pending = pendingItems(db, runId)
  const source = new PromptSource(db)
  const writer = new JudgmentWriter(db, runId, options.writer)
  let judgedNow = 0
  let errorsNow = 0
  let promptTokens = 0
  let reusedPromptTokens = 0
  let completionTokens = 0
  const progress = (): RunProgress => {
    const seconds = (performance.now() - started) / 1000
    const itemsPerSecond = seconds > 0 ? judgedNow / seconds : 0
    const remaining = counts.queued - counts.judged - judgedNow
    return {
      runId,
      done: counts.judged + judgedNow,
      total: counts.queued,
      errors: counts.errors + errorsNow,
      judgedNow,
      itemsPerSecond,
      tokensPerSecond: seconds > 0 ? completionTokens / seconds : 0,
      etaMs: itemsPerSecond > 0 ? Math.round((remaining / itemsPerSecond) * 1000) : null,
    }
  }
  // An import in this process holds the connection's write transaction across awaits: never write inside it.
  while (db.inTransaction && !options.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 50))
  setRunStatus(db, runId, 'running')
  options.onProgress?.(progress())
  let status: JudgeRunStatus = 'done'
  let failure: unknown = null
  const watch = new FailureWatch()
  // Stops the backend when the run's own items show it cannot work (see FailureWatch).
  const hopeless = new AbortController()
  let hopelessReason: string | null = null
  const signal = AbortSignal.any([options.signal, hopeless.signal])
  try {
    function* requests(): Generator<JudgeRequest> {
      for (const itemId of pending) {
        if (signal.aborted) return
        yield source.request(itemId)
      }
    }
    for await (const outcome of backend.judge(requests(), { signal, decoding })) {
      writer.add(outcome)
      judgedNow++
      if (outcome.error !== null) errorsNow++
      promptTokens += outcome.promptTokens ?? 0
      reusedPromptTokens += outcome.reusedPromptTokens ?? 0
      completionTokens += outcome.completionTokens ?? 0
      options.onProgress?.(progress())
      hopelessReason ??= watch.add(outcome)
      if (hopelessReason !== null && !hopeless.signal.aborted) hopeless.abort()
    }
  } catch (error) {
    failure = error
  }
  try {
    await writer.close()
  } catch (error) {
    failure ??= error
  }
  if (!db.open) {
    // The project was closed under the run: it stays `running` in the file, like after a crash, and resumes.
    throw new CastorError('cancelled', `Judge run "${run.name}" stopped: the project was closed`)
  }
  // A backend may end an aborted judge() by throwing its abort: that is the pause or cancel, not a failure.
  if (failure && signal.aborted && ['cancelled'].includes(serializeError(failure).code)) failure = null
  const final = queueCounts(db, runId)
  const reason = hopelessReason ?? (options.signal.aborted ? null : watch.verdict())
  if (failure) status = 'failed'
  else if (reason !== null) status = 'failed'
  else if (options.signal.aborted) status = options.stopReason?.() === 'pause' ? 'paused' : 'cancelled'
  else status = final.judged >= final.queued ? 'done' : 'paused'
  setRunStatus(db, runId, status, failure ? serializeError(failure).message : reason)
  options.onProgress?.(progress())
  if (failure && status === 'failed') throw failure instanceof CastorError ? failure : new CastorError('internal', `Judge run "${run.name}" failed: ${serializeError(failure).message}`)
  return {
    runId,
    name: run.name,
    status,
    queued: final.queued,
    judged: final.judged,
    errors: final.errors,
    judgedNow,
    skipped: counts.judged,
    promptTokens,
    reusedPromptTokens,
    completionTokens,
    durationMs: Math.round(performance.now() - started),
    error: reason,
  }
}
