import { CastorError } from '@shared/api/errors'
import { parseJudgeOutput, regressionVariantReason } from '@shared/domain/judgeOutput'
import type { DecodingParameters, JudgeBackend, JudgeModelIdentity, JudgeOutcome, JudgeRequest } from '../backend'
import { postJson, snippet, type RetryPolicy } from './http'
import { readLogprobs, scoreDistributionFromLogprobs } from './logprobs'

export interface OpenAiBackendOptions {
  /** `http://host:8000` or `http://host:8000/v1` (a bare host gets `/v1`). */
  baseUrl: string
  model: string
  /** Sent as `Authorization: Bearer …`; never stored, never part of a message or the identity. */
  apiKey?: string | null
  /** `chat`: /chat/completions, the server applies the model's chat template. `completions`: /completions with ChatML. */
  api?: 'chat' | 'completions'
  concurrency?: number
  timeoutMs?: number
  retries?: number
  backoffMs?: number
  maxBackoffMs?: number
  /** Ask for logprobs at every token (top 20) to read the score distribution. */
  logprobs?: boolean
  topLogprobs?: number
}

/** The server's URL for an API path, `/v1` added to a bare host. */
export function apiUrl(baseUrl: string, path: string): string {
  const url = new URL(baseUrl)
  let base = url.pathname.replace(/\/+$/, '')
  if (base === '') base = '/v1'
  url.pathname = `${base}/${path}`
  return url.toString()
}

/** A single user message through Qwen's ChatML, for raw completions endpoints (the POLLUX judges are Qwen-based). */
export function chatMlPrompt(prompt: string): string {
  return `<|im_start|>user\n${prompt}<|im_end|>\n<|im_start|>assistant\n`
}

/** An endpoint without secrets, for the run's identity and messages. */
export function publicEndpoint(baseUrl: string): string {
  const url = new URL(baseUrl)
  url.username = ''
  url.password = ''
  url.search = ''
  url.hash = ''
  return url.toString().replace(/\/+$/, '')
}

/** Judges on an OpenAI-compatible server (vLLM, SGLang, llama-server, a cloud API); `concurrency` requests at once. */
export function createOpenAiBackend(options: OpenAiBackendOptions): JudgeBackend {
  const refusal = regressionVariantReason(options.model)
  if (refusal) throw new CastorError('invalid-input', refusal, { field: 'model', value: options.model })
  let parsedBase: URL
  try {
    parsedBase = new URL(options.baseUrl)
  } catch {
    throw new CastorError('invalid-input', `${JSON.stringify(options.baseUrl)} is not a URL`, { field: 'endpoint' })
  }
  if (parsedBase.protocol !== 'http:' && parsedBase.protocol !== 'https:') {
    throw new CastorError('invalid-input', `The endpoint must be http or https, not ${parsedBase.protocol}`, { field: 'endpoint' })
  }
  const api = options.api ?? 'chat'
  const url = apiUrl(options.baseUrl, api === 'chat' ? 'chat/completions' : 'completions')
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}
  const policy: RetryPolicy = {
    retries: options.retries ?? 4,
    timeoutMs: options.timeoutMs ?? 120_000,
    backoffMs: options.backoffMs ?? 500,
    maxBackoffMs: options.maxBackoffMs ?? 30_000,
  }
  let wantLogprobs = options.logprobs ?? true
  const topLogprobs = options.topLogprobs ?? 20
  const identity: JudgeModelIdentity = { backend: 'openai', model: options.model, modelHash: null, endpoint: publicEndpoint(options.baseUrl) }

  function body(request: JudgeRequest, decoding: DecodingParameters, logprobs: boolean): Record<string, unknown> {
    const common: Record<string, unknown> = {
      model: options.model,
      temperature: decoding.temperature,
      max_tokens: decoding.maxTokens,
      stop: ['[END]'],
      stream: false,
    }
    if (decoding.topP !== null) common.top_p = decoding.topP
    if (decoding.seed !== null) common.seed = decoding.seed
    if (api === 'chat') {
      const payload = { ...common, messages: [{ role: 'user', content: request.prompt }] }
      return logprobs ? { ...payload, logprobs: true, top_logprobs: topLogprobs } : payload
    }
    const payload = { ...common, prompt: chatMlPrompt(request.prompt) }
    return logprobs ? { ...payload, logprobs: topLogprobs } : payload
  }

  async function judgeOne(request: JudgeRequest, decoding: DecodingParameters, signal: AbortSignal): Promise<JudgeOutcome | null> {
    const started = performance.now()
    let result = await postJson(url, body(request, decoding, wantLogprobs), headers, policy, signal)
    if (!result.ok && result.status === 400 && wantLogprobs && /logprob/i.test(result.text)) {
      // Some servers refuse logprobs: judge without the score distribution from now on.
      wantLogprobs = false
      result = await postJson(url, body(request, decoding, false), headers, policy, signal)
    }
    if (!result.ok && result.aborted) return null
    if (!result.ok && stopsTheRun(result.status, result.error)) {
      // Every item would fail the same way (wrong URL, key or model; server down): stop the run, keep what is done.
      throw new CastorError('invalid-input', `The judge server ${identity.endpoint} (model ${options.model}): ${result.error}`, { field: 'endpoint' })
    }
    const latencyMs = Math.round(performance.now() - started)
    const failed = (error: string, rawOutput: string): JudgeOutcome => ({
      itemId: request.itemId,
      rawOutput,
      score: null,
      feedback: null,
      reasoning: null,
      scoreProbabilities: null,
      expectedScore: null,
      entropy: null,
      promptTokens: null,
      reusedPromptTokens: null,
      completionTokens: null,
      latencyMs,
      error,
    })
    if (!result.ok) return failed(result.error, result.text)
    const choice = readChoice(result.body, api)
    if (!choice) return failed(`the server's answer has no ${api === 'chat' ? 'choices[0].message.content' : 'choices[0].text'}: ${snippet(result.text)}`, result.text)
    const rawOutput = choice.reasoning !== null ? `<think>\n${choice.reasoning}\n</think>\n\n${choice.content}` : choice.content
    const parsed = parseJudgeOutput(rawOutput, request.allowedScores)
    const tokens = readLogprobs(choice.logprobs)
    const distribution = parsed.score !== null && tokens ? scoreDistributionFromLogprobs(tokens, request.allowedScores) : null
    const usage = readUsage(result.body)
    return {
      itemId: request.itemId,
      rawOutput,
      score: parsed.score,
      feedback: parsed.feedback,
      reasoning: parsed.reasoning,
      scoreProbabilities: distribution?.scoreProbabilities ?? null,
      expectedScore: distribution?.expectedScore ?? null,
      entropy: distribution?.entropy ?? null,
      promptTokens: usage.promptTokens,
      reusedPromptTokens: usage.cachedTokens,
      completionTokens: usage.completionTokens,
      latencyMs,
      error: parsed.error,
    }
  }

  return {
    identity,
    parallel: Math.max(1, options.concurrency ?? 4),
    judge(requests, { signal, decoding }) {
      if (decoding.constrained) {
        throw new CastorError('unsupported', 'Constrained decoding works with a local GGUF model only; a server judges unconstrained (its output is parsed and checked against the scale)')
      }
      return runConcurrently(requests, Math.max(1, options.concurrency ?? 4), signal, (request, inner) => judgeOne(request, decoding, inner))
    },
    async close() {},
  }
}

/** Unreachable, unauthorized, forbidden, no such model or path: configuration errors, not an item's. */
function stopsTheRun(status: number | null, error: string): boolean {
  if (status === null) return error.startsWith('cannot reach the server')
  return status === 401 || status === 403 || status === 404
}

interface Choice {
  content: string
  reasoning: string | null
  logprobs: unknown
}

function readChoice(body: unknown, api: 'chat' | 'completions'): Choice | null {
  const choices = (body as { choices?: unknown } | null)?.choices
  if (!Array.isArray(choices) || !choices[0] || typeof choices[0] !== 'object') return null
  const choice = choices[0] as Record<string, unknown>
  if (api === 'completions') {
    return typeof choice.text === 'string' ? { content: choice.text, reasoning: null, logprobs: choice.logprobs } : null
  }
  const message = choice.message as Record<string, unknown> | undefined
  if (!message || typeof message !== 'object') return null
  const reasoningValue = [message.reasoning, message.reasoning_content].find((value) => typeof value === 'string' && value.trim() !== '')
  const content = typeof message.content === 'string' ? message.content : message.content === null && reasoningValue ? '' : null
  if (content === null) return null
  return { content, reasoning: (reasoningValue as string | undefined) ?? null, logprobs: choice.logprobs }
}

function readUsage(body: unknown): { promptTokens: number | null; completionTokens: number | null; cachedTokens: number | null } {
  const usage = (body as { usage?: Record<string, unknown> } | null)?.usage
  const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null)
  if (!usage || typeof usage !== 'object') return { promptTokens: null, completionTokens: null, cachedTokens: null }
  const details = usage.prompt_tokens_details as Record<string, unknown> | undefined
  return { promptTokens: num(usage.prompt_tokens), completionTokens: num(usage.completion_tokens), cachedTokens: num(details?.cached_tokens) }
}

/**
 * Runs `work` over the requests with at most `limit` in flight, yielding results as they complete. Requests are
 * pulled in order, so the criteria of one answer go out back to back (servers with prefix caching reuse them).
 * Stopping early (abort, or the consumer leaving) aborts what is in flight; those requests yield nothing.
 */
export async function* runConcurrently<T>(
  requests: AsyncIterable<JudgeRequest> | Iterable<JudgeRequest>,
  limit: number,
  signal: AbortSignal,
  work: (request: JudgeRequest, signal: AbortSignal) => Promise<T | null>,
): AsyncIterable<T> {
  const inner = new AbortController()
  const onAbort = () => inner.abort()
  signal.addEventListener('abort', onAbort, { once: true })
  if (signal.aborted) inner.abort()
  const iterator = Symbol.asyncIterator in requests ? (requests as AsyncIterable<JudgeRequest>)[Symbol.asyncIterator]() : (requests as Iterable<JudgeRequest>)[Symbol.iterator]()
  const ready: T[] = []
  let failure: unknown = null
  let running = 0
  let wake: (() => void) | null = null
  const notify = () => {
    const w = wake
    wake = null
    w?.()
  }
  let pulling = Promise.resolve()
  const next = (): Promise<IteratorResult<JudgeRequest>> => {
    // Pull one request at a time so workers never race on the iterator.
    const result = pulling.then(() => iterator.next())
    pulling = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }
  const worker = async () => {
    try {
      while (!inner.signal.aborted) {
        const item = await next()
        if (item.done || inner.signal.aborted) return
        const value = await work(item.value, inner.signal)
        if (value !== null) ready.push(value) // a finished outcome is kept even when stopping
        notify()
      }
    } catch (error) {
      failure ??= error
      inner.abort()
    } finally {
      running--
      notify()
    }
  }
  running = limit
  const workers = Array.from({ length: limit }, () => worker())
  try {
    for (;;) {
      while (ready.length) yield ready.shift() as T
      if (failure) throw failure
      if (running === 0) break
      await new Promise<void>((resolve) => {
        wake = resolve
        if (ready.length || running === 0 || failure) notify()
      })
    }
  } finally {
    inner.abort()
    signal.removeEventListener('abort', onAbort)
    await Promise.allSettled(workers)
    await (iterator as { return?: () => unknown }).return?.()
  }
}
