import { create } from 'zustand'
import type { AdjudicationItem, ControlAccuracyRow, ControlItem, ControlSettings, OnDemandJudgment } from '@shared/api/controlModels'
import type { AdjudicationRow } from '@shared/api/workbenchModels'
import { api } from '../api'
import { attempt } from './attempt'

export const ADJUDICATION_PAGE = 200

export type RangeFilter = 'all' | 'disagree' | 'na' | number

export interface AdjudicationFilters {
  unresolvedOnly: boolean
  range: RangeFilter
  criterionId?: number
  model?: string
}

/** Items that need a decision: the experts disagree (N/A counted as a value) and no final score yet. */
export const DEFAULT_FILTERS: AdjudicationFilters = { unresolvedOnly: true, range: 'disagree' }

interface AdjudicationStore {
  projectPath: string | null
  filters: AdjudicationFilters
  total: number
  rows: AdjudicationRow[]
  loading: boolean
  /** Index of the open row in `rows`. */
  selected: number | null
  detail: AdjudicationItem | null
  /** On-demand judgments asked in this session, by item. */
  judged: Record<number, OnDemandJudgment>
  judging: number | null
  controlSettings: ControlSettings | null
  controls: { total: number; rows: ControlItem[] }
  accuracy: ControlAccuracyRow[]

  bind(projectPath: string | null): void
  setFilters(patch: Partial<AdjudicationFilters>): void
  load(offset?: number): Promise<void>
  open(index: number): Promise<void>
  /** Opens the next (+1) or previous (−1) row. */
  step(delta: number): void
  /** Saves the final score and opens the next row. */
  decide(score: number | null, notApplicable: boolean, note: string): Promise<boolean>
  askJudge(): Promise<void>
  markControl(itemId: number, score: number | null, note: string): Promise<boolean>
  unmarkControl(itemId: number): Promise<void>
  loadControls(): Promise<void>
  updateControlSettings(patch: Partial<ControlSettings>): Promise<void>
}

export const useAdjudicationStore = create<AdjudicationStore>((set, get) => {
  return {
    projectPath: null,
    filters: DEFAULT_FILTERS,
    total: 0,
    rows: [],
    loading: false,
    selected: null,
    detail: null,
    judged: {},
    judging: null,
    controlSettings: null,
    controls: { total: 0, rows: [] },
    accuracy: [],

    bind(projectPath) {
      if (projectPath === get().projectPath) return
      set({ projectPath, filters: DEFAULT_FILTERS, total: 0, rows: [], selected: null, detail: null, judged: {}, judging: null, controlSettings: null, controls: { total: 0, rows: [] }, accuracy: [] })
      if (projectPath === null) return
      void get().load(0)
      void get().loadControls()
    },

    setFilters(patch) {
      const filters = { ...get().filters, ...patch }
      for (const key of ['criterionId', 'model'] as const) if (filters[key] === undefined) delete filters[key]
      set({ filters, rows: [], total: 0, selected: null, detail: null })
      void get().load(0)
    },

    load: (offset = 0) =>
      attempt(async () => {
        const filters = get().filters
        set({ loading: true })
        try {
          const page = await api.invoke('adjudication-queue', { offset, limit: ADJUDICATION_PAGE, ...filters })
          if (get().filters !== filters) return
          set((state) => ({ total: page.total, rows: [...state.rows.slice(0, offset), ...page.rows] }))
        } finally {
          set({ loading: false })
        }
      }).then(() => undefined),

    open: (index) =>
      attempt(async () => {
        const row = get().rows[index]
        if (!row) return
        set({ selected: index })
        const detail = await api.invoke('adjudication-item', { itemId: row.itemId })
        if (get().rows[get().selected ?? -1]?.itemId === detail.itemId) set({ detail })
      }).then(() => undefined),

    step(delta) {
      const { selected, rows, total } = get()
      const next = selected === null ? 0 : selected + delta
      if (next < 0 || next >= total) return
      if (next >= rows.length) {
        void get().load(rows.length).then(() => get().open(next))
        return
      }
      void get().open(next)
    },

    decide: (score, notApplicable, note) =>
      attempt(async () => {
        const { detail } = get()
        if (!detail) return
        const final = await api.invoke('adjudication-set', { itemId: detail.itemId, score, notApplicable, note })
        set((state) => ({
          rows: state.rows.map((row) => (row.itemId === final.itemId ? { ...row, final } : row)),
          detail: state.detail?.itemId === final.itemId ? { ...state.detail, final } : state.detail,
        }))
        get().step(1)
      }),

    askJudge: () =>
      attempt(async () => {
        const itemId = get().detail?.itemId
        if (itemId === undefined) return
        set({ judging: itemId })
        try {
          const judgment = await api.invoke('adjudication-judge', { itemId })
          set((state) => ({ judged: { ...state.judged, [itemId]: judgment } }))
        } finally {
          set({ judging: null })
        }
      }).then(() => undefined),

    markControl: (itemId, score, note) =>
      attempt(async () => {
        const control = await api.invoke('control-set', { itemId, score, note })
        set((state) => ({ detail: state.detail?.itemId === itemId ? { ...state.detail, control } : state.detail }))
        await get().loadControls()
      }),

    unmarkControl: (itemId) =>
      attempt(async () => {
        await api.invoke('control-remove', { itemId })
        set((state) => ({ detail: state.detail?.itemId === itemId ? { ...state.detail, control: null } : state.detail }))
        await get().loadControls()
      }).then(() => undefined),

    loadControls: () =>
      attempt(async () => {
        const [controlSettings, controls, accuracy] = await Promise.all([
          api.invoke('control-settings-get', {}),
          api.invoke('controls-list', { offset: 0, limit: 500 }),
          api.invoke('control-accuracy', {}),
        ])
        set({ controlSettings, controls, accuracy })
      }).then(() => undefined),

    updateControlSettings: (patch) =>
      attempt(async () => {
        set({ controlSettings: await api.invoke('control-settings-update', patch) })
      }).then(() => undefined),
  }
})
