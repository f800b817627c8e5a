import { afterEach, describe, expect, it } from 'vitest'
import type { DecodingParameters, JudgeOutcome, JudgeRequest } from '../../../../../../src/main/services/judge/backend'
import { apiUrl, createOpenAiBackend, type OpenAiBackendOptions } from '../../../../../../src/main/services/judge/remote/openAiBackend'
import { retryAfterMs } from '../../../../../../src/main/services/judge/remote/http'
import {
  feedbackReply,
  garbageReply,
  reasoningReply,
  startFakeOpenAi,
  statusReply,
  thinkReply,
  type FakeOpenAi,
  type FakeScript,
} from '../../../../../helpers/fakeOpenAi'

const decoding: DecodingParameters = { temperature: 0, topP: null, maxTokens: 256, constrained: false, seed: null }
const servers: FakeOpenAi[] = []

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

async function serve(script: FakeScript): Promise<FakeOpenAi> {
  const server = await startFakeOpenAi(script)
  servers.push(server)
  return server
}

function request(itemId: number, prompt = `prompt ${itemId}`, allowedScores = [0, 1, 2]): JudgeRequest {
  return { itemId, group: itemId, prompt, allowedScores }
}

async function judgeAll(server: FakeOpenAi, requests: JudgeRequest[], options: Partial<OpenAiBackendOptions> = {}, signal = new AbortController().signal): Promise<JudgeOutcome[]> {
  const backend = createOpenAiBackend({ baseUrl: server.url, model: 'ai-forever/pollux-judge-7b', backoffMs: 5, maxBackoffMs: 20, retries: 2, timeoutMs: 2000, ...options })
  const outcomes: JudgeOutcome[] = []
  for await (const outcome of backend.judge(requests, { signal, decoding })) outcomes.push(outcome)
  await backend.close()
  return outcomes.sort((a, b) => a.itemId - b.itemId)
}

describe('createOpenAiBackend', () => {
  it('sends one user message with no system message, temperature 0, stop [END] and logprobs, and reads [FEEDBACK]…[RESULT] with score probabilities', async () => {
    const server = await serve(() => feedbackReply(2, 'Ответ «Будет 4» верный.', { '0': 0.05, '1': 0.15, '2': 0.8 }))
    const [outcome] = await judgeAll(server, [request(7, '### Задание для оценки:\nСколько будет 2+2?\n')], { apiKey: 'sk-secret-123' })
    expect(outcome.error).toBeNull()
    expect(outcome.score).toBe(2)
    expect(outcome.feedback).toBe('Ответ «Будет 4» верный.')
    expect(outcome.rawOutput).toContain('[RESULT] 2')
    expect(outcome.promptTokens).toBe(120)
    expect(outcome.completionTokens).toBe(30)
    const probabilities = outcome.scoreProbabilities!
    expect(probabilities.map((p) => p.score)).toEqual([0, 1, 2])
    expect(probabilities.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 9)
    expect(probabilities[2].probability).toBeCloseTo(0.8, 9)
    expect(outcome.expectedScore).toBeCloseTo(0.15 + 1.6, 9)
    expect(outcome.entropy).toBeGreaterThan(0)

    const sent = server.requests[0]
    expect(sent.path).toBe('/v1/chat/completions')
    expect(sent.headers.authorization).toBe('Bearer sk-secret-123')
    expect(sent.body.messages).toEqual([{ role: 'user', content: '### Задание для оценки:\nСколько будет 2+2?\n' }])
    expect(sent.body).toMatchObject({ model: 'ai-forever/pollux-judge-7b', temperature: 0, stop: ['[END]'], logprobs: true, top_logprobs: 20, max_tokens: 256 })
  })

  it("reads the 4B judge's reasoning field, reasoning_content and <think> shapes", async () => {
    const server = await serve((r) =>
      r.prompt === 'a' ? reasoningReply(1, 'Ответ неполный.', 'reasoning', { '0': 0.1, '1': 0.7, '2': 0.2 }) : r.prompt === 'b' ? reasoningReply(2, 'Всё верно.', 'reasoning_content') : thinkReply(0, 'Ответ неверный.'),
    )
    const [a, b, c] = await judgeAll(server, [request(1, 'a'), request(2, 'b'), request(3, 'c')], { model: 'ai-forever/Pollux-4B-Judge' })
    expect(a).toMatchObject({ score: 1, reasoning: 'Ответ неполный.', error: null })
    expect(a.scoreProbabilities?.find((p) => p.score === 1)?.probability).toBeCloseTo(0.7, 9)
    expect(b).toMatchObject({ score: 2, reasoning: 'Всё верно.', error: null, scoreProbabilities: null })
    expect(c).toMatchObject({ score: 0, reasoning: 'Ответ неверный.', error: null })
    expect(c.rawOutput).toContain('</think>')
  })

  it('retries after 429, honouring Retry-After, then lands the score', async () => {
    const server = await serve((r) => (r.index === 0 ? statusReply(429, { 'retry-after': '0' }) : feedbackReply(1)))
    const [outcome] = await judgeAll(server, [request(1)])
    expect(outcome).toMatchObject({ score: 1, error: null })
    expect(server.requests).toHaveLength(2)
  })

  it('stores a 500 that persists after the retries as an error, with the body kept', async () => {
    const server = await serve(() => statusReply(500, {}, { error: { message: 'CUDA out of memory' } }))
    const [outcome] = await judgeAll(server, [request(1)], { retries: 2 })
    expect(outcome.score).toBeNull()
    expect(outcome.error).toMatch(/HTTP 500.*CUDA out of memory.*after 3 attempts/)
    expect(outcome.rawOutput).toContain('CUDA out of memory')
    expect(server.requests).toHaveLength(3)
  })

  it('stops the run on a 401 without retrying, never putting the API key in the error', async () => {
    const server = await serve(() => statusReply(401, {}, { error: { message: 'invalid key' } }))
    const failure = await judgeAll(server, [request(1), request(2)], { apiKey: 'sk-very-secret', concurrency: 1 }).catch((error: unknown) => error as Error)
    expect(failure).toBeInstanceOf(Error)
    expect((failure as Error).message).toMatch(/HTTP 401.*invalid key/)
    expect(JSON.stringify(failure) + (failure as Error).message).not.toContain('sk-very-secret')
    expect(server.requests).toHaveLength(1)
  })

  it('stops the run when the server cannot be reached, after its retries', async () => {
    const server = await serve(() => feedbackReply(1))
    const url = server.url
    await server.close()
    servers.splice(0)
    const backend = createOpenAiBackend({ baseUrl: url, model: 'judge', retries: 1, backoffMs: 5, maxBackoffMs: 10 })
    const outcomes: JudgeOutcome[] = []
    const failure = await (async () => {
      for await (const outcome of backend.judge([request(1), request(2)], { signal: new AbortController().signal, decoding })) outcomes.push(outcome)
    })().catch((error: unknown) => error as Error)
    expect(outcomes).toEqual([])
    expect((failure as Error).message).toMatch(/cannot reach the server.*after 2 attempts/)
  })

  it('stores garbage as an error with the raw text', async () => {
    const server = await serve(() => garbageReply())
    const [outcome] = await judgeAll(server, [request(1)])
    expect(outcome.score).toBeNull()
    expect(outcome.error).toMatch(/not JSON/)
    expect(outcome.rawOutput).toContain('502 Bad Gateway')
  })

  it('stores a JSON answer without choices, an unparsable output and a score outside the scale as errors', async () => {
    const server = await serve((r) =>
      r.prompt === 'a' ? { body: { object: 'error' } } : r.prompt === 'b' ? { body: { choices: [{ message: { content: 'Отличный ответ!' } }] } } : feedbackReply(5),
    )
    const [a, b, c] = await judgeAll(server, [request(1, 'a'), request(2, 'b'), request(3, 'c')])
    expect(a.error).toMatch(/no choices\[0\]\.message\.content/)
    expect(b).toMatchObject({ score: null, rawOutput: 'Отличный ответ!' })
    expect(b.error).toBeTruthy()
    expect(c.score).toBeNull()
    expect(c.error).toMatch(/outside the criterion's scale/)
    expect(c.rawOutput).toContain('[RESULT] 5')
  })

  it('gives up on an answer slower than the timeout instead of hanging', async () => {
    const server = await serve(() => ({ ...feedbackReply(2), delayMs: 5000 }))
    const [outcome] = await judgeAll(server, [request(1)], { timeoutMs: 200, retries: 1 })
    expect(outcome.score).toBeNull()
    expect(outcome.error).toMatch(/no answer within 200 ms.*after 2 attempts/)
  })

  it('keeps at most `concurrency` requests in flight and sends each request once', async () => {
    let inFlight = 0
    let most = 0
    const server = await serve(async () => {
      inFlight++
      most = Math.max(most, inFlight)
      await new Promise((resolve) => setTimeout(resolve, 30))
      inFlight--
      return feedbackReply(1)
    })
    const requests = Array.from({ length: 12 }, (_, i) => request(i + 1, `p${i + 1}`))
    const outcomes = await judgeAll(server, requests, { concurrency: 3 })
    expect(outcomes.map((o) => o.score)).toEqual(Array(12).fill(1))
    expect(most).toBe(3)
    expect(server.requests.map((r) => r.prompt).sort()).toEqual(requests.map((r) => r.prompt).sort())
  })

  it('stops when the signal aborts, yielding nothing for requests in flight', async () => {
    const server = await serve((r) => (r.index < 2 ? feedbackReply(2) : { ...feedbackReply(2), delayMs: 10_000 }))
    const controller = new AbortController()
    const backend = createOpenAiBackend({ baseUrl: server.url, model: 'judge', concurrency: 1 })
    const outcomes: JudgeOutcome[] = []
    for await (const outcome of backend.judge([request(1), request(2), request(3), request(4)], { signal: controller.signal, decoding })) {
      outcomes.push(outcome)
      if (outcomes.length === 2) setTimeout(() => controller.abort(), 50)
    }
    expect(outcomes.map((o) => o.itemId)).toEqual([1, 2])
    expect(server.requests).toHaveLength(3)
  })

  it('uses the completions endpoint with the ChatML template when asked', async () => {
    const server = await serve(() => ({ body: { choices: [{ text: '[FEEDBACK] Хорошо. [RESULT] 1 ', logprobs: null }], usage: { prompt_tokens: 10, completion_tokens: 5 } } }))
    const [outcome] = await judgeAll(server, [request(1, 'Вопрос')], { api: 'completions', baseUrl: `${servers[0]?.url ?? ''}` })
    expect(outcome).toMatchObject({ score: 1, feedback: 'Хорошо.' })
    expect(server.requests[0].path).toBe('/v1/completions')
    expect(server.requests[0].body.prompt).toBe('<|im_start|>user\nВопрос<|im_end|>\n<|im_start|>assistant\n')
  })

  it('refuses regression (-r) models and constrained decoding, saying why', () => {
    expect(() => createOpenAiBackend({ baseUrl: 'http://127.0.0.1:9', model: 'ai-forever/pollux-judge-7b-r' })).toThrow(/regression/)
    const backend = createOpenAiBackend({ baseUrl: 'http://127.0.0.1:9', model: 'judge' })
    expect(() => backend.judge([], { signal: new AbortController().signal, decoding: { ...decoding, constrained: true } })).toThrow(/local GGUF/)
    expect(backend.identity).toEqual({ backend: 'openai', model: 'judge', modelHash: null, endpoint: 'http://127.0.0.1:9' })
  })
})

describe('apiUrl and retryAfterMs', () => {
  it('adds /v1 to a bare host and keeps a given path', () => {
    expect(apiUrl('http://h:8000', 'chat/completions')).toBe('http://h:8000/v1/chat/completions')
    expect(apiUrl('http://h:8000/v1/', 'chat/completions')).toBe('http://h:8000/v1/chat/completions')
    expect(apiUrl('https://api.example.com/openai/v1', 'completions')).toBe('https://api.example.com/openai/v1/completions')
  })

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('3')).toBe(3000)
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000)
    expect(retryAfterMs(null)).toBeNull()
    expect(retryAfterMs('soon')).toBeNull()
  })
})
