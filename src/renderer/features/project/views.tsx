import type { ComponentType } from 'react'
import type { View } from '../../stores/viewStore'
import { AnalyticsView } from '../analytics/AnalyticsView'
import { AnnotateView } from '../annotate/AnnotateView'
import { BrowseView } from '../browse/BrowseView'
import { JudgeView } from '../judge/JudgeView'
import { TeamView } from '../team/TeamView'

export interface ViewSpec {
  id: View
  /** i18n key of the tab label. */
  label: string
  component: ComponentType
}

/** The tabs of an open project, in order. */
export const views: ViewSpec[] = [
  { id: 'browse', label: 'views.browse', component: BrowseView },
  { id: 'annotate', label: 'workbench.title', component: AnnotateView },
  { id: 'team', label: 'views.team', component: TeamView },
  { id: 'judge', label: 'judge.title', component: JudgeView },
  { id: 'analytics', label: 'analytics.title', component: AnalyticsView },
]
