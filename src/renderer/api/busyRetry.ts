import type { CastorApi } from '@shared/api/client'
import { BUSY_RETRY_AFTER_S, isCastorError } from '@shared/api/errors'

/** How often and how long a call answered `busy` is repeated: the waits double from the server's Retry-After. */
export interface BusyRetryPolicy {
  attempts: number
  firstDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_BUSY_RETRY: BusyRetryPolicy = { attempts: 5, firstDelayMs: BUSY_RETRY_AFTER_S * 1000, maxDelayMs: 8000 }

/** What the UI shows while calls wait for another process to release the project: the retry under way, or null. */
export type BusyState = { attempt: number; attempts: number; delayMs: number } | null

type Sleep = (ms: number) => Promise<void>
const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** The calls now waiting because the project is busy; one state for the status line however many wait. */
export class BusyTracker {
  private readonly waiting = new Map<symbol, Exclude<BusyState, null>>()
  private readonly listeners = new Set<() => void>()
  private state: BusyState = null

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly current = (): BusyState => this.state

  set(call: symbol, state: BusyState): void {
    if (state) this.waiting.set(call, state)
    else this.waiting.delete(call)
    const last = [...this.waiting.values()].pop() ?? null
    if (last === this.state) return
    this.state = last
    for (const listener of this.listeners) listener()
  }
}

export const busyTracker = new BusyTracker()

/**
 * Runs `call`, repeating it while the host answers `busy` (another process holds the project's write lock; nothing
 * was written), with doubling waits, at most `policy.attempts` times in all; then the last `busy` error is thrown.
 */
export async function retryWhileBusy<T>(
  call: () => Promise<T>,
  options: { policy?: BusyRetryPolicy; tracker?: BusyTracker; sleep?: Sleep } = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_BUSY_RETRY
  const tracker = options.tracker ?? busyTracker
  const wait = options.sleep ?? sleep
  const id = Symbol('call')
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call()
      } catch (error) {
        if (!isCastorError(error) || error.code !== 'busy' || attempt >= policy.attempts) throw error
        const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempt - 1))
        tracker.set(id, { attempt, attempts: policy.attempts, delayMs })
        await wait(delayMs)
      }
    }
  } finally {
    tracker.set(id, null)
  }
}

/** The same client, with every call repeated while the host is busy. */
export function withBusyRetry<A extends CastorApi>(api: A, options: Parameters<typeof retryWhileBusy>[1] = {}): A {
  return { ...api, invoke: (name: never, input: never) => retryWhileBusy(() => api.invoke(name, input), options) } as A
}
