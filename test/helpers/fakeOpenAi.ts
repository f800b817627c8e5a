import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A fake OpenAI-compatible server on 127.0.0.1 (real HTTP) for judge tests. Every request is recorded and
 * answered by a script: a function of the request (its prompt, its index) returning a reply.
 */

export interface FakeRequest {
  index: number
  path: string
  headers: http.IncomingHttpHeaders
  body: Record<string, unknown>
  /** The user message (chat) or the raw prompt (completions). */
  prompt: string
}

export interface FakeReply {
  status?: number
  headers?: Record<string, string>
  /** An object is sent as JSON; a string as it is. */
  body?: unknown
  /** Wait this long before answering (a slow server, or one past the client's timeout). */
  delayMs?: number
}

export type FakeScript = (request: FakeRequest) => FakeReply | Promise<FakeReply>

export interface FakeOpenAi {
  url: string
  requests: FakeRequest[]
  setScript(script: FakeScript): void
  close(): Promise<void>
}

export async function startFakeOpenAi(script: FakeScript, options: { port?: number } = {}): Promise<FakeOpenAi> {
  let current = script
  const requests: FakeRequest[] = []
  const timers = new Set<NodeJS.Timeout>()
  const server = http.createServer((req, res) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (raw += chunk))
    req.on('end', () => {
      void (async () => {
        let body: Record<string, unknown> = {}
        try {
          body = JSON.parse(raw) as Record<string, unknown>
        } catch {
          body = {}
        }
        const messages = Array.isArray(body.messages) ? (body.messages as { content?: string }[]) : []
        const prompt = messages.length ? String(messages[messages.length - 1]?.content ?? '') : String(body.prompt ?? '')
        const request: FakeRequest = { index: requests.length, path: req.url ?? '', headers: req.headers, body, prompt }
        requests.push(request)
        const reply = await current(request)
        const send = () => {
          if (res.destroyed) return
          const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {})
          res.writeHead(reply.status ?? 200, { 'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json', ...reply.headers })
          res.end(payload)
        }
        if (reply.delayMs) {
          const timer = setTimeout(() => {
            timers.delete(timer)
            send()
          }, reply.delayMs)
          timers.add(timer)
        } else send()
      })()
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setScript(next) {
      current = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface ScoreLogprobs {
  /** Probability of each score at the score position (as top_logprobs). */
  [score: string]: number
}

function logprobsFor(tokens: string[], scoreIndex: number, probabilities: ScoreLogprobs): unknown {
  return {
    content: tokens.map((token, index) => ({
      token,
      logprob: index === scoreIndex ? Math.log(probabilities[token.trim()] ?? 0.5) : -0.01,
      bytes: null,
      top_logprobs:
        index === scoreIndex
          ? Object.entries(probabilities).map(([score, p]) => ({ token: score, logprob: Math.log(p), bytes: null }))
          : [{ token, logprob: -0.01, bytes: null }],
    })),
  }
}

function completion(message: Record<string, unknown>, logprobs: unknown = null, usage = { prompt_tokens: 120, completion_tokens: 30 }): Record<string, unknown> {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'fake',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, logprobs, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  }
}

/** The 7B/32B shape, `[FEEDBACK] … [RESULT] score` (the server stopped at `[END]` and left it out). */
export function feedbackReply(score: number, rationale = 'Ответ верный и полный.', probabilities?: ScoreLogprobs): FakeReply {
  const tokens = ['[', 'FEEDBACK', ']', ` ${rationale}`, ' [', 'RESULT', ']', ` ${score}`, ' ']
  const content = tokens.join('')
  return { body: completion({ content }, probabilities ? logprobsFor(tokens, 7, probabilities) : null) }
}

/** The 4B judge behind a reasoning parser: the reasoning in `reasoning` (or `reasoning_content`), the bare score as content. */
export function reasoningReply(score: number, reasoning = 'Ответ совпадает с эталоном, значит балл 2.', field: 'reasoning' | 'reasoning_content' = 'reasoning', probabilities?: ScoreLogprobs): FakeReply {
  return { body: completion({ content: `${score}`, [field]: reasoning }, probabilities ? logprobsFor([`${score}`], 0, probabilities) : null) }
}

/** The 4B judge without a reasoning parser: `<think>…</think>` and the score in the content. */
export function thinkReply(score: number, reasoning = 'Проверю ответ: он верный.'): FakeReply {
  return { body: completion({ content: `<think>\n${reasoning}\n</think>\n\n${score}` }) }
}

export function statusReply(status: number, headers: Record<string, string> = {}, body: unknown = { error: { message: `status ${status}` } }): FakeReply {
  return { status, headers, body }
}

export function garbageReply(): FakeReply {
  return { status: 200, body: '<html>502 Bad Gateway… not JSON' }
}
