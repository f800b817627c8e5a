import { create } from 'zustand'

import { useAppStore } from './appStore'
import { ActiveClock } from '../features/annotate/activeClock'
import { QUEUE_PAGE, workbenchBackend, type Mine, type QueueEntry, type RevealData, type WorkAnswer } from './workbenchBackend'

export type { QueueEntry, RevealData, RevealedScore, WorkAnswer, WorkItem } from './workbenchBackend'

/** Drafts go to the server this long after the last keystroke or click. */
export const SAVE_DELAY_MS = 500
/** No input (or a hidden page) for this long stops the item's clock. */
export const DEFAULT_IDLE_MS = 90_000

export type ItemStatus = 'new' | 'draft' | 'submitted'
/** pending: edited, not yet sent; saved means everything typed so far is on the server. */
export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'failed'

export interface ItemDraft {
  score: number | null
  notApplicable: boolean
  rationale: string
  status: ItemStatus
  timeSpentMs: number
  /** What was last submitted, so a revision can be told apart from it. */
  submitted: { score: number | null; notApplicable: boolean; rationale: string } | null
}

interface WorkbenchStore {
  projectPath: string | null
  /** The caller's assigned answers, loaded in pages as the list scrolls. */
  queue: QueueEntry[]
  queueTotal: number
  queueLoaded: boolean
  answer: WorkAnswer | null
  /** The open criterion, by position among the answer's items. */
  index: number
  drafts: Record<number, ItemDraft>
  saveState: Record<number, SaveState>
  problem: Record<number, 'score' | 'rationale' | null>
  reveal: Record<number, RevealData | null>
  /** Control feedback per item (only when a lead turned it on and the item was a control). */
  controlFeedback: Record<number, { referenceScore: number; note: string | null }>
  rationaleRequired: boolean
  idleMs: number
  loadingNext: boolean
  noMoreWork: 'none-left' | 'quota-reached' | null
  submitting: boolean

  /** Loads more of the queue when the list shows rows near the end of what is loaded. */
  ensureQueue(lastIndex: number): void
  bind(projectPath: string | null): void
  next(): Promise<void>
  open(responseId: number): Promise<void>
  step(delta: 1 | -1): void
  setScore(score: number): void
  setNotApplicable(): void
  setRationale(text: string): void
  submit(): Promise<boolean>
  /** Input happened on the screen (keys, pointer, scroll): the clock runs. */
  activity(): void
  setVisible(visible: boolean): void
  /** Active milliseconds of the open item so far. */
  activeMs(): number
  /** Sends pending drafts now (before leaving the page or the answer). */
  flush(): Promise<void>
}

function fromMine(mine: Mine | null): ItemDraft {
  if (!mine) return { score: null, notApplicable: false, rationale: '', status: 'new', timeSpentMs: 0, submitted: null }
  return {
    score: mine.score,
    notApplicable: mine.notApplicable,
    rationale: mine.rationale ?? '',
    status: mine.status,
    timeSpentMs: mine.timeSpentMs ?? 0,
    submitted: mine.submitted
      ? { score: mine.submitted.score, notApplicable: mine.submitted.notApplicable, rationale: mine.submitted.rationale ?? '' }
      : null,
  }
}

/** True when the draft's score or rationale differs from what was last submitted. */
export function isRevised(draft: ItemDraft): boolean {
  if (!draft.submitted) return false
  return (
    draft.submitted.score !== draft.score || draft.submitted.notApplicable !== draft.notApplicable || draft.submitted.rationale !== draft.rationale
  )
}

/** The per-project part of the store, as it is before anything is loaded. */
function emptyProject() {
  return {
    queue: [],
    queueTotal: 0,
    queueLoaded: false,
    answer: null,
    index: 0,
    drafts: {},
    saveState: {},
    problem: {},
    reveal: {},
    controlFeedback: {},
    noMoreWork: null,
  } satisfies Partial<WorkbenchStore>
}

export const useWorkbenchStore = create<WorkbenchStore>((set, get) => {
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  const inFlight = new Map<number, Promise<void>>()
  let clock: { itemId: number; clock: ActiveClock } | null = null
  let visible = typeof document === 'undefined' ? true : document.visibilityState !== 'hidden'
  let openToken = 0

  function fail(error: unknown): void {
    useAppStore.getState().reportError(error)
  }

  function currentItemId(): number | null {
    const { answer, index } = get()
    return answer?.items[index]?.itemId ?? null
  }

  /** Time of `itemId` so far: the running clock's when it is the open one, else what is stored. */
  function timeOf(itemId: number): number {
    if (clock && clock.itemId === itemId) return clock.clock.elapsed()
    return get().drafts[itemId]?.timeSpentMs ?? 0
  }

  /** Starts the clock of the open item from its stored time (closing the previous item's clock). */
  function startClock(): void {
    const itemId = currentItemId()
    if (clock && clock.itemId !== itemId) {
      const previous = clock
      const elapsed = previous.clock.elapsed()
      set((state) => {
        const draft = state.drafts[previous.itemId]
        return draft ? { drafts: { ...state.drafts, [previous.itemId]: { ...draft, timeSpentMs: elapsed } } } : {}
      })
      clock = null
    }
    if (itemId === null || clock) return
    clock = { itemId, clock: new ActiveClock(get().drafts[itemId]?.timeSpentMs ?? 0, get().idleMs) }
    clock.clock.setVisible(visible)
  }

  function patchDraft(itemId: number, patch: Partial<ItemDraft>): void {
    set((state) => {
      const draft = state.drafts[itemId] ?? fromMine(null)
      return { drafts: { ...state.drafts, [itemId]: { ...draft, ...patch } }, problem: { ...state.problem, [itemId]: null } }
    })
  }

  async function saveNow(itemId: number): Promise<void> {
    timers.delete(itemId)
    const draft = get().drafts[itemId]
    if (!draft || draft.status === 'submitted') return
    const previous = inFlight.get(itemId)
    if (previous) await previous
    const timeSpentMs = timeOf(itemId)
    set((state) => ({ saveState: { ...state.saveState, [itemId]: 'saving' } }))
    const request = workbenchBackend
      .saveDraft(itemId, { score: draft.score, notApplicable: draft.notApplicable, rationale: draft.rationale, timeSpentMs })
      .then(
        // A newer edit waiting for its own save keeps the item pending.
        () => set((state) => ({ saveState: { ...state.saveState, [itemId]: timers.has(itemId) ? 'pending' : 'saved' } })),
        (error: unknown) => {
          set((state) => ({ saveState: { ...state.saveState, [itemId]: 'failed' } }))
          fail(error)
        },
      )
      .finally(() => inFlight.delete(itemId))
    inFlight.set(itemId, request)
    await request
  }

  /** Edits go to the server SAVE_DELAY_MS after the last one; a submitted item keeps its edits until resubmitted. */
  function scheduleSave(itemId: number): void {
    const existing = timers.get(itemId)
    if (existing) clearTimeout(existing)
    if (get().drafts[itemId]?.status === 'submitted') return
    set((state) => ({ saveState: { ...state.saveState, [itemId]: 'pending' } }))
    timers.set(
      itemId,
      setTimeout(() => void saveNow(itemId), SAVE_DELAY_MS),
    )
  }

  function edit(patch: Partial<ItemDraft>): void {
    const itemId = currentItemId()
    if (itemId === null) return
    get().activity()
    const draft = get().drafts[itemId]
    patchDraft(itemId, { ...patch, ...(draft?.status === 'new' || !draft ? { status: 'draft' } : {}) })
    scheduleSave(itemId)
  }

  /** Reads what the others and the judges gave for the answer's submitted items (the server reveals only those). */
  async function loadReveal(): Promise<void> {
    const responseId = get().answer?.responseId
    if (responseId === undefined) return
    try {
      const reveal = await workbenchBackend.reveal(responseId)
      set((state) => ({ reveal: { ...state.reveal, ...reveal } }))
    } catch (error) {
      fail(error)
    }
  }

  let queueLoading = false
  async function loadQueuePage(offset: number): Promise<void> {
    if (queueLoading) return
    queueLoading = true
    try {
      const projectPath = get().projectPath
      const page = await workbenchBackend.queuePage(offset)
      if (get().projectPath !== projectPath) return
      set((state) => ({
        queue: [...state.queue.slice(0, offset), ...page.entries],
        queueTotal: page.total,
        queueLoaded: true,
      }))
    } catch (error) {
      fail(error)
    } finally {
      queueLoading = false
    }
  }

  async function reloadQueue(): Promise<void> {
    const page = await workbenchBackend.queuePage(0)
    set({ queue: page.entries, queueTotal: page.total, queueLoaded: true })
  }

  function showAnswer(answer: WorkAnswer, index?: number): void {
    const drafts = { ...get().drafts }
    for (const item of answer.items) drafts[item.itemId] = fromMine(item.mine)
    const firstOpen = answer.items.findIndex((item) => drafts[item.itemId].status !== 'submitted')
    clock = null
    set({ answer, drafts, index: index ?? Math.max(0, firstOpen) })
    startClock()
    if (answer.items.some((item) => drafts[item.itemId].status === 'submitted')) void loadReveal()
  }

  async function loadQueue(projectPath: string | null): Promise<void> {
    try {
      const [me, page] = await Promise.all([workbenchBackend.me(), workbenchBackend.queuePage(0)])
      if (get().projectPath !== projectPath) return
      set({ queue: page.entries, queueTotal: page.total, queueLoaded: true, rationaleRequired: me.settings.rationaleRequired })
      const unfinished = page.entries.find((entry) => entry.done < entry.total) ?? page.entries[0]
      if (unfinished && !get().answer) await get().open(unfinished.responseId)
    } catch (error) {
      fail(error)
    }
  }

  return {
    projectPath: null,
    ...emptyProject(),
    rationaleRequired: true,
    idleMs: DEFAULT_IDLE_MS,
    loadingNext: false,
    submitting: false,

    ensureQueue(lastIndex) {
      const { queue, queueTotal, queueLoaded } = get()
      if (queueLoaded && queue.length < queueTotal && lastIndex >= queue.length - QUEUE_PAGE / 10) void loadQueuePage(queue.length)
    },

    bind(projectPath) {
      if (projectPath === get().projectPath) return
      for (const timer of timers.values()) clearTimeout(timer)
      timers.clear()
      clock = null
      set({ projectPath, ...emptyProject() })
      if (projectPath !== null) void loadQueue(projectPath)
    },

    async next() {
      set({ loadingNext: true })
      try {
        await get().flush()
        // Settings may have changed since the screen opened (a lead turned the rationale requirement off, say).
        void workbenchBackend.me().then((me) => set({ rationaleRequired: me.settings.rationaleRequired }), () => undefined)
        const { answer, reason } = await workbenchBackend.next()
        if (!answer) {
          set({ noMoreWork: reason ?? 'none-left' })
          return
        }
        set({ noMoreWork: null })
        showAnswer(answer)
        await reloadQueue()
      } catch (error) {
        fail(error)
      } finally {
        set({ loadingNext: false })
      }
    },

    async open(responseId) {
      const token = ++openToken
      try {
        await get().flush()
        const answer = await workbenchBackend.answer(responseId)
        if (token === openToken) showAnswer(answer)
      } catch (error) {
        fail(error)
      }
    },

    step(delta) {
      const { answer, index } = get()
      if (!answer) return
      const target = index + delta
      if (target < 0 || target >= answer.items.length) return
      const leaving = currentItemId()
      if (leaving !== null && timers.has(leaving)) void saveNow(leaving)
      set({ index: target })
      startClock()
      const itemId = currentItemId()
      if (itemId !== null && get().drafts[itemId]?.status === 'submitted' && !get().reveal[itemId]) void loadReveal()
    },

    setScore(score) {
      edit({ score, notApplicable: false })
    },

    setNotApplicable() {
      edit({ score: null, notApplicable: true })
    },

    setRationale(text) {
      edit({ rationale: text })
    },

    async submit() {
      const itemId = currentItemId()
      if (itemId === null || get().submitting) return false
      const draft = get().drafts[itemId]
      if (draft?.status === 'submitted' && !isRevised(draft)) return true // nothing changed since the last submission
      if (!draft || (draft.score === null && !draft.notApplicable)) {
        set((state) => ({ problem: { ...state.problem, [itemId]: 'score' } }))
        return false
      }
      if (get().rationaleRequired && draft.rationale.trim() === '') {
        set((state) => ({ problem: { ...state.problem, [itemId]: 'rationale' } }))
        return false
      }
      const timer = timers.get(itemId)
      if (timer) clearTimeout(timer)
      timers.delete(itemId)
      await inFlight.get(itemId)
      set({ submitting: true })
      try {
        const timeSpentMs = timeOf(itemId)
        const result = await workbenchBackend.submit(
          itemId,
          { score: draft.notApplicable ? null : draft.score, notApplicable: draft.notApplicable, rationale: draft.rationale, timeSpentMs },
          draft.status === 'submitted',
        )
        const feedback = result.feedback
        if (feedback) set((state) => ({ controlFeedback: { ...state.controlFeedback, [itemId]: feedback } }))
        patchDraft(itemId, {
          status: 'submitted',
          timeSpentMs,
          submitted: { score: draft.score, notApplicable: draft.notApplicable, rationale: draft.rationale },
        })
        set((state) => {
          const answer = state.answer
          if (!answer) return { saveState: { ...state.saveState, [itemId]: 'idle' } }
          const done = answer.items.filter((item) => state.drafts[item.itemId]?.status === 'submitted').length
          return {
            saveState: { ...state.saveState, [itemId]: 'idle' },
            queue: state.queue.map((entry) => (entry.responseId === answer.responseId ? { ...entry, done } : entry)),
          }
        })
        await loadReveal()
        return true
      } catch (error) {
        fail(error)
        return false
      } finally {
        set({ submitting: false })
      }
    },

    activity() {
      clock?.clock.input()
    },

    setVisible(value) {
      visible = value
      clock?.clock.setVisible(value)
    },

    activeMs() {
      const itemId = currentItemId()
      return itemId === null ? 0 : timeOf(itemId)
    },

    async flush() {
      const pending = [...timers.keys()]
      await Promise.all([...pending.map((itemId) => saveNow(itemId)), ...inFlight.values()])
    },
  }
})

