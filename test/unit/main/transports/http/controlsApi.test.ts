import WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../../../../src/main/transports/http/server'
import { itemsOf, makeWorkbenchProject } from '../../services/workbench/workbenchKit'
import { call, connect } from './httpClient'

const running: RunningServer[] = []
const sockets: WebSocket[] = []
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate()
  for (const server of running.splice(0)) await server.close()
})

async function ok<T = any>(reply: Promise<{ status: number; json<U>(): U; body: string }>): Promise<T> {
  const result = await reply
  if (result.status !== 200) throw new Error(`HTTP ${result.status}: ${result.body}`)
  return result.json<{ result: T }>().result
}

/** The shape of a JSON value: its keys and value types, not its values. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : []
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]).sort(([a], [b]) => String(a).localeCompare(String(b))))
  return value === null ? 'null' : typeof value
}

describe('control items over HTTP', () => {
  it('never tell an annotator that an item is a control, in any reply or event, unless feedback is on', async () => {
    const { db, file, responseIds } = makeWorkbenchProject({ answers: 4, criteria: 1 })
    const controlResponse = responseIds[2]
    const controlItem = itemsOf(db, controlResponse)[0]
    db.close()
    const server = await startServer({ projectPath: file, rendererDir: '/nonexistent' })
    running.push(server)
    const base = `http://127.0.0.1:${server.port}`
    const owner = (name: string, input?: unknown) => ok(call(base, server.token, name, input))
    const person = async (name: string) => {
      const { link } = await owner('annotator-add', { name, role: 'annotator', language: 'ru' })
      const token = link.token as string
      return { token, call: (op: string, input?: unknown) => call(base, token, op, input) }
    }

    await owner('control-set', { itemId: controlItem, score: 2, note: 'ЭТАЛОН-КОНТРОЛЯ' })
    const anna = await person('Анна')
    // An ordinary answer first (rate 0), then the control (rate 1): the two replies must look alike.
    const replies: string[] = []
    const seen = async (reply: ReturnType<typeof anna.call>) => {
      const result = await reply
      expect(result.status, result.body).toBe(200)
      replies.push(result.body)
      return result.json<{ result: any }>().result
    }
    const socket = await connect(`ws://127.0.0.1:${server.port}/api/events`, { Authorization: `Bearer ${anna.token}` })
    if (!('socket' in socket)) throw new Error(`socket refused: ${socket.refused}`)
    sockets.push(socket.socket)
    const events: string[] = []
    socket.socket.on('message', (data) => events.push(String(data)))
    const annaCall = anna.call

    const ordinary = await seen(annaCall('work-next'))
    expect(ordinary.item.responseId).not.toBe(controlResponse)
    const ordinaryItem = ordinary.item.criteria[0].itemId
    const ordinarySubmit = await seen(annaCall('annotation-submit', { itemId: ordinaryItem, score: 1, rationale: 'обычный' }))

    await owner('control-settings-update', { rate: 1 })
    const control = await seen(annaCall('work-next'))
    expect(control.item.responseId).toBe(controlResponse)
    expect(shape(control)).toEqual(shape(ordinary))
    await seen(annaCall('me-get'))
    await seen(annaCall('work-get', { responseId: controlResponse }))
    await seen(annaCall('work-queue', {}))
    await seen(annaCall('annotation-draft-save', { itemId: controlItem, score: 0, rationale: 'думаю' }))
    const controlSubmit = await seen(annaCall('annotation-submit', { itemId: controlItem, score: 0, rationale: 'наверное 0' }))
    expect(shape(controlSubmit)).toEqual(shape(ordinarySubmit))
    await seen(annaCall('reveal-get', { responseId: controlResponse }))
    await seen(annaCall('project-info'))
    for (const op of ['control-settings-get', 'controls-list', 'control-accuracy', 'adjudication-item', 'adjudication-judge']) {
      const reply = await annaCall(op, op.startsWith('adjudication') ? { itemId: controlItem } : {})
      expect(reply.status, op).toBe(403) // (the refusal names the operation the annotator asked for)
    }
    await new Promise((resolve) => setTimeout(resolve, 1200)) // any throttled event has been sent by now
    for (const body of [...replies, ...events]) {
      expect(body).not.toMatch(/control|контрол|ЭТАЛОН-КОНТРОЛЯ|feedback/i)
    }

    // With feedback on, the next annotator is told the reference after submitting (and only then).
    await owner('control-settings-update', { feedback: true })
    const boris = await person('Борис')
    const borisControl = await ok(boris.call('work-next'))
    expect(borisControl.item.responseId).toBe(controlResponse)
    expect(JSON.stringify(borisControl)).not.toMatch(/ЭТАЛОН|feedback/)
    const told = await ok(boris.call('annotation-submit', { itemId: controlItem, score: 2, rationale: 'верно' }))
    expect(told.feedback).toEqual({ referenceScore: 2, note: 'ЭТАЛОН-КОНТРОЛЯ' })
    expect(await owner('control-accuracy', {})).toEqual([
      { annotatorId: expect.any(Number), name: 'Анна', n: 1, correct: 0 },
      { annotatorId: expect.any(Number), name: 'Борис', n: 1, correct: 1 },
    ])
  })
})
