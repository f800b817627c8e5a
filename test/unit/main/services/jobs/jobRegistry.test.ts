import { describe, expect, it } from 'vitest'
import { estimateEta, JobRegistry } from '../../../../../src/main/services/jobs/jobRegistry'
import type { Job } from '../../../../../src/shared/api/models'

describe('JobRegistry', () => {
  it('reports progress and the result of a job that finishes', async () => {
    const jobs = new JobRegistry()
    const seen: Job[] = []
    jobs.onChange((job) => seen.push(job))
    const job = jobs.start({
      kind: 'import',
      label: 'x.jsonl',
      unit: 'bytes',
      run: async ({ report }) => {
        report(50, 100, 5)
        return { rows: 10 }
      },
    })
    const done = await jobs.settled(job.id)
    expect(done).toMatchObject({ status: 'done', done: 100, total: 100, rows: 5, result: { rows: 10 }, error: null })
    expect(seen[0].status).toBe('running')
    expect(seen.at(-1)!.status).toBe('done')
  })

  it('cancels through the AbortSignal', async () => {
    const jobs = new JobRegistry()
    const job = jobs.start({
      kind: 'import',
      label: 'slow',
      unit: 'rows',
      run: ({ signal }) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(Object.assign(new Error('stop'), { name: 'AbortError' })))),
    })
    jobs.cancel(job.id)
    expect(await jobs.settled(job.id)).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } })
  })

  it('keeps a failure as a serialised error with its code and location', async () => {
    const jobs = new JobRegistry()
    const { CastorError } = await import('../../../../../src/shared/api/errors')
    const job = jobs.start({
      kind: 'import',
      label: 'bad',
      unit: 'bytes',
      run: async () => {
        throw new CastorError('invalid-input', 'bad.jsonl line 3: score 7 is not on the scale {0, 1, 2}', { file: 'bad.jsonl', line: 3, field: 'score', value: 7 })
      },
    })
    expect(await jobs.settled(job.id)).toMatchObject({
      status: 'failed',
      error: { code: 'invalid-input', location: { file: 'bad.jsonl', line: 3, field: 'score', value: 7 } },
    })
  })

  it('estimates the time left from the pace so far', () => {
    expect(estimateEta({ done: 25, total: 100, startedAt: 0 }, 1000)).toBe(3000)
    expect(estimateEta({ done: 0, total: 100, startedAt: 0 }, 1000)).toBeNull()
    expect(estimateEta({ done: 5, total: null, startedAt: 0 }, 1000)).toBeNull()
  })
})
