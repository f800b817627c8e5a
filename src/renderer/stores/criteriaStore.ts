import { create } from 'zustand'
import type { CriteriaSet, CriterionDraft, EditableCriterion, ExpansionResult, Guideline, GuidelineTarget, PolluxLibraryView, SetTarget } from '@shared/api/criteriaModels'
import { api } from '../api'
import { useAppStore } from './appStore'

/** The Criteria tab: the POLLUX library, the project's criteria and sets, and guidelines (leads and the owner). */
interface CriteriaStore {
  projectPath: string | null
  library: PolluxLibraryView | null
  criteria: EditableCriterion[]
  sets: CriteriaSet[]
  /** The outcome of the last attach or library add, for a status line. */
  lastAttach: ExpansionResult | null
  lastAdded: number | null

  /** Binds to the open project (a new one clears everything) and re-reads its criteria and sets. */
  bind(projectPath: string | null): void
  loadLibrary(): Promise<void>
  reload(): Promise<void>
  addFromLibrary(taskPaths: string[], criterionIds: string[]): Promise<boolean>
  saveCriterion(id: number | undefined, draft: CriterionDraft, guideline: string | null): Promise<EditableCriterion | null>
  duplicate(id: number): Promise<EditableCriterion | null>
  saveSet(id: number | undefined, name: string, criterionIds: number[]): Promise<CriteriaSet | null>
  attach(setId: number, target: SetTarget): Promise<boolean>
  guideline(target: GuidelineTarget): Promise<Guideline | null>
  saveGuideline(target: GuidelineTarget, text: string): Promise<Guideline | null>
}

export const useCriteriaStore = create<CriteriaStore>((set, get) => {
  async function attempt<T>(action: () => Promise<T>): Promise<T | null> {
    try {
      return await action()
    } catch (error) {
      useAppStore.getState().reportError(error)
      return null
    }
  }

  return {
    projectPath: null,
    library: null,
    criteria: [],
    sets: [],
    lastAttach: null,
    lastAdded: null,

    bind(projectPath) {
      // Opening the tab again re-reads criteria and sets: scores given meanwhile fix scales.
      if (projectPath === get().projectPath) {
        if (projectPath !== null) void get().reload()
        return
      }
      set({ projectPath, criteria: [], sets: [], lastAttach: null, lastAdded: null })
      if (projectPath === null) return
      void get().reload()
      if (!get().library) void get().loadLibrary()
    },

    loadLibrary: async () => {
      await attempt(async () => set({ library: await api.invoke('pollux-library', {}) }))
    },

    reload: async () => {
      await attempt(async () => {
        const [criteria, sets] = await Promise.all([api.invoke('criteria-editable', {}), api.invoke('criteria-sets-list', {})])
        set({ criteria, sets })
      })
    },

    addFromLibrary: async (taskPaths, criterionIds) => {
      const added = await attempt(() => api.invoke('criteria-library-add', { taskPaths, criterionIds }))
      if (!added) return false
      set({ lastAdded: added.length })
      await get().reload()
      return true
    },

    saveCriterion: async (id, draft, guideline) => {
      const saved = await attempt(async () => {
        const criterion = await api.invoke('criterion-save', { id, criterion: draft })
        if (guideline !== null) await api.invoke('guideline-save', { target: { scope: 'criterion', criterionId: criterion.id }, text: guideline })
        return criterion
      })
      if (saved) await get().reload()
      return saved
    },

    duplicate: async (id) => {
      const copy = await attempt(() => api.invoke('criterion-duplicate', { id }))
      if (copy) await get().reload()
      return copy
    },

    saveSet: async (id, name, criterionIds) => {
      const saved = await attempt(() => api.invoke('criteria-set-save', { id, name, criterionIds }))
      if (!saved) return null
      set({ lastAttach: saved.added })
      await get().reload()
      return saved.set
    },

    attach: async (setId, target) => {
      const attached = await attempt(() => api.invoke('criteria-set-attach', { setId, target }))
      if (!attached) return false
      set({ lastAttach: attached.added })
      await get().reload()
      return true
    },

    guideline: (target) => attempt(() => api.invoke('guideline-get', target)),
    saveGuideline: (target, text) => attempt(() => api.invoke('guideline-save', { target, text })),
  }
})
