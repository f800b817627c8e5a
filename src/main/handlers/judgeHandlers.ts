import { CastorError, serializeError } from '@shared/api/errors'
import type { JudgeRunStatus } from '@shared/api/judgeModels'
import type { judgeOperations } from '@shared/api/judgeOperations'
import type { Db } from '../services/db'
import type { DecodingParameters, JudgeBackend } from '../services/judge/backend'
import { ActiveRuns } from '../services/judge/runs/activeRuns'
import { createBackend, resolveApiKey, type LoadProgress } from '../services/judge/runs/backendFactory'
import { executeRun, type RunProgress } from '../services/judge/runs/executeRun'
import { prepareRun } from '../services/judge/runs/prepareRun'
import { previewPrompt } from '../services/judge/runs/preview'
import { configHash, type BackendSettings } from '../services/judge/runs/runConfig'
import { clearErrors, getRun, listRuns, queueCounts, runDetail } from '../services/judge/runs/runStore'
import type { HostContext } from '../host/context'
import { requireNoRunningImport } from './guards'
import type { HandlerMap } from './types'

// One set of active runs per host (keyed by its job registry, which lives as long as the host).
const activeByHost = new WeakMap<object, ActiveRuns>()
function activeRuns(context: HostContext): ActiveRuns {
  let active = activeByHost.get(context.jobs)
  if (!active) {
    active = new ActiveRuns()
    activeByHost.set(context.jobs, active)
  }
  return active
}

const PROGRESS_INTERVAL_MS = 250

/** Runs the run's queue as a job of this host: `job-progress` and `judge-progress` events, pause and cancel. */
function startJob(context: HostContext, db: Db, runId: number, backend: JudgeBackend, decoding: DecodingParameters): string {
  const active = activeRuns(context)
  const run = getRun(db, runId)
  const counts = queueCounts(db, runId)
  const entry = { runId, jobId: '', stop: null as 'pause' | 'cancel' | null }
  let lastEvent = 0
  const emit = (progress: RunProgress, status: JudgeRunStatus, error: string | null = null) =>
    context.events.emit('judge-progress', {
      error,
      runId,
      jobId: entry.jobId,
      status,
      done: progress.done,
      total: progress.total,
      errors: progress.errors,
      itemsPerSecond: progress.itemsPerSecond,
      tokensPerSecond: progress.tokensPerSecond,
      etaMs: progress.etaMs,
    })
  const job = context.jobs.start({
    kind: 'judge',
    label: run.name,
    unit: 'items',
    run: async ({ report, signal }) => {
      let last: RunProgress | null = null
      try {
        const result = await executeRun(db, runId, backend, decoding, {
          signal,
          stopReason: () => entry.stop ?? 'cancel',
          onProgress: (progress) => {
            last = progress
            report(progress.done, progress.total, progress.done)
            const now = Date.now()
            if (now - lastEvent >= PROGRESS_INTERVAL_MS) {
              lastEvent = now
              emit(progress, 'running')
            }
          },
        })
        if (last) emit(last, result.status, result.error)
        context.project.changed()
        if (result.status === 'cancelled') throw new CastorError('cancelled', `${run.name}: cancelled`)
        if (result.status === 'failed') throw new CastorError('invalid-input', `Judge run "${run.name}" failed: ${result.error}`)
        return result
      } catch (error) {
        if (last && !(error instanceof CastorError && error.code === 'cancelled')) emit(last, 'failed', serializeError(error).message)
        throw error
      }
    },
  })
  entry.jobId = job.id
  active.add(entry)
  // Also when the job is cancelled before it starts (its run function then never runs).
  void context.jobs.settled(job.id).finally(() => {
    active.remove(runId, job.id)
    void backend.close()
  })
  context.events.emit('judge-progress', { runId, jobId: job.id, status: 'running', done: counts.judged, total: counts.queued, errors: counts.errors, itemsPerSecond: 0, tokensPerSecond: 0, etaMs: null })
  return job.id
}

/** `judge-load-progress` events, at most every PROGRESS_INTERVAL_MS, and always the end of each phase. */
function loadProgressEmitter(context: HostContext): (progress: LoadProgress) => void {
  let last = 0
  return (progress) => {
    const now = Date.now()
    if (now - last < PROGRESS_INTERVAL_MS && progress.fraction < 1) return
    last = now
    context.events.emit('judge-load-progress', { model: progress.model, phase: progress.phase, fraction: progress.fraction, etaMs: progress.etaMs })
  }
}

function requireIdle(context: HostContext, runId: number): void {
  if (activeRuns(context).get(runId)) throw new CastorError('conflict', 'This run is already judging; pause it first')
}

function settingsOf(backend: import('@shared/api/judgeModels').JudgeBackendInput, parallel: number | undefined): BackendSettings {
  if (backend.kind === 'local') return { kind: 'local', modelPath: backend.modelPath, contextSize: backend.contextSize ?? null }
  const { server } = backend
  return {
    kind: 'remote',
    baseUrl: server.baseUrl,
    model: server.model,
    api: server.api,
    apiKeyEnv: server.apiKeyEnv,
    concurrency: parallel ?? server.concurrency,
    timeoutMs: server.timeoutMs,
    retries: server.retries,
    logprobs: server.logprobs,
  }
}

function stop(context: HostContext, runId: number, how: 'pause' | 'cancel') {
  const { db } = context.project.require()
  getRun(db, runId)
  const entry = activeRuns(context).get(runId)
  if (entry) {
    entry.stop = how
    context.jobs.cancel(entry.jobId)
  } else {
    // Not judging here (a crashed session left it `running`, or it is paused): record the decision.
    const run = getRun(db, runId)
    if (run.backend === 'imported') throw new CastorError('invalid-input', 'An imported judge cannot be paused or cancelled')
    if (!db.readonly && run.status !== 'done') {
      requireNoRunningImport(context, `${how} a judge run`)
      db.prepare('UPDATE judge_runs SET status = ?, updated_at = ? WHERE id = ?').run(how === 'pause' ? 'paused' : 'cancelled', new Date().toISOString(), runId)
    }
  }
  return listRuns(db, activeRuns(context).snapshot()).find((r) => r.id === runId)!
}

export const judgeHandlers: HandlerMap<keyof typeof judgeOperations> = {
  'judge-runs-list': (_input, context) => listRuns(context.project.require().db, activeRuns(context).snapshot()),
  'judge-run-get': ({ runId, limit }, context) => runDetail(context.project.require().db, runId, activeRuns(context).snapshot(), limit),
  'judge-run-start': async (input, context) => {
    const { db } = context.project.requireWritable()
    requireNoRunningImport(context, 'start a judge run')
    const settings = settingsOf(input.backend, input.parallel)
    const decoding: DecodingParameters = { ...input.decoding, constrained: input.constrained }
    if (decoding.constrained && settings.kind === 'remote') {
      throw new CastorError('unsupported', 'Constrained decoding works with a local GGUF model only', { field: 'constrained' })
    }
    const parallel = input.parallel ?? (settings.kind === 'remote' ? settings.concurrency : 1)
    const backend = await createBackend(settings, {
      parallel,
      constrained: decoding.constrained,
      apiKey: input.backend.kind === 'remote' ? input.backend.apiKey : null,
      onLoadProgress: loadProgressEmitter(context),
    })
    try {
      requireNoRunningImport(context, 'start a judge run') // again: loading a model takes a while
      const prepared = prepareRun(db, { name: input.name, identity: backend.identity, parallel: backend.parallel, settings, decoding, selection: input.selection, retryErrors: input.retryErrors })
      requireIdle(context, prepared.run.id)
      const jobId = startJob(context, db, prepared.run.id, backend, decoding)
      return { runId: prepared.run.id, jobId, name: prepared.run.name, created: prepared.created, queued: prepared.queued, alreadyJudged: prepared.alreadyJudged }
    } catch (error) {
      await backend.close()
      throw error
    }
  },
  'judge-run-resume': async ({ runId, apiKey, retryErrors }, context) => {
    const { db } = context.project.requireWritable()
    requireNoRunningImport(context, 'resume a judge run')
    requireIdle(context, runId)
    const run = getRun(db, runId)
    if (!run.config) throw new CastorError('invalid-input', `"${run.name}" was imported, not run by Castor: it cannot be resumed`)
    const { settings, decoding, parallel } = run.config
    if (settings.kind === 'remote') resolveApiKey(settings, { apiKey })
    const backend = await createBackend(settings, { parallel, constrained: decoding.constrained, apiKey, onLoadProgress: loadProgressEmitter(context) })
    try {
      requireNoRunningImport(context, 'resume a judge run')
      if (configHash({ ...run.config, identity: backend.identity }) !== configHash(run.config)) {
        throw new CastorError('conflict', `The model of "${run.name}" changed since it ran (${backend.identity.model}); start a new run instead`)
      }
      if (retryErrors) clearErrors(db, runId)
      const jobId = startJob(context, db, runId, backend, decoding)
      const counts = queueCounts(db, runId)
      return { runId, jobId, name: run.name, created: false, queued: counts.queued, alreadyJudged: counts.judged }
    } catch (error) {
      await backend.close()
      throw error
    }
  },
  'judge-run-pause': ({ runId }, context) => stop(context, runId, 'pause'),
  'judge-run-cancel': ({ runId }, context) => stop(context, runId, 'cancel'),
  'judge-models-list': async () => {
    const { defaultModelsDir, listModels } = await import('../services/judge/models/modelsFolder')
    const dir = defaultModelsDir()
    try {
      return { dir, models: await listModels(dir) }
    } catch (error) {
      if (error instanceof CastorError && error.code === 'not-found') return { dir, models: [] } // no folder yet
      throw error
    }
  },
  'judge-catalog': async () => {
    const { catalogFor, machineMemory } = await import('../services/judge/models/catalogFit')
    return catalogFor(await machineMemory())
  },
  'judge-preview-prompt': ({ itemId }, context) => previewPrompt(context.project.require().db, itemId),
}
