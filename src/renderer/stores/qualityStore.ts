import { create } from 'zustand'
import type { QualityItem, QualityItemsFigure, QualityReport } from '@shared/api/qualityOperations'
import { api } from '../api'
import { useAppStore } from './appStore'
import { useBrowseStore } from './browseStore'
import { useViewStore } from './viewStore'

/** Resamples behind the quality table's intervals. */
export const QUALITY_BOOTSTRAP = 200
const RUSHED_KEY = 'castor.quality.rushedSeconds'

/** The table's sortable columns: the annotator's name or a figure key of QualityFigures. */
export type QualityColumn =
  | 'annotator'
  | 'n'
  | 'agreementWithConsensus'
  | 'spearmanVsOthers'
  | 'maeVsOthers'
  | 'maceCompetence'
  | 'medianActiveSeconds'
  | 'rushedShare'
  | 'naShare'
  | 'revisionRate'
  | 'straightLiningShare'
  | 'controlAccuracy'

export interface QualityDrill {
  annotator: string
  title: string
  total: number | null
  rows: QualityItem[]
}

interface QualityStore {
  projectPath: string | null
  loading: boolean
  report: QualityReport | null
  /** Lead-set threshold under which a score counts as rushed (kept in this browser). */
  rushedSeconds: number
  /** Criterion id shown; null = all criteria. */
  criterion: number | null
  sort: { column: QualityColumn; descending: boolean }
  drill: QualityDrill | null
  bind(projectPath: string | null): void
  load(): Promise<void>
  setRushedSeconds(seconds: number): Promise<void>
  setCriterion(criterionId: number | null): void
  sortBy(column: QualityColumn): void
  openFigure(annotator: string, figure: QualityItemsFigure, title: string, other?: string): Promise<void>
  closeDrill(): void
  openItem(itemId: number): Promise<void>
}

function storedRushed(): number {
  try {
    const value = Number(globalThis.localStorage?.getItem(RUSHED_KEY))
    return Number.isFinite(value) && value > 0 ? value : 3
  } catch {
    return 3
  }
}

export const useQualityStore = create<QualityStore>((set, get) => {
  let generation = 0
  const fail = (error: unknown) => useAppStore.getState().reportError(error)
  return {
    projectPath: null,
    loading: false,
    report: null,
    rushedSeconds: storedRushed(),
    criterion: null,
    sort: { column: 'annotator', descending: false },
    drill: null,

    bind(projectPath) {
      if (get().projectPath === projectPath && get().report) return
      generation++
      set({ projectPath, report: null, drill: null, criterion: null })
      if (projectPath !== null) void get().load()
    },

    async load() {
      const token = ++generation
      set({ loading: true })
      try {
        const report = await api.invoke('quality-compute', { rushedSeconds: get().rushedSeconds, bootstrap: QUALITY_BOOTSTRAP })
        if (token === generation) set({ report })
      } catch (error) {
        fail(error)
      } finally {
        if (token === generation) set({ loading: false })
      }
    },

    async setRushedSeconds(seconds) {
      if (!(seconds >= 0) || seconds > 3600) return
      set({ rushedSeconds: seconds })
      try {
        globalThis.localStorage?.setItem(RUSHED_KEY, String(seconds))
      } catch {
        // private mode: the threshold lasts for this page only
      }
      await get().load()
    },

    setCriterion(criterionId) {
      set({ criterion: criterionId, drill: null })
    },

    sortBy(column) {
      const { sort } = get()
      set({ sort: { column, descending: sort.column === column ? !sort.descending : column !== 'annotator' } })
    },

    async openFigure(annotator, figure, title, other) {
      const { criterion, rushedSeconds } = get()
      set({ drill: { annotator, title, total: null, rows: [] } })
      try {
        const result = await api.invoke('quality-items', {
          annotator,
          figure,
          ...(criterion === null ? {} : { criterionId: criterion }),
          ...(other === undefined ? {} : { other }),
          rushedSeconds,
        })
        if (get().drill?.title === title) set({ drill: { annotator, title, total: result.total, rows: result.rows } })
      } catch (error) {
        set({ drill: null })
        fail(error)
      }
    },

    closeDrill() {
      set({ drill: null })
    },

    async openItem(itemId) {
      if (await useBrowseStore.getState().revealItem(itemId)) useViewStore.getState().show('browse')
    },
  }
})
