import { create } from 'zustand'
import type { Criterion, Instruction, InstructionRow, ItemDetail, ItemRow, ResponseRow, TaskName } from '@shared/api/models'
import { api } from '../api'
import { useAppStore } from './appStore'

export const PAGE_SIZE = 200

interface OpenInstruction {
  instruction: Instruction
  responses: ResponseRow[]
}

interface OpenResponse {
  response: { id: number; model: string; text: string }
  items: ItemRow[]
}

interface BrowseStore {
  /** The project this state belongs to; another project starts afresh. */
  projectPath: string | null
  search: string
  total: number | null
  /** Loaded pages of the instruction list, by page index. */
  pages: Record<number, InstructionRow[]>
  /** Bumped whenever the list must be read again (new search, project changed); older page loads are dropped. */
  listVersion: number
  /** The highlighted row of the instruction list (keyboard), by index. */
  cursor: number
  /** Every criterion of the project by id, with its translations, so lists can name criteria in the UI's language. */
  criteria: Record<number, Criterion>
  /** The task taxonomy's names in both languages, so task paths read in the UI's language. */
  taskNames: TaskName[]

  instructionId: number | null
  instruction: OpenInstruction | null
  responseId: number | null
  response: OpenResponse | null
  itemId: number | null
  item: ItemDetail | null

  setSearch(search: string): void
  ensureRows(first: number, last: number): void
  rowAt(index: number): InstructionRow | undefined
  setCursor(index: number): void
  openInstruction(id: number): Promise<void>
  openResponse(id: number): Promise<void>
  openItem(id: number): Promise<void>
  /** Opens an item with its instruction and answer around it (a shared link, a chart's click-through); false if it failed. */
  revealItem(id: number): Promise<boolean>
  /** Moves to the next (1) or previous (-1) criterion of the open answer. */
  stepItem(delta: 1 | -1): Promise<void>
  /** Reads everything shown again, keeping the selection where it still exists (after an import). */
  refresh(): Promise<void>
  /** Starts browsing `projectPath` (no-op when it is the one already shown). */
  bind(projectPath: string | null): void
}

const emptySelection = {
  instructionId: null,
  instruction: null,
  responseId: null,
  response: null,
  itemId: null,
  item: null,
}

const loadingPages = new Set<string>()

export const useBrowseStore = create<BrowseStore>((set, get) => {
  /** Loads with a guard: a slower, older request never overwrites a newer selection. */
  let latest = { instruction: 0, response: 0, item: 0 }

  function fail(error: unknown): void {
    useAppStore.getState().reportError(error)
  }

  async function loadPage(page: number, version: number): Promise<void> {
    const key = `${version}:${page}`
    if (loadingPages.has(key)) return
    loadingPages.add(key)
    try {
      const { search } = get()
      const result = await api.invoke('instructions-list', {
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
        ...(search ? { search } : {}),
      })
      if (get().listVersion !== version) return
      set((state) => ({ total: result.total, pages: { ...state.pages, [page]: result.rows } }))
    } catch (error) {
      fail(error)
    } finally {
      loadingPages.delete(key)
    }
  }

  /** The project's criteria and task names, which lists use to name things in the UI's language. */
  async function loadNames(projectPath: string | null): Promise<void> {
    try {
      const [list, taskNames] = await Promise.all([api.invoke('criteria-list', {}), api.invoke('task-names', {})])
      if (get().projectPath === projectPath) set({ criteria: Object.fromEntries(list.map((criterion) => [criterion.id, criterion])), taskNames })
    } catch (error) {
      fail(error)
    }
  }

  function restartList(search: string, keepCursor = false): void {
    const listVersion = get().listVersion + 1
    set({ search, listVersion, pages: {}, ...(keepCursor ? {} : { total: null, cursor: 0 }) })
    void loadPage(0, listVersion)
  }

  return {
    projectPath: null,
    search: '',
    total: null,
    pages: {},
    listVersion: 0,
    cursor: 0,
    criteria: {},
    taskNames: [],
    ...emptySelection,

    setSearch(search) {
      if (search === get().search) return
      restartList(search)
    },

    ensureRows(first, last) {
      const { pages, listVersion } = get()
      for (let page = Math.floor(Math.max(0, first) / PAGE_SIZE); page <= Math.floor(Math.max(0, last) / PAGE_SIZE); page++) {
        if (!pages[page]) void loadPage(page, listVersion)
      }
    },

    rowAt(index) {
      return get().pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE]
    },

    setCursor(index) {
      const { total } = get()
      const max = Math.max(0, (total ?? 0) - 1)
      set({ cursor: Math.min(Math.max(0, index), max) })
    },

    async openInstruction(id) {
      const token = ++latest.instruction
      latest = { ...latest, response: latest.response + 1, item: latest.item + 1 }
      set({ ...emptySelection, instructionId: id })
      try {
        const instruction = await api.invoke('instruction-get', { id })
        if (token === latest.instruction) set({ instruction })
      } catch (error) {
        fail(error)
      }
    },

    async openResponse(id) {
      const token = ++latest.response
      latest.item++
      set({ responseId: id, response: null, itemId: null, item: null })
      try {
        const response = await api.invoke('response-items', { responseId: id })
        if (token === latest.response) set({ response })
      } catch (error) {
        fail(error)
      }
    },

    async openItem(id) {
      const token = ++latest.item
      set({ itemId: id })
      try {
        const item = await api.invoke('item-get', { id })
        if (token === latest.item) set({ item })
      } catch (error) {
        fail(error)
      }
    },

    async revealItem(id) {
      try {
        const item = await api.invoke('item-get', { id })
        await get().openInstruction(item.instruction.id)
        await get().openResponse(item.response.id)
        await get().openItem(id)
        return true
      } catch (error) {
        fail(error)
        return false
      }
    },

    async stepItem(delta) {
      const { response, itemId } = get()
      const items = response?.items ?? []
      if (items.length === 0) return
      const index = items.findIndex((item) => item.id === itemId)
      const next = index < 0 ? (delta > 0 ? 0 : items.length - 1) : index + delta
      if (next < 0 || next >= items.length) return
      await get().openItem(items[next].id)
    },

    async refresh() {
      const { instructionId, responseId, itemId, search } = get()
      restartList(search, true)
      void loadNames(get().projectPath)
      try {
        if (instructionId !== null) {
          const instruction = await api.invoke('instruction-get', { id: instructionId })
          if (get().instructionId === instructionId) set({ instruction })
        }
        if (responseId !== null) {
          const response = await api.invoke('response-items', { responseId })
          if (get().responseId === responseId) set({ response })
        }
        if (itemId !== null) {
          const item = await api.invoke('item-get', { id: itemId })
          if (get().itemId === itemId) set({ item })
        }
      } catch (error) {
        fail(error)
      }
    },

    bind(projectPath) {
      if (projectPath === get().projectPath) return
      latest = { instruction: latest.instruction + 1, response: latest.response + 1, item: latest.item + 1 }
      set({ projectPath, criteria: {}, taskNames: [], ...emptySelection })
      restartList('')
      if (projectPath) void loadNames(projectPath)
    },
  }
})
