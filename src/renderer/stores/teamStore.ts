import { create } from 'zustand'
import type { Criterion, Language } from '@shared/api/models'
import type {
  Annotator,
  AnnotatorFilters,
  AnnotatorRole,
  Progress,
  ReviewRow,
  SignInLink,
  WorkbenchSettings,
} from '@shared/api/workbenchModels'
import { api } from '../api'
import { attempt } from './attempt'

export const TEAM_PAGE = 200
/** progress-changed events arrive per submission; the progress table is re-read at most this often. */
export const PROGRESS_THROTTLE_MS = 1000

/** The Team screen's panels; the one shown is in the URL (`#/team?section=review`). */
export const teamSections = ['people', 'progress', 'review', 'adjudication', 'quality', 'routing', 'controls'] as const
export type TeamSection = (typeof teamSections)[number]

export interface ReviewFilters {
  annotatorId?: number
  criterionId?: number
  model?: string
  score?: number
}

interface TeamStore {
  projectPath: string | null
  section: TeamSection
  setSection(section: TeamSection): void
  annotators: Annotator[]
  /** Sign-in links issued in this session, by annotator id: the token is shown only once, so keep it to copy. */
  links: Record<number, string>
  settings: WorkbenchSettings | null
  /** Every criterion, by id (filters, level choices for a final score). */
  criteria: Record<number, Criterion>
  progress: Progress | null
  review: { total: number; rows: ReviewRow[]; filters: ReviewFilters; loading: boolean }

  bind(projectPath: string | null): void
  loadAnnotators(): Promise<void>
  add(input: { name: string; role: AnnotatorRole; language: Language | null }): Promise<boolean>
  /** Sets an annotator's quota (answers in all; null = none) and assignment filters. */
  setLimits(id: number, quota: number | null, filters: AnnotatorFilters): Promise<boolean>
  reissue(id: number): Promise<void>
  revoke(id: number): Promise<void>
  remove(id: number): Promise<void>
  updateSettings(patch: Partial<WorkbenchSettings>): Promise<void>
  loadProgress(): Promise<void>
  /** A progress-changed event: re-read progress (throttled). */
  progressChanged(): void
  /** Another process changed the data: progress and the review list already shown refetch. */
  dataChanged(): void
  setReviewFilters(filters: ReviewFilters): void
  loadReview(offset?: number): Promise<void>
}

/** The full link for a sign-in path on this server (the lead copies it for the annotator). */
export function linkUrl(link: SignInLink): string {
  // In the desktop app there is no server address to put in front: the path goes after `castor serve`'s URL.
  if (!/^https?:$/.test(window.location.protocol)) return link.path
  return new URL(link.path, window.location.origin).toString()
}

export const useTeamStore = create<TeamStore>((set, get) => {
  let progressTimer: ReturnType<typeof setTimeout> | null = null

  function rememberLink(link: SignInLink): void {
    set((state) => ({ links: { ...state.links, [link.annotatorId]: linkUrl(link) } }))
  }

  return {
    projectPath: null,
    annotators: [],
    links: {},
    settings: null,
    criteria: {},
    progress: null,
    review: { total: 0, rows: [], filters: {}, loading: false },
    section: 'people',

    setSection(section) {
      set({ section })
    },

    bind(projectPath) {
      if (projectPath === get().projectPath) return
      set({
        projectPath,
        annotators: [],
        links: {},
        settings: null,
        criteria: {},
        progress: null,
        review: { total: 0, rows: [], filters: {}, loading: false },
      })
      if (projectPath === null) return
      void get().loadAnnotators()
      void get().loadProgress()
      void attempt(async () => set({ settings: (await api.invoke('me-get', {})).settings }))
      void attempt(async () => {
        const list = await api.invoke('criteria-list', {})
        set({ criteria: Object.fromEntries(list.map((criterion) => [criterion.id, criterion])) })
      })
      void get().loadReview(0)
    },

    loadAnnotators: () => attempt(async () => set({ annotators: await api.invoke('annotators-list', { includeRemoved: false }) })).then(() => undefined),

    add: (input) =>
      attempt(async () => {
        const { link } = await api.invoke('annotator-add', { name: input.name, role: input.role, language: input.language })
        rememberLink(link)
        await get().loadAnnotators()
      }),

    setLimits: (id, quota, filters) =>
      attempt(async () => {
        const updated = await api.invoke('annotator-update', { id, quota, filters })
        set((state) => ({ annotators: state.annotators.map((annotator) => (annotator.id === id ? updated : annotator)) }))
      }),

    reissue: (id) =>
      attempt(async () => {
        rememberLink(await api.invoke('annotator-link', { id }))
        await get().loadAnnotators()
      }).then(() => undefined),

    revoke: (id) =>
      attempt(async () => {
        await api.invoke('annotator-revoke', { id })
        set((state) => {
          const links = { ...state.links }
          delete links[id]
          return { links }
        })
        await get().loadAnnotators()
      }).then(() => undefined),

    remove: (id) =>
      attempt(async () => {
        await api.invoke('annotator-remove', { id })
        await get().loadAnnotators()
        await get().loadProgress()
      }).then(() => undefined),

    /** Shows the change at once (the form's controls follow the store), then what the server saved. */
    async updateSettings(patch) {
      const before = get().settings
      if (before) set({ settings: { ...before, ...patch } })
      const ok = await attempt(async () => set({ settings: await api.invoke('project-settings-update', patch) }))
      if (!ok) set({ settings: before })
    },

    loadProgress: () => attempt(async () => set({ progress: await api.invoke('progress-get', {}) })).then(() => undefined),

    progressChanged() {
      if (get().projectPath === null || progressTimer) return
      progressTimer = setTimeout(() => {
        progressTimer = null
        void get().loadProgress()
        void get().loadAnnotators()
      }, PROGRESS_THROTTLE_MS)
    },

    dataChanged() {
      if (get().projectPath === null) return
      get().progressChanged()
      if (get().review.rows.length > 0) void get().loadReview(0)
    },

    setReviewFilters(filters) {
      set((state) => ({ review: { ...state.review, filters, rows: [], total: 0 } }))
      void get().loadReview(0)
    },

    loadReview: (offset = 0) =>
      attempt(async () => {
        const filters = get().review.filters
        set((state) => ({ review: { ...state.review, loading: true } }))
        try {
          const page = await api.invoke('review-list', { offset, limit: TEAM_PAGE, ...filters })
          if (get().review.filters !== filters) return
          set((state) => ({
            review: { ...state.review, total: page.total, rows: [...state.review.rows.slice(0, offset), ...page.rows] },
          }))
        } finally {
          set((state) => ({ review: { ...state.review, loading: false } }))
        }
      }).then(() => undefined),
  }
})
