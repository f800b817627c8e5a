import { create } from 'zustand'

/** The screens of an open project, one tab each (features/project/views.tsx). */
export type View = 'browse' | 'annotate' | 'team' | 'judge' | 'analytics'

interface ViewStore {
  view: View
  show(view: View): void
}

export const useViewStore = create<ViewStore>((set) => ({
  view: 'browse',
  show: (view) => set({ view }),
}))
