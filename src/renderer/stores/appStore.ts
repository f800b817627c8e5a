import { create } from 'zustand'
import type { AppState, Language, ProjectInfo, RecentProject } from '@shared/api/models'
import type { CastorError } from '@shared/api/errors'
import { api, asCastorError, uploadFile } from '../api'
import { initialLanguage, saveLanguage, savedLanguage } from '../i18n/language'

interface AppStore {
  status: 'loading' | 'ready' | 'failed'
  appState: AppState | null
  project: ProjectInfo | null
  recent: RecentProject[]
  language: Language
  /** The last failed action, shown in a banner until dismissed. */
  error: CastorError | null
  /** What the app is busy opening, e.g. the demo, so the start screen can say so. */
  busy: 'open' | 'create' | 'demo' | 'close' | null

  load(): Promise<void>
  setLanguage(language: Language): void
  setProject(project: ProjectInfo | null): void
  /** Pick a project file and open it; read-only opens it for browsing and export, with no writes. */
  openProject(options?: { readOnly?: boolean }): Promise<void>
  openRecent(path: string): Promise<void>
  createProject(): Promise<void>
  /** `castor serve --new`: an uploaded .castor file becomes the served project. */
  uploadProject(file: File): Promise<void>
  openDemo(): Promise<void>
  closeProject(): Promise<void>
  removeRecent(path: string): Promise<void>
  reportError(error: unknown): void
  dismissError(): void
}

export const useAppStore = create<AppStore>((set, get) => {
  /** Runs a project action with a busy flag; errors land in the banner. */
  async function busyWith(busy: NonNullable<AppStore['busy']>, action: () => Promise<void>): Promise<void> {
    set({ busy, error: null })
    try {
      await action()
    } catch (error) {
      get().reportError(error)
    } finally {
      set({ busy: null })
    }
  }

  async function refreshRecent(): Promise<void> {
    const appState = await api.invoke('app-state', {})
    set({ appState, recent: appState.recent })
  }

  return {
    status: 'loading',
    appState: null,
    project: null,
    recent: [],
    language: initialLanguage({ saved: savedLanguage(), platform: api.platform, suggested: 'ru', browserLanguage: navigator.language }),
    error: null,
    busy: null,

    async load() {
      try {
        const appState = await api.invoke('app-state', {})
        const language = initialLanguage({
          saved: savedLanguage(),
          platform: api.platform,
          suggested: appState.suggestedLanguage,
          browserLanguage: navigator.language,
        })
        set({ status: 'ready', appState, project: appState.project, recent: appState.recent, language })
      } catch (error) {
        set({ status: 'failed', error: asCastorError(error) })
      }
    },

    setLanguage(language) {
      saveLanguage(language)
      set({ language })
    },

    setProject(project) {
      set({ project })
    },

    openProject: (options = {}) =>
      busyWith('open', async () => {
        const { path } = await api.invoke('dialog-open-file', { purpose: 'project' })
        if (!path) return
        set({ project: await api.invoke('project-open', { path, readOnly: options.readOnly === true }) })
        await refreshRecent()
      }),

    openRecent: (path) =>
      busyWith('open', async () => {
        set({ project: await api.invoke('project-open', { path }) })
        await refreshRecent()
      }),

    createProject: () =>
      busyWith('create', async () => {
        // `castor serve --new` creates the one file it was given; the desktop asks where.
        const served = get().appState?.newProjectFile
        const path = served ?? (await api.invoke('dialog-save-file', { purpose: 'project', defaultName: 'project.castor' })).path
        if (!path) return
        set({ project: await api.invoke('project-create', { path }) })
        await refreshRecent()
      }),

    uploadProject: (file) =>
      busyWith('open', async () => {
        const uploadId = await uploadFile(file, () => undefined)
        set({ project: await api.invoke('project-open-upload', { uploadId }) })
      }),

    openDemo: () =>
      busyWith('demo', async () => {
        set({ project: await api.invoke('project-open-demo', {}) })
        await refreshRecent()
      }),

    closeProject: () =>
      busyWith('close', async () => {
        await api.invoke('project-close', {})
        set({ project: null })
        await refreshRecent()
      }),

    async removeRecent(path) {
      try {
        set({ recent: await api.invoke('recent-remove', { path }) })
      } catch (error) {
        get().reportError(error)
      }
    },

    reportError(error) {
      const castorError = asCastorError(error)
      if (castorError.code !== 'cancelled') set({ error: castorError })
    },

    dismissError() {
      set({ error: null })
    },
  }
})
