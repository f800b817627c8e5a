import { z } from 'zod'
import { Id } from './models'
import { operation } from './operation'
import {
  AnswerGuidance,
  CriteriaSet,
  CriterionDraft,
  EditableCriterion,
  ExpansionResult,
  Guideline,
  GuidelineTarget,
  PolluxLibraryView,
  SetTarget,
} from './criteriaModels'

const none = z.object({}).strict()
const externalIds = z.array(z.string().min(1).max(200)).max(5000)

/**
 * Criteria and guidelines: the POLLUX library, criteria sets, the criterion editor (leads and the owner) and the
 * guidance an annotator reads beside an assigned answer (`member`, scoped to the caller's own assignments).
 */
export const criteriaOperations = {
  /** The POLLUX task tree and criteria shipped with Castor. */
  'pollux-library': operation(none, PolluxLibraryView, 'lead'),
  /**
   * Brings library criteria into the project (every level, Russian and English) with the task tree: those of the
   * chosen tasks (and every task under them) plus the chosen criteria. Idempotent.
   */
  'criteria-library-add': operation(
    z.object({ taskPaths: externalIds.default([]), criterionIds: externalIds.default([]) }).strict(),
    z.array(EditableCriterion),
    'lead',
  ),
  'criteria-editable': operation(none, z.array(EditableCriterion), 'lead'),
  /** Writes a criterion (`id` absent: a new one). Changing the levels of one with scores is `conflict`, with the reason. */
  'criterion-save': operation(z.object({ id: Id.optional(), criterion: CriterionDraft }).strict(), EditableCriterion, 'lead'),
  /** A copy under a new external id, with no scores: the way to change the levels of a scored criterion. */
  'criterion-duplicate': operation(z.object({ id: Id, name: z.string().trim().min(1).max(500).optional() }).strict(), EditableCriterion, 'lead'),

  'criteria-sets-list': operation(none, z.array(CriteriaSet), 'lead'),
  /** Creates or renames a set and sets its criteria (in order); expands it onto the instructions it applies to. */
  'criteria-set-save': operation(
    z.object({ id: Id.optional(), name: z.string().trim().min(1).max(200), criterionIds: z.array(Id).max(5000) }).strict(),
    z.object({ set: CriteriaSet, added: ExpansionResult }),
    'lead',
  ),
  /** Attaches a set to instructions; every answer to them gets an item per criterion (a job with progress). */
  'criteria-set-attach': operation(
    z.object({ setId: Id, target: SetTarget }).strict(),
    z.object({ set: CriteriaSet, added: ExpansionResult }),
    'lead',
  ),

  'guideline-get': operation(GuidelineTarget, Guideline, 'lead'),
  'guideline-save': operation(z.object({ target: GuidelineTarget, text: z.string().max(200000) }).strict(), Guideline, 'lead'),
  /** The task path and guidelines of an answer assigned to the caller; records what the caller has now seen. */
  'guidance-get': operation(z.object({ responseId: Id }).strict(), AnswerGuidance, 'member'),
} as const
