import type { ComponentType } from 'react'
import type { View } from '../../stores/viewStore'
import { AnalyticsView } from '../analytics/AnalyticsView'
import { AnnotateView } from '../annotate/AnnotateView'
import { BrowseView } from '../browse/BrowseView'
import { CriteriaView } from '../criteria/CriteriaView'
import { JudgeView } from '../judge/JudgeView'
import { TeamView } from '../team/TeamView'
import { mayOpen, shownView, type Role } from './viewAccess'

export interface ViewSpec {
  id: View
  /** i18n key of the tab label. */
  label: string
  component: ComponentType
}

/** The tabs of an open project, in order; who may open each is in viewAccess.ts. */
export const views: ViewSpec[] = [
  { id: 'browse', label: 'views.browse', component: BrowseView },
  { id: 'annotate', label: 'workbench.title', component: AnnotateView },
  { id: 'team', label: 'views.team', component: TeamView },
  { id: 'criteria', label: 'setup.title', component: CriteriaView },
  { id: 'judge', label: 'judge.title', component: JudgeView },
  { id: 'analytics', label: 'analytics.title', component: AnalyticsView },
]

/** The tabs `role` may open: annotators only annotate; leads and the owner see every screen. */
export function viewsFor(role: Role): ViewSpec[] {
  return views.filter((view) => mayOpen(role, view.id))
}

/** The screen to show: the chosen one when `role` may open it, else the role's landing screen. */
export function visibleView(role: Role, chosen: View | null): ViewSpec {
  const id = shownView(
    role,
    chosen,
    views.map((view) => view.id),
  )
  return views.find((view) => view.id === id) ?? views[0]
}
