import { CastorError } from '@shared/api/errors'
import type { JudgeBackend } from '../backend'
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

/** A backend for the settings: an OpenAI-compatible server, or the embedded node-llama-cpp backend. */
export async function createBackend(settings: BackendSettings, options: { parallel: number; constrained: boolean } & BackendSecrets): Promise<JudgeBackend> {
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
  // Loaded on use: node-llama-cpp is heavy and a server run never needs it.
  let modelPath = settings.modelPath
  if (isModelUri(modelPath)) {
    const { defaultModelsDir, pullModel } = await import('../models/modelsFolder')
    modelPath = await pullModel(modelPath, { dir: defaultModelsDir() })
  }
  const { createLlamaBackend } = await import('../llama/llamaBackend')
  return createLlamaBackend({ modelPath, parallel: options.parallel, ...(settings.contextSize ? { contextSize: settings.contextSize } : {}) })
}

/** `hf:owner/repo/file.gguf`, `hf:owner/repo:QUANT` or an https URL: a model to download into the models folder. */
export function isModelUri(value: string): boolean {
  return /^(hf:|https?:\/\/)/.test(value)
}
