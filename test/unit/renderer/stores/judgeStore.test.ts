import { describe, expect, it, vi } from 'vitest'

vi.mock('../../../../src/renderer/api', () => ({ api: { invoke: vi.fn(), on: vi.fn() }, asCastorError: (error: unknown) => error }))

const { runName, startInput, suggestedRunName } = await import('../../../../src/renderer/stores/judgeStore')
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
  nameEdited: true,
  maxTokens: '',
  contextSize: '',
  temperature: '0',
}

describe('judgeStore startInput', () => {
  it('turns the form into a judge-run-start input the contract accepts, leaving out an empty key', () => {
    const input = startInput(form)
    expect(input).toEqual({
      name: 'run-1',
      backend: { kind: 'remote', server: { baseUrl: 'http://gpu:8000/v1', model: 'ai-forever/pollux-judge-7b', api: 'chat', concurrency: 8 } },
      constrained: false,
      selection: { mode: 'unjudged', limit: 10 },
      decoding: { temperature: 0, topP: null, maxTokens: 4096, seed: null },
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

  it('sends max tokens, temperature and a local context size from the form', () => {
    const input = startInput({ ...form, kind: 'local', modelPath: '/m/judge.gguf', maxTokens: '512', contextSize: '4096', temperature: '0.3' })
    expect(input).toMatchObject({ backend: { kind: 'local', modelPath: '/m/judge.gguf', contextSize: 4096 }, decoding: { temperature: 0.3, maxTokens: 512 } })
    expect(operations['judge-run-start'].input.safeParse(input).success).toBe(true)
    // Left empty: the defaults (the context then comes from the model).
    expect(startInput({ ...form, kind: 'local', modelPath: '/m/judge.gguf' }).backend).toEqual({ kind: 'local', modelPath: '/m/judge.gguf' })
  })
})

describe('judgeStore run name', () => {
  const day = new Date(2026, 11, 2, 18, 30)
  it('defaults the name to the model and the date, unique among the runs, until the user types one', () => {
    const fresh = { ...form, nameEdited: false, name: '' }
    expect(suggestedRunName(fresh, [], day)).toBe('pollux-judge-7b 2026-12-02')
    expect(suggestedRunName({ ...fresh, kind: 'local', modelPath: '/models/Pollux-4B-Judge.Q4_K_M.gguf' }, [], day)).toBe('Pollux-4B-Judge.Q4_K_M 2026-12-02')
    expect(suggestedRunName(fresh, ['pollux-judge-7b 2026-12-02', 'pollux-judge-7b 2026-12-02 (2)'], day)).toBe('pollux-judge-7b 2026-12-02 (3)')
    expect(runName(fresh, [], day)).toBe('pollux-judge-7b 2026-12-02')
    expect(runName({ ...fresh, nameEdited: true, name: ' mine ' }, [], day)).toBe('mine')
    expect(operations['judge-run-start'].input.safeParse(startInput(fresh, runName(fresh, [], day))).success).toBe(true)
  })
})
