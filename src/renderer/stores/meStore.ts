import { create } from 'zustand'
import type { Me } from '@shared/api/workbenchModels'
import { api } from '../api'
import { useAppStore } from './appStore'
import { isLanguage, savedLanguage } from '../i18n/language'

export type Role = Me['role']

interface MeStore {
  /** The signed-in caller; null until read (or when there is no project). */
  me: Me | null
  projectPath: string | null
  /** Reads who the caller is for `projectPath` (no-op when already read for it). */
  bind(projectPath: string | null): Promise<void>
  refresh(): Promise<void>
}

/** Who is signed in (owner, lead or annotator): decides which screens show and what runs at startup. */
export const useMeStore = create<MeStore>((set, get) => ({
  me: null,
  projectPath: null,

  async bind(projectPath) {
    if (projectPath === get().projectPath && get().me) return
    set({ projectPath, me: null })
    if (projectPath !== null) await get().refresh()
  },

  async refresh() {
    const projectPath = get().projectPath
    try {
      const me = await api.invoke('me-get', {})
      if (get().projectPath !== projectPath) return
      set({ me })
      // The UI language the lead chose for this annotator, unless the reader picked one in this browser.
      if (me.language && !isLanguage(savedLanguage())) useAppStore.setState({ language: me.language })
    } catch (error) {
      useAppStore.getState().reportError(error)
    }
  },
}))

/** Lead views (team, browse, judge, analytics) need a lead or the owner. */
export const isLead = (role: Role | undefined): boolean => role === 'owner' || role === 'lead'
