import { describe, expect, it, vi } from 'vitest'

const invoke = vi.fn()
vi.mock('../../../../src/renderer/api', () => ({ api: { invoke, on: vi.fn() }, asCastorError: (error: unknown) => error }))

const { useJudgeStore } = await import('../../../../src/renderer/stores/judgeStore')

const criterion = (id: number, externalId: string, name: string, items: number) => ({ id, externalId, name, description: null, group: null, language: 'ru', levels: [], translations: null, items })

describe("judge form's criteria list", () => {
  it('labels criteria that share a name with their external id, each once', async () => {
    invoke.mockResolvedValueOnce([criterion(1, 'pollux-1', 'Правильность ответа', 3), criterion(2, 'own', 'Правильность ответа', 3), criterion(3, 'c3', 'Логичность', 5)])
    await useJudgeStore.getState().loadCriteria()
    expect(invoke).toHaveBeenCalledWith('criteria-list', {})
    expect(useJudgeStore.getState().criteria).toEqual([
      { id: 1, label: 'Правильность ответа (pollux-1)', items: 3 },
      { id: 2, label: 'Правильность ответа (own)', items: 3 },
      { id: 3, label: 'Логичность', items: 5 },
    ])
  })
})
