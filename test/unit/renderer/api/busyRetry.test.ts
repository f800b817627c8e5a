import { describe, expect, it } from 'vitest'
import { CastorError } from '@shared/api/errors'
import { BusyTracker, retryWhileBusy, type BusyState } from '../../../../src/renderer/api/busyRetry'

const policy = { attempts: 4, firstDelayMs: 1000, maxDelayMs: 3000 }

function recorder() {
  const tracker = new BusyTracker()
  const states: BusyState[] = []
  tracker.subscribe(() => states.push(tracker.current()))
  const waits: number[] = []
  const sleep = async (ms: number) => void waits.push(ms)
  return { tracker, states, waits, sleep }
}

describe('retryWhileBusy', () => {
  it('repeats a busy call with doubling, capped waits, shows it while waiting, and returns the success', async () => {
    const { tracker, states, waits, sleep } = recorder()
    let calls = 0
    const result = await retryWhileBusy(
      async () => {
        calls++
        if (calls < 4) throw new CastorError('busy', 'busy')
        return 'saved'
      },
      { policy, tracker, sleep },
    )
    expect(result).toBe('saved')
    expect(calls).toBe(4)
    expect(waits).toEqual([1000, 2000, 3000])
    expect(states.map((state) => state?.attempt ?? null)).toEqual([1, 2, 3, null])
    expect(tracker.current()).toBeNull()
  })

  it('gives up after the last attempt with the busy error, and clears the status line', async () => {
    const { tracker, waits, sleep } = recorder()
    await expect(retryWhileBusy(() => Promise.reject(new CastorError('busy', 'still busy')), { policy, tracker, sleep })).rejects.toMatchObject({ code: 'busy' })
    expect(waits).toHaveLength(policy.attempts - 1)
    expect(tracker.current()).toBeNull()
  })

  it('does not repeat other errors', async () => {
    const { tracker, waits, sleep } = recorder()
    let calls = 0
    const failing = () => {
      calls++
      return Promise.reject(new CastorError('conflict', 'no'))
    }
    await expect(retryWhileBusy(failing, { policy, tracker, sleep })).rejects.toMatchObject({ code: 'conflict' })
    expect(calls).toBe(1)
    expect(waits).toEqual([])
  })
})
