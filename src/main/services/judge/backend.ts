/**
 * What every judge backend (embedded node-llama-cpp, remote OpenAI-compatible) offers the run orchestrator.
 * A backend turns prompts into outcomes; it never touches the project file. Runs (runs/) choose the items,
 * build the prompts (buildJudgePrompt), store the outcomes and handle resume.
 */

export interface JudgeRequest {
  /** The item being judged (items.id). */
  itemId: number
  /**
   * Requests with the same group (the answer: responses.id) arrive consecutively; a backend that can reuse a
   * prompt prefix (the instruction and the answer) judges them back to back on one sequence.
   */
  group: number
  /** The exact user message (buildJudgePrompt), sent with no system message through the model's chat template. */
  prompt: string
  /** The criterion's scale, ascending; a score outside it is an error, never clamped. */
  allowedScores: readonly number[]
}

export interface ScoreProbability {
  score: number
  probability: number
}

export interface JudgeOutcome {
  itemId: number
  /** Everything the model produced, reasoning included; kept for every outcome, failed ones too. */
  rawOutput: string
  /** Null when the output could not be read or named a score outside the scale (see `error`). */
  score: number | null
  /** The rationale: `[FEEDBACK]` text, or the 4B judge's reasoning when that is all there is. */
  feedback: string | null
  /** `<think>…</think>` text or a server's `reasoning` field, when present. */
  reasoning: string | null
  /** Probabilities of every allowed score at the score position, summing to 1; null when unavailable. */
  scoreProbabilities: ScoreProbability[] | null
  expectedScore: number | null
  /** Shannon entropy (nats) of scoreProbabilities. */
  entropy: number | null
  promptTokens: number | null
  /** Prompt tokens that were not evaluated because a cached prefix was reused. */
  reusedPromptTokens: number | null
  completionTokens: number | null
  latencyMs: number
  /** Why this item has no score: unparsable output, score outside the scale, HTTP failure after retries… */
  error: string | null
}

/** Identifies a model for a run: the same identity + prompt version + decoding parameters = the same run. */
export interface JudgeModelIdentity {
  backend: 'llama-cpp' | 'openai'
  /** File name or the server's model name. */
  model: string
  /** SHA-256 of the GGUF file (embedded), or null for a remote model. */
  modelHash: string | null
  /** Base URL for remote backends (never the API key). */
  endpoint: string | null
  /**
   * The chat template the prompt went through: `jinja:<sha256 of the GGUF's tokenizer.chat_template>` for the
   * embedded backend (the server applies its own for remote ones; unknown there, so absent or null).
   */
  chatTemplate?: string | null
}

export interface DecodingParameters {
  temperature: number
  topP: number | null
  /** A ceiling: an item never generates more than its context leaves after its prompt (embedded backend). */
  maxTokens: number
  /** Grammar/score-constrained output in the judge's shape. */
  constrained: boolean
  seed: number | null
}

/** Getting a model ready: hashing its file (bytes read), then loading its weights (node-llama-cpp's fraction). */
export interface ModelLoadProgress {
  phase: 'hash' | 'load'
  /** 0…1 within the phase. */
  fraction: number
  model: string
}

export interface JudgeProgress {
  promptTokens: number
  completionTokens: number
}

export interface JudgeBackend {
  readonly identity: JudgeModelIdentity
  /** Sequences judged at once (embedded: context sequences; remote: concurrent requests). */
  readonly parallel: number
  /**
   * Judges the requests, yielding each outcome as soon as it is known (not necessarily in request order).
   * Stops early when the signal aborts; outcomes already yielded are final.
   */
  judge(requests: AsyncIterable<JudgeRequest> | Iterable<JudgeRequest>, options: { signal: AbortSignal; decoding: DecodingParameters }): AsyncIterable<JudgeOutcome>
  close(): Promise<void>
}
