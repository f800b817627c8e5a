import { CastorError } from '@shared/api/errors'
import type { JudgeBackend, ModelLoadProgress } from '../backend'
import { createOpenAiBackend } from '../remote/openAiBackend'
import type { BackendSettings } from './runConfig'

export interface BackendSecrets {
  /** The API key for a remote server; else read from the environment variable the settings name. */
  apiKey?: string | null
  env?: NodeJS.ProcessEnv
}

/** Reads the API key: given directly, or from the named environment variable (never stored in the project). */
export function resolveApiKey(settings: Extract<BackendSettings, { kind: 'remote' }>, secrets: BackendSecrets): string | null {
  if (secrets.apiKey) return secrets.apiKey
  if (!settings.apiKeyEnv) return null
  const value = (secrets.env ?? process.env)[settings.apiKeyEnv]
  if (!value) throw new CastorError('invalid-input', `The environment variable ${settings.apiKeyEnv} (the API key) is not set`, { field: 'apiKeyEnv' })
  return value
}

/** Load progress with the time left, estimated from the phase's rate so far. */
export interface LoadProgress extends ModelLoadProgress {
  etaMs: number | null
}

/** Adds an ETA per phase (hashing and loading run at different rates). */
export function withEta(report: (progress: LoadProgress) => void): (progress: ModelLoadProgress) => void {
  let phase: ModelLoadProgress['phase'] | null = null
  let started = 0
  return (progress) => {
    const now = performance.now()
    if (progress.phase !== phase) {
      phase = progress.phase
      started = now
    }
    const elapsed = now - started
    const fraction = Math.min(1, Math.max(0, progress.fraction))
    report({ ...progress, fraction, etaMs: fraction > 0 && elapsed > 0 ? Math.round((elapsed * (1 - fraction)) / fraction) : null })
  }
}

/** The model being loaded in this process, if any: one load at a time (memory, and one GPU). */
let loading: string | null = null

/** The model this process is loading now (null when none). */
export function modelLoading(): string | null {
  return loading
}

/**
 * Loads under the process's one model lock: a second load while one runs is refused at once (never a second copy
 * of the weights in memory), with the model that is loading named.
 */
async function underLoadLock<T>(model: string, load: () => Promise<T>): Promise<T> {
  if (loading !== null) throw new CastorError('conflict', `A judge model is loading (${loading}); start again when it is ready`, { field: 'model', value: loading })
  loading = model
  try {
    return await load()
  } finally {
    loading = null
  }
}

export interface CreateBackendOptions extends BackendSecrets {
  parallel: number
  constrained: boolean
  /** Hashing/loading progress of a local model (with an ETA). */
  onLoadProgress?: (progress: LoadProgress) => void
}

/** A backend for the settings: an OpenAI-compatible server, or the embedded node-llama-cpp backend. */
export async function createBackend(settings: BackendSettings, options: CreateBackendOptions): Promise<JudgeBackend> {
  if (settings.kind === 'remote') {
    return createOpenAiBackend({
      baseUrl: settings.baseUrl,
      model: settings.model,
      apiKey: resolveApiKey(settings, options),
      api: settings.api,
      concurrency: options.parallel || settings.concurrency,
      timeoutMs: settings.timeoutMs,
      retries: settings.retries,
      logprobs: settings.logprobs,
    })
  }
  return underLoadLock(settings.modelPath, async () => {
    // Loaded on use: node-llama-cpp is heavy and a server run never needs it.
    let modelPath = settings.modelPath
    if (isModelUri(modelPath)) {
      const { defaultModelsDir, pullModel } = await import('../models/modelsFolder')
      modelPath = await pullModel(modelPath, { dir: defaultModelsDir() })
    }
    const { createLlamaBackend } = await import('../llama/llamaBackend')
    return createLlamaBackend({
      modelPath,
      parallel: options.parallel,
      ...(settings.contextSize ? { contextSize: settings.contextSize } : {}),
      ...(options.onLoadProgress ? { onLoadProgress: withEta(options.onLoadProgress) } : {}),
    })
  })
}

/** `hf:owner/repo/file.gguf`, `hf:owner/repo:QUANT` or an https URL: a model to download into the models folder. */
export function isModelUri(value: string): boolean {
  return /^(hf:|https?:\/\/)/.test(value)
}
