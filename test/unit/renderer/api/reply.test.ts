import { describe, expect, it } from 'vitest'
import { CastorError } from '@shared/api/errors'
import { readReply } from '../../../../src/renderer/api/httpTransport'
import { asCastorError, unwrap } from '../../../../src/renderer/api/reply'

describe('unwrap', () => {
  it('returns the result of an ok reply', () => {
    expect(unwrap({ ok: true, result: { total: 3 } })).toEqual({ total: 3 })
  })

  it('throws the error of a failed reply as a CastorError with its code and location', () => {
    const location = { file: 'bad.jsonl', line: 2, field: 'model' }
    let thrown: unknown
    try {
      unwrap({ ok: false, error: { code: 'invalid-input', message: 'field "model" is missing', location } })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(CastorError)
    expect(thrown).toMatchObject({ code: 'invalid-input', message: 'field "model" is missing', location })
  })

  it('turns an unknown error code into internal', () => {
    expect(() => unwrap({ ok: false, error: { code: 'weird' as 'internal', message: 'x' } })).toThrow(
      expect.objectContaining({ code: 'internal' }),
    )
  })
})

describe('readReply', () => {
  it('reads the envelope of an HTTP reply whatever its status', async () => {
    const body = JSON.stringify({ ok: false, error: { code: 'not-found', message: 'No item 9' } })
    expect(await readReply(new Response(body, { status: 404 }))).toEqual({ ok: false, error: { code: 'not-found', message: 'No item 9' } })
  })

  it('turns a body that is no envelope into an error coded by the status', async () => {
    await expect(readReply(new Response('Unauthorized', { status: 401 }))).rejects.toMatchObject({ code: 'unauthorized' })
    await expect(readReply(new Response('<html>', { status: 502 }))).rejects.toMatchObject({ code: 'internal' })
  })
})

describe('asCastorError', () => {
  it('keeps CastorErrors and wraps anything else as internal or cancelled', () => {
    const original = new CastorError('conflict', 'exists')
    expect(asCastorError(original)).toBe(original)
    expect(asCastorError(new Error('boom'))).toMatchObject({ code: 'internal', message: 'boom' })
    expect(asCastorError(Object.assign(new Error('stop'), { name: 'AbortError' }))).toMatchObject({ code: 'cancelled' })
  })
})
