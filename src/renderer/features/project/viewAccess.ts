import type { View } from '../../stores/viewStore'

export type Role = 'owner' | 'lead' | 'annotator'

/** Who sees a tab: every signed-in member, or leads and the owner (their screens read everyone's scores). */
export const viewAccess: Record<View, 'member' | 'lead'> = {
  browse: 'lead',
  annotate: 'member',
  team: 'lead',
  criteria: 'lead',
  judge: 'lead',
  analytics: 'lead',
}

export function mayOpen(role: Role, view: View): boolean {
  return role !== 'annotator' || viewAccess[view] === 'member'
}

/** Where `role` lands when the project opens: annotators on their work, leads and the owner on browse. */
export function landingView(role: Role): View {
  return role === 'annotator' ? 'annotate' : 'browse'
}

/** The view to show among `order`: the chosen one when `role` may open it, else the role's landing view. */
export function shownView(role: Role, chosen: View | null, order: readonly View[]): View {
  if (chosen !== null && mayOpen(role, chosen)) return chosen
  const landing = landingView(role)
  return mayOpen(role, landing) ? landing : (order.find((view) => mayOpen(role, view)) ?? 'annotate')
}
