import { describe, expect, it, vi } from 'vitest'

vi.mock('../../../../src/renderer/api', () => ({ api: { invoke: vi.fn(), on: vi.fn() }, asCastorError: (error: unknown) => error }))

const { startInput } = await import('../../../../src/renderer/stores/judgeStore')
const { operations } = await import('../../../../src/shared/api/operations')

const form = {
  kind: 'remote' as const,
  name: ' run-1 ',
  baseUrl: 'http://gpu:8000/v1 ',
  apiModel: 'ai-forever/pollux-judge-7b',
  apiKey: '',
  api: 'chat' as const,
  concurrency: 8,
  modelPath: '',
  constrained: true,
  mode: 'unjudged' as const,
  criterionId: '',
  limit: '10',
  sample: '',
  seed: '1',
}

describe('judgeStore startInput', () => {
  it('turns the form into a judge-run-start input the contract accepts, leaving out an empty key', () => {
    const input = startInput(form)
    expect(input).toEqual({
      name: 'run-1',
      backend: { kind: 'remote', server: { baseUrl: 'http://gpu:8000/v1', model: 'ai-forever/pollux-judge-7b', api: 'chat', concurrency: 8 } },
      constrained: false,
      selection: { mode: 'unjudged', limit: 10 },
    })
    expect(operations['judge-run-start'].input.safeParse(input).success).toBe(true)
  })

  it('sends a local model with constrained decoding, a seeded sample, and the key only when given', () => {
    expect(startInput({ ...form, kind: 'local', modelPath: '/m/judge.gguf', sample: '5', seed: '7', limit: 'x' })).toMatchObject({
      backend: { kind: 'local', modelPath: '/m/judge.gguf' },
      constrained: true,
      selection: { mode: 'unjudged', sample: { size: 5, seed: 7 } },
    })
    expect(startInput({ ...form, apiKey: 'sk-1' }).backend).toMatchObject({ apiKey: 'sk-1' })
    expect(startInput({ ...form, criterionId: '3' }).selection).toEqual({ mode: 'unjudged', criterionIds: [3], limit: 10 })
  })
})
