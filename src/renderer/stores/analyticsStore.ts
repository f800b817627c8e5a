import { create } from 'zustand'
import type { CellItem, ChartCell, DashboardData, ScatterPoints } from '@shared/api/statsOperations'
import type { StatsReport } from '@shared/api/statsModels'
import { api } from '../api'
import { useAppStore } from './appStore'
import { useBrowseStore } from './browseStore'
import { useViewStore } from './viewStore'

/** Resamples for confidence intervals when the lead asks for them. */
export const BOOTSTRAP_RESAMPLES = 1000

/** A list of items (a chart cell's, or the disagreement browser's). */
export interface ItemList {
  title: string
  cell: ChartCell
  total: number | null
  rows: CellItem[]
}

interface AnalyticsStore {
  /** The project this state belongs to. */
  projectPath: string | null
  loading: boolean
  report: StatsReport | null
  dashboard: DashboardData | null
  dataVersion: string | null
  bootstrap: number
  /** Scope of the per-criterion views (figures, κ matrix, judge charts), by criterion id; null = all criteria. */
  criterion: number | null
  run: string | null
  points: ScatterPoints | null
  /** The item list opened by the last chart click. */
  drill: ItemList | null
  /** The disagreement browser: experts (run null) or experts vs a run. */
  disagreementRun: string | null
  disagreements: ItemList | null
  /** Scores changed since the figures were computed (annotators submitted, a judge run progressed). */
  stale: boolean

  /** Marks the figures stale when scores change; returns the function that stops watching. */
  watch(): () => void
  bind(projectPath: string | null): void
  load(): Promise<void>
  setBootstrap(resamples: number): Promise<void>
  setCriterion(criterionId: number | null): Promise<void>
  setRun(run: string | null): Promise<void>
  openCell(cell: ChartCell, title: string): Promise<void>
  closeDrill(): void
  setDisagreementRun(run: string | null): Promise<void>
  /** Opens an item in the browse view (instruction → answer → item) and switches to it. */
  openItem(itemId: number): Promise<void>
}

export const useAnalyticsStore = create<AnalyticsStore>((set, get) => {
  let generation = 0
  const fail = (error: unknown) => useAppStore.getState().reportError(error)
  const filters = () => {
    const { criterion } = get()
    return criterion === null ? {} : { criterionId: criterion }
  }

  async function loadPoints(token: number): Promise<void> {
    const { run } = get()
    if (run === null) {
      set({ points: null })
      return
    }
    const points = await api.invoke('stats-points', { run, filters: filters() })
    if (token === generation) set({ points })
  }

  async function loadList(cell: ChartCell, title: string, target: 'drill' | 'disagreements', token: number): Promise<void> {
    set({ [target]: { title, cell, total: null, rows: [] } } as Partial<AnalyticsStore>)
    const result = await api.invoke('stats-items', { cell, filters: filters(), limit: 10_000 })
    if (token === generation && get()[target]?.cell === cell) set({ [target]: { title, cell, total: result.total, rows: result.rows } } as Partial<AnalyticsStore>)
  }

  return {
    projectPath: null,
    loading: false,
    report: null,
    dashboard: null,
    dataVersion: null,
    bootstrap: 0,
    criterion: null,
    run: null,
    points: null,
    drill: null,
    disagreementRun: null,
    disagreements: null,
    stale: false,

    watch() {
      const markStale = () => set({ stale: true })
      const unsubscribers = [api.on('progress-changed', markStale), api.on('judge-progress', markStale), api.on('project-data-changed', markStale), api.on('project-changed', markStale)]
      return () => unsubscribers.forEach((unsubscribe) => unsubscribe())
    },

    bind(projectPath) {
      if (projectPath === get().projectPath) return
      generation++
      set({ projectPath, report: null, dashboard: null, dataVersion: null, bootstrap: 0, criterion: null, run: null, points: null, drill: null, disagreements: null, disagreementRun: null })
    },

    async load() {
      const token = ++generation
      set({ loading: true })
      try {
        const result = await api.invoke('stats-compute', { bootstrap: get().bootstrap, filters: filters() })
        if (token !== generation) return
        const runs = Object.keys(result.report.judges)
        const run = get().run !== null && runs.includes(get().run!) ? get().run : (runs[0] ?? null)
        set({ report: result.report, dashboard: result.dashboard, dataVersion: result.dataVersion, run, loading: false, stale: false })
        await loadPoints(token)
        const { disagreementRun } = get()
        await loadList({ kind: 'disagreement', ...(disagreementRun === null ? {} : { run: disagreementRun }) }, '', 'disagreements', token)
      } catch (error) {
        if (token === generation) set({ loading: false })
        fail(error)
      }
    },

    async setBootstrap(resamples) {
      set({ bootstrap: resamples })
      await get().load()
    },

    async setCriterion(criterion) {
      set({ criterion, drill: null })
      await get().load()
    },

    async setRun(run) {
      set({ run })
      try {
        await loadPoints(generation)
      } catch (error) {
        fail(error)
      }
    },

    async openCell(cell, title) {
      try {
        await loadList(cell, title, 'drill', generation)
      } catch (error) {
        fail(error)
      }
    },

    closeDrill() {
      set({ drill: null })
    },

    async setDisagreementRun(run) {
      set({ disagreementRun: run })
      try {
        await loadList({ kind: 'disagreement', ...(run === null ? {} : { run }) }, '', 'disagreements', generation)
      } catch (error) {
        fail(error)
      }
    },

    async openItem(itemId) {
      if (await useBrowseStore.getState().revealItem(itemId)) useViewStore.getState().show('browse')
    },
  }
})
