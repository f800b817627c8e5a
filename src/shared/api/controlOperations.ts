// contract: ready
import { z } from 'zod'
import { Id } from './models'
import { operation } from './operation'
import { AdjudicationItem, ControlAccuracyRow, ControlItem, ControlSettings, OnDemandJudgment } from './controlModels'

const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }

/**
 * Control items and the adjudication panel; merged into `operations` (operations.ts). All `lead`: an annotator
 * never learns which items are controls.
 */
export const controlOperations = {
  'control-settings-get': operation(z.object({}).strict(), ControlSettings, 'lead'),
  'control-settings-update': operation(ControlSettings.partial().strict(), ControlSettings, 'lead'),
  'controls-list': operation(z.object(page).strict(), z.object({ total: z.number().int(), rows: z.array(ControlItem) }), 'lead'),
  /** Marks an item as a control: `score` null takes its adjudicated final score, a number is typed in. */
  'control-set': operation(
    z.object({ itemId: Id, score: z.number().nullable().default(null), note: z.string().max(20_000).default('') }).strict(),
    ControlItem,
    'lead',
  ),
  'control-remove': operation(z.object({ itemId: Id }).strict(), z.object({ removed: z.boolean() }), 'lead'),
  /** Per annotator: controls submitted and how many matched the reference. */
  'control-accuracy': operation(z.object({}).strict(), z.array(ControlAccuracyRow), 'lead'),
  /** The adjudication panel of one item: instruction, answer, rubric, every expert's and judge's score. */
  'adjudication-item': operation(z.object({ itemId: Id }).strict(), AdjudicationItem, 'lead'),
  /** Judges one item now with the latest judge run's configuration (local model or server); nothing is stored. */
  'adjudication-judge': operation(z.object({ itemId: Id }).strict(), OnDemandJudgment, 'lead'),
} as const
