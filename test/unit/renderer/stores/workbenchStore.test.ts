import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Criterion } from '@shared/api/models'

// The store talks to the host only through workbenchBackend and reports errors through appStore: both are faked,
// so these tests drive the real store (debounce, validation, submit vs revise) without a window or a server.
const backend = vi.hoisted(() => ({
  me: vi.fn(),
  queuePage: vi.fn(),
  next: vi.fn(),
  answer: vi.fn(),
  saveDraft: vi.fn(),
  submit: vi.fn(),
  reveal: vi.fn(),
}))
const reportError = vi.hoisted(() => vi.fn())

vi.mock('../../../../src/renderer/stores/workbenchBackend', () => ({ workbenchBackend: backend, QUEUE_PAGE: 500 }))
vi.mock('../../../../src/renderer/stores/appStore', () => ({ useAppStore: { getState: () => ({ reportError }) } }))

const { SAVE_DELAY_MS, useWorkbenchStore } = await import('../../../../src/renderer/stores/workbenchStore')

const criterion = (id: number): Criterion => ({
  id,
  externalId: `c${id}`,
  name: `Criterion ${id}`,
  description: null,
  group: null,
  language: 'ru',
  levels: [
    { score: 0, text: 'no' },
    { score: 1, text: 'partly' },
    { score: 2, text: 'yes' },
  ],
  translations: null,
})

const answer = {
  responseId: 7,
  instruction: { externalId: 'i1', text: 'Q', referenceAnswer: null },
  model: 'M',
  text: 'A',
  items: [
    { itemId: 11, criterion: criterion(1), mine: null },
    { itemId: 12, criterion: criterion(2), mine: null },
  ],
}

async function openAnswer(rationaleRequired = true): Promise<void> {
  backend.me.mockResolvedValue({ settings: { rationaleRequired, overlap: 2, agreementSource: 'first' } })
  backend.queuePage.mockResolvedValue({ total: 1, entries: [{ responseId: 7, preview: 'Q', model: 'M', done: 0, total: 2 }] })
  backend.answer.mockResolvedValue(answer)
  backend.reveal.mockResolvedValue({ 11: { experts: [], judges: [] } })
  backend.saveDraft.mockResolvedValue({})
  backend.submit.mockResolvedValue({ answerDone: false })
  useWorkbenchStore.getState().bind(`/tmp/project-${Math.random()}.castor`)
  await vi.waitFor(() => expect(useWorkbenchStore.getState().answer?.responseId).toBe(7))
}

describe('workbenchStore', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    for (const fn of Object.values(backend)) fn.mockReset()
    reportError.mockReset()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sends one draft save after typing stops, with the latest text', async () => {
    await openAnswer()
    const store = useWorkbenchStore.getState()
    store.setScore(2)
    store.setRationale('a')
    store.setRationale('ab')
    store.setRationale('abc')
    expect(useWorkbenchStore.getState().saveState[11]).toBe('pending')
    expect(backend.saveDraft).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    expect(backend.saveDraft).toHaveBeenCalledTimes(1)
    expect(backend.saveDraft.mock.calls[0][0]).toBe(11)
    expect(backend.saveDraft.mock.calls[0][1]).toMatchObject({ score: 2, notApplicable: false, rationale: 'abc' })
    expect(useWorkbenchStore.getState().saveState[11]).toBe('saved')
  })

  it('refuses to submit without a score or a required rationale and sends nothing', async () => {
    await openAnswer()
    expect(await useWorkbenchStore.getState().submit()).toBe(false)
    expect(useWorkbenchStore.getState().problem[11]).toBe('score')
    useWorkbenchStore.getState().setNotApplicable()
    expect(await useWorkbenchStore.getState().submit()).toBe(false)
    expect(useWorkbenchStore.getState().problem[11]).toBe('rationale')
    expect(backend.submit).not.toHaveBeenCalled()
  })

  it('submits without a rationale when the project does not require one', async () => {
    await openAnswer(false)
    useWorkbenchStore.getState().setScore(1)
    expect(await useWorkbenchStore.getState().submit()).toBe(true)
    expect(backend.submit).toHaveBeenCalledWith(11, expect.objectContaining({ score: 1, rationale: '' }), false)
  })

  it('submits first, then revises; a submitted item is never saved as a draft again', async () => {
    await openAnswer()
    const store = useWorkbenchStore.getState()
    store.setScore(1)
    store.setRationale('because')
    expect(await store.submit()).toBe(true)
    expect(backend.submit).toHaveBeenLastCalledWith(11, expect.objectContaining({ score: 1, rationale: 'because' }), false)
    expect(useWorkbenchStore.getState().drafts[11].status).toBe('submitted')
    expect(useWorkbenchStore.getState().queue[0].done).toBe(1)
    expect(backend.reveal).toHaveBeenCalledWith(7)

    // Unchanged: Ctrl+Enter again sends nothing.
    expect(await store.submit()).toBe(true)
    expect(backend.submit).toHaveBeenCalledTimes(1)

    store.setScore(2)
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 2)
    expect(backend.saveDraft).not.toHaveBeenCalled()
    expect(await store.submit()).toBe(true)
    expect(backend.submit).toHaveBeenLastCalledWith(11, expect.objectContaining({ score: 2 }), true)
  })

  it('sends a pending draft at once when moving to the next criterion', async () => {
    await openAnswer()
    const store = useWorkbenchStore.getState()
    store.setScore(0)
    store.step(1)
    await vi.waitFor(() => expect(backend.saveDraft).toHaveBeenCalledTimes(1))
    expect(useWorkbenchStore.getState().index).toBe(1)
    expect(backend.saveDraft.mock.calls[0][0]).toBe(11)
  })
})
