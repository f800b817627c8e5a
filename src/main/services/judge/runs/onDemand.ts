import type { OnDemandJudgment } from '@shared/api/controlModels'
import { CastorError } from '@shared/api/errors'
import type { Db } from '../../db'
import type { JudgeBackend } from '../backend'
import { createBackend, type BackendSecrets } from './backendFactory'
import type { RunConfig } from './runConfig'
import { PromptSource } from './runStore'

/** The project's current judge settings: the configuration of the most recently created run that has one. */
export function currentJudgeConfig(db: Db): { name: string; config: RunConfig } | null {
  const row = db.prepare("SELECT name, config FROM judge_runs WHERE config IS NOT NULL AND backend <> 'imported' ORDER BY created_at DESC, id DESC LIMIT 1").get() as
    | { name: string; config: string }
    | undefined
  return row ? { name: row.name, config: JSON.parse(row.config) as RunConfig } : null
}

/**
 * Judges one item now with the current judge settings (local model or server) and returns the outcome; nothing is
 * stored, so runs and their statistics stay as they were. `backendFor` is for tests.
 */
export async function judgeOnDemand(
  db: Db,
  itemId: number,
  options: BackendSecrets & { signal?: AbortSignal; backendFor?: (config: RunConfig) => Promise<JudgeBackend> } = {},
): Promise<OnDemandJudgment> {
  const current = currentJudgeConfig(db)
  if (!current) throw new CastorError('invalid-input', 'No judge is set up in this project yet: start a judge run once (Judge tab), then ask again', { field: 'itemId', value: itemId })
  const request = new PromptSource(db).request(itemId)
  const { config } = current
  const backend = options.backendFor
    ? await options.backendFor(config)
    : await createBackend(config.settings, { parallel: 1, constrained: config.decoding.constrained, apiKey: options.apiKey ?? null, env: options.env })
  try {
    for await (const outcome of backend.judge([request], { signal: options.signal ?? new AbortController().signal, decoding: config.decoding })) {
      return {
        itemId,
        run: current.name,
        model: config.identity.model,
        score: outcome.score,
        probabilities: outcome.scoreProbabilities ? Object.fromEntries(outcome.scoreProbabilities.map((p) => [String(p.score), p.probability])) : null,
        rationale: outcome.feedback ?? outcome.reasoning,
        error: outcome.error,
        latencyMs: outcome.latencyMs,
      }
    }
    throw new CastorError('internal', `The judge returned nothing for item ${itemId}`)
  } finally {
    await backend.close()
  }
}
