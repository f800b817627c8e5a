import { z } from 'zod'
import { Id } from './models'

/** Shapes of the judge domain that cross the API (judgeOperations.ts, the `judge-progress` event). */

/** Which items a run judges. Filters combine (AND); `sample` then draws a seeded random subset; `limit` caps it. */
export const ItemSelection = z
  .object({
    /** `all` items, or only those no judge run has judged yet (`unjudged`). */
    mode: z.enum(['all', 'unjudged']).default('all'),
    criterionIds: z.array(Id).max(10_000).optional(),
    /** Answer models (responses.model). */
    models: z.array(z.string().max(500)).max(1000).optional(),
    instructionIds: z.array(Id).max(100_000).optional(),
    itemIds: z.array(Id).max(1_000_000).optional(),
    sample: z.object({ size: z.number().int().min(1), seed: z.number().int().default(1) }).strict().optional(),
    limit: z.number().int().min(1).optional(),
  })
  .strict()
export type ItemSelection = z.infer<typeof ItemSelection>

export const DecodingInput = z
  .object({
    temperature: z.number().min(0).max(2).default(0),
    topP: z.number().gt(0).max(1).nullable().default(null),
    maxTokens: z.number().int().min(1).max(32_768).default(4096),
    seed: z.number().int().nullable().default(null),
  })
  .strict()

/** An OpenAI-compatible server (vLLM, SGLang, llama-server, a cloud API). The API key is never stored. */
export const JudgeServerSettings = z
  .object({
    baseUrl: z.url().max(2000),
    model: z.string().min(1).max(500),
    /** Chat (`/v1/chat/completions`, the server applies the model's chat template) or raw completions (ChatML). */
    api: z.enum(['chat', 'completions']).default('chat'),
    /** Name of an environment variable of the host that holds the key (kept in the run's settings, not its value). */
    apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).max(200).nullable().default(null),
    concurrency: z.number().int().min(1).max(256).default(4),
    timeoutMs: z.number().int().min(100).max(3_600_000).default(120_000),
    retries: z.number().int().min(0).max(20).default(4),
    /** Ask for `logprobs`/`top_logprobs` to read the score distribution (retried without when the server refuses). */
    logprobs: z.boolean().default(true),
  })
  .strict()
export type JudgeServerSettings = z.infer<typeof JudgeServerSettings>

export const JudgeBackendInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), modelPath: z.string().min(1).max(4096), contextSize: z.number().int().min(256).max(262_144).optional() }).strict(),
  z
    .object({ kind: z.literal('remote'), server: JudgeServerSettings, apiKey: z.string().max(4096).optional() })
    .strict(),
])
export type JudgeBackendInput = z.infer<typeof JudgeBackendInput>

export const JudgeRunStatus = z.enum(['pending', 'running', 'paused', 'done', 'cancelled', 'failed'])
export type JudgeRunStatus = z.infer<typeof JudgeRunStatus>

export const JudgeRunSummary = z.object({
  id: Id,
  name: z.string(),
  backend: z.enum(['imported', 'llama-cpp', 'openai']),
  model: z.string(),
  endpoint: z.string().nullable(),
  promptVersion: z.string().nullable(),
  status: JudgeRunStatus,
  /** A job of this host is judging it right now. */
  active: z.boolean(),
  jobId: z.string().nullable(),
  /** Items chosen for the run (imported runs: their judgments). */
  queued: z.number().int(),
  judged: z.number().int(),
  scored: z.number().int(),
  errors: z.number().int(),
  constrained: z.boolean(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
})
export type JudgeRunSummary = z.infer<typeof JudgeRunSummary>

export const ScoreProbability = z.object({ score: z.number(), probability: z.number() })

export const JudgmentRow = z.object({
  itemId: Id,
  score: z.number().nullable(),
  expectedScore: z.number().nullable(),
  entropy: z.number().nullable(),
  scoreProbabilities: z.array(ScoreProbability).nullable(),
  error: z.string().nullable(),
  rationale: z.string().nullable(),
  latencyMs: z.number().nullable(),
})
export type JudgmentRow = z.infer<typeof JudgmentRow>

export const JudgeRunDetail = JudgeRunSummary.extend({
  /** The stored configuration (no secrets). */
  config: z.unknown().nullable(),
  selection: z.unknown().nullable(),
  /** Score → count over scored judgments. */
  scoreCounts: z.array(z.object({ score: z.number(), count: z.number().int() })),
  /** The latest judgments, newest first (at most `limit`). */
  recent: z.array(JudgmentRow),
  /** The most frequent error messages. */
  topErrors: z.array(z.object({ error: z.string(), count: z.number().int() })),
})
export type JudgeRunDetail = z.infer<typeof JudgeRunDetail>

/** Pushed while a run is judging (besides the generic `job-progress`): rates and counts for the judge panel. */
export const JudgeRunProgress = z.object({
  runId: Id,
  jobId: z.string(),
  status: JudgeRunStatus,
  done: z.number().int(),
  total: z.number().int(),
  errors: z.number().int(),
  itemsPerSecond: z.number(),
  tokensPerSecond: z.number(),
  etaMs: z.number().nullable(),
  /** Why the run failed (status `failed`). */
  error: z.string().nullable().optional(),
})
export type JudgeRunProgress = z.infer<typeof JudgeRunProgress>

/** Pushed while a local model is made ready for a start: its file hashed (bytes read), then its weights loaded. */
export const JudgeLoadProgress = z.object({
  model: z.string(),
  phase: z.enum(['hash', 'load']),
  /** 0…1 within the phase. */
  fraction: z.number(),
  etaMs: z.number().nullable(),
})
export type JudgeLoadProgress = z.infer<typeof JudgeLoadProgress>

export const JudgePromptPreview = z.object({
  itemId: Id,
  prompt: z.string(),
  allowedScores: z.array(z.number()),
  promptVersion: z.string(),
  promptHash: z.string(),
})
export type JudgePromptPreview = z.infer<typeof JudgePromptPreview>

/** A GGUF file of the host's models folder (see `castor models list`). */
export const JudgeModelFile = z.object({
  file: z.string(),
  fileName: z.string(),
  sizeBytes: z.number(),
  architecture: z.string().nullable(),
  name: z.string().nullable(),
  parameters: z.number().nullable(),
  fileType: z.string().nullable(),
  contextLength: z.number().nullable(),
  layers: z.number().nullable(),
  hasChatTemplate: z.boolean(),
  /** Why the judge refuses it (a regression -r variant), or null. */
  refused: z.string().nullable(),
})
export type JudgeModelFile = z.infer<typeof JudgeModelFile>
