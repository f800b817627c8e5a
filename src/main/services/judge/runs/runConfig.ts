import { createHash } from 'node:crypto'
import { buildJudgePrompt, JUDGE_PROMPT_VERSION } from '@shared/domain/judgePrompt'
import type { DecodingParameters, JudgeModelIdentity } from '../backend'

/** How the backend was set up, without secrets: enough to resume the run (the API key comes from env/option again). */
export type BackendSettings =
  | { kind: 'local'; modelPath: string; contextSize?: number | null }
  | {
      kind: 'remote'
      baseUrl: string
      model: string
      api: 'chat' | 'completions'
      apiKeyEnv: string | null
      concurrency: number
      timeoutMs: number
      retries: number
      logprobs: boolean
    }

/** What a run stores in judge_runs.config. */
export interface RunConfig {
  identity: JudgeModelIdentity
  promptVersion: string
  promptHash: string
  decoding: DecodingParameters
  parallel: number
  settings: BackendSettings
}

let templateHash: string | null = null

/**
 * SHA-256 of the prompt template: buildJudgePrompt over placeholders, so any change to the template's text
 * (a header, a newline) changes the hash and therefore the run.
 */
export function promptTemplateHash(): string {
  templateHash ??= createHash('sha256')
    .update(
      buildJudgePrompt({
        instruction: '{instruction}',
        referenceAnswer: '{reference_answer}',
        answer: '{answer}',
        criterionName: '{criteria_name}',
        levels: [
          { score: 0, text: '{level_0}' },
          { score: 1, text: '{level_1}' },
        ],
      }),
    )
    .digest('hex')
  return templateHash
}

export const DEFAULT_DECODING: DecodingParameters = { temperature: 0, topP: null, maxTokens: 4096, constrained: false, seed: null }

/** The identity of a run: model identity (chat template included) + prompt version/hash + decoding. The same key is the same run. */
export function configHash(config: Pick<RunConfig, 'identity' | 'promptVersion' | 'promptHash' | 'decoding'>): string {
  const { identity, decoding } = config
  const canonical = JSON.stringify([
    identity.backend,
    identity.model,
    identity.modelHash,
    identity.endpoint,
    identity.chatTemplate ?? null,
    config.promptVersion,
    config.promptHash,
    decoding.temperature,
    decoding.topP,
    decoding.maxTokens,
    decoding.constrained,
    decoding.seed,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

export function makeRunConfig(identity: JudgeModelIdentity, decoding: DecodingParameters, parallel: number, settings: BackendSettings): RunConfig {
  return { identity, promptVersion: JUDGE_PROMPT_VERSION, promptHash: promptTemplateHash(), decoding, parallel, settings }
}
