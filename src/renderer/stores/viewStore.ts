import { create } from 'zustand'

/** The screens of an open project, one tab each (features/project/views.tsx). */
export const viewIds = ['browse', 'annotate', 'team', 'criteria', 'judge', 'analytics'] as const
export type View = (typeof viewIds)[number]

export function isView(value: string): value is View {
  return (viewIds as readonly string[]).includes(value)
}

interface ViewStore {
  view: View
  show(view: View): void
}

export const useViewStore = create<ViewStore>((set) => ({
  view: 'browse',
  show: (view) => set({ view }),
}))
