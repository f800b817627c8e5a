/**
 * POSTs JSON to an OpenAI-compatible server with a per-attempt timeout and retries with exponential backoff on
 * 429, 5xx, timeouts and connection failures (honouring Retry-After). Never puts the API key in a message.
 */

export interface RetryPolicy {
  retries: number
  timeoutMs: number
  /** First backoff; doubled per attempt, with jitter, capped at maxBackoffMs. */
  backoffMs: number
  maxBackoffMs: number
}

export type PostResult =
  | { ok: true; status: number; body: unknown; text: string; attempts: number }
  | { ok: false; status: number | null; error: string; text: string; attempts: number; aborted: boolean }

const SNIPPET = 300

export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > SNIPPET ? `${flat.slice(0, SNIPPET)}…` : flat
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null
  const seconds = Number(value.trim())
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isFinite(date) ? Math.max(0, date - now) : null
}

export function backoffDelay(attempt: number, policy: RetryPolicy, retryAfter: number | null): number {
  const exponential = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** attempt)
  const jittered = exponential * (0.5 + Math.random() * 0.5)
  return retryAfter !== null ? Math.min(Math.max(retryAfter, jittered), Math.max(policy.maxBackoffMs, 60_000)) : jittered
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

const retryable = (status: number) => status === 429 || status === 408 || status >= 500

export async function postJson(url: string, payload: unknown, headers: Record<string, string>, policy: RetryPolicy, signal: AbortSignal): Promise<PostResult> {
  let lastError = ''
  let lastStatus: number | null = null
  let lastText = ''
  const body = JSON.stringify(payload)
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) return { ok: false, status: lastStatus, error: 'cancelled', text: lastText, attempts: attempt, aborted: true }
    const timeout = AbortSignal.timeout(policy.timeoutMs)
    let retryAfter: number | null = null
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body,
        signal: AbortSignal.any([signal, timeout]),
      })
      const text = await response.text()
      lastStatus = response.status
      lastText = text
      if (response.ok) {
        try {
          return { ok: true, status: response.status, body: JSON.parse(text) as unknown, text, attempts: attempt + 1 }
        } catch {
          return { ok: false, status: response.status, error: `the server answered ${response.status} with something that is not JSON: ${snippet(text)}`, text, attempts: attempt + 1, aborted: false }
        }
      }
      lastError = `HTTP ${response.status}${text ? `: ${snippet(text)}` : ''}`
      if (!retryable(response.status)) return { ok: false, status: response.status, error: lastError, text, attempts: attempt + 1, aborted: false }
      retryAfter = retryAfterMs(response.headers.get('retry-after'))
    } catch (error) {
      if (signal.aborted) return { ok: false, status: lastStatus, error: 'cancelled', text: lastText, attempts: attempt + 1, aborted: true }
      lastStatus = null
      lastText = ''
      lastError = timeout.aborted ? `no answer within ${policy.timeoutMs} ms` : `cannot reach the server: ${describeFetchError(error)}`
    }
    if (attempt >= policy.retries) {
      return { ok: false, status: lastStatus, error: `${lastError} (after ${attempt + 1} attempt${attempt ? 's' : ''})`, text: lastText, attempts: attempt + 1, aborted: false }
    }
    await sleep(backoffDelay(attempt, policy, retryAfter), signal)
  }
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = (error as Error & { cause?: unknown }).cause
  if (cause instanceof Error) return `${cause.message}`
  return error.message
}
