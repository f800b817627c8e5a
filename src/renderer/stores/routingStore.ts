import { create } from 'zustand'
import type { JudgeRunSummary } from '@shared/api/judgeModels'
import type { RoutingSettings, RoutingState } from '@shared/api/routingModels'
import { api } from '../api'
import { attempt } from './attempt'

interface RoutingStore {
  state: RoutingState | null
  runs: JudgeRunSummary[]
  saving: boolean
  load(): Promise<void>
  save(patch: Partial<RoutingSettings>): Promise<boolean>
  recompute(): Promise<void>
}

/** The lead's routing panel: settings, routing status (thresholds, expert scores against the fixed-k plan). */
export const useRoutingStore = create<RoutingStore>((set) => {
  return {
    state: null,
    runs: [],
    saving: false,
    load: () =>
      attempt(async () => {
        const [state, runs] = await Promise.all([api.invoke('routing-get', {}), api.invoke('judge-runs-list', {})])
        set({ state, runs })
      }).then(() => undefined),
    save: async (patch) => {
      set({ saving: true })
      const ok = await attempt(async () => set({ state: await api.invoke('routing-update', patch) }))
      set({ saving: false })
      return ok
    },
    recompute: () => attempt(async () => set({ state: await api.invoke('routing-recompute', {}) })).then(() => undefined),
  }
})
