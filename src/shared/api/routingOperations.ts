import { z } from 'zod'
import { Id } from './models'
import { operation } from './operation'
import { AnnotationMode, ItemRouting, JudgeSuggestion, RoutingSettings, RoutingState } from './routingModels'

const none = z.object({}).strict()

/** Assignment policy, judge-guided routing and annotation mode; merged into `operations` (operations.ts). */
export const routingOperations = {
  'routing-get': operation(none, RoutingState, 'lead'),
  /** Saving judge-guided with a judge run starts the calibration (a seeded sample of answers gets k experts). */
  'routing-update': operation(RoutingSettings.partial().strict(), RoutingState, 'lead'),
  /** Recomputes the thresholds from the calibration answers' expert scores and routes every other item again. */
  'routing-recompute': operation(none, RoutingState, 'lead'),
  /** Why an item went to experts or was accepted; null when the project is not routed. */
  'routing-item': operation(z.object({ itemId: Id }).strict(), ItemRouting.nullable(), 'lead'),
  /**
   * The annotation mode, and in assisted mode the judge's score, probabilities and rationale for the caller's items
   * of an assigned answer. In blind mode no items, whatever the client asks, so blind scoring holds.
   */
  'work-assist': operation(z.object({ responseId: Id }).strict(), z.object({ mode: AnnotationMode, items: z.array(JudgeSuggestion) }), 'member'),
} as const
