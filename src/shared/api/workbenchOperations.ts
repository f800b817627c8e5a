// contract: ready
import { z } from 'zod'
import { Id, Language } from './models'
import { operation } from './operation'
import {
  Adjudication,
  AdjudicationRow,
  Annotator,
  AnnotatorFilters,
  AnnotatorRole,
  Me,
  MyAnnotation,
  Progress,
  RevealItem,
  ReviewRow,
  ScoreInput,
  SignInLink,
  SubmitResult,
  WorkbenchSettings,
  WorkItem,
  WorkNextResult,
  WorkQueueRow,
} from './workbenchModels'

const none = z.object({}).strict()
const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }
const name = z.string().trim().min(1).max(200)

/**
 * The workbench domain's operations; merged into `operations` (operations.ts). Access per access.ts: `member`
 * operations act on the caller's own annotator identity only (the server resolves it from the sign-in token; a
 * client never names whose work it is). Reading or writing an answer not assigned to the caller is `forbidden`.
 * Before the caller submits an item, no reply carries anyone else's or the judge's score for it.
 */
export const workbenchOperations = {
  // Who am I: role, identity, UI language, project settings, own progress.
  'me-get': operation(none, Me, 'member'),

  // Annotators and sign-in links (owner; leads may list)
  'annotators-list': operation(
    z.object({ includeRemoved: z.boolean().default(false) }).strict(),
    z.array(Annotator),
    'lead',
  ),
  /** Adds an annotator or lead and issues their first sign-in link. A name already taken is `conflict`. */
  'annotator-add': operation(
    z
      .object({
        name,
        role: AnnotatorRole.default('annotator'),
        language: Language.nullable().default(null),
        quota: z.number().int().min(0).nullable().default(null),
        filters: AnnotatorFilters.default({}),
      })
      .strict(),
    z.object({ annotator: Annotator, link: SignInLink }),
  ),
  'annotator-update': operation(
    z
      .object({
        id: Id,
        name: name.optional(),
        role: AnnotatorRole.optional(),
        language: Language.nullable().optional(),
        quota: z.number().int().min(0).nullable().optional(),
        filters: AnnotatorFilters.optional(),
      })
      .strict(),
    Annotator,
  ),
  /** Revokes their links and frees their unfinished answers (drafts dropped); submitted scores stay. */
  'annotator-remove': operation(z.object({ id: Id }).strict(), z.object({ annotator: Annotator, freedAnswers: z.number().int() })),
  /** Issues a new sign-in link; any earlier one stops working. */
  'annotator-link': operation(z.object({ id: Id }).strict(), SignInLink),
  /** Revokes every sign-in link of the annotator (401 from then on). */
  'annotator-revoke': operation(z.object({ id: Id }).strict(), Annotator),

  // The caller's own work (member)
  /** The caller's unfinished answer, or atomically claims the next one (least-assigned answers first). */
  'work-next': operation(none, WorkNextResult, 'member'),
  /** One of the caller's assigned answers; `forbidden` when it is not assigned to the caller. */
  'work-get': operation(z.object({ responseId: Id }).strict(), WorkItem, 'member'),
  /** The caller's assigned answers, newest first, paged (for a virtualized list). */
  'work-queue': operation(
    z.object({ ...page, status: z.enum(['all', 'open', 'done']).default('all') }).strict(),
    z.object({ total: z.number().int(), rows: z.array(WorkQueueRow) }),
    'member',
  ),
  /** Saves the caller's draft (debounce on the client). After submit it is `conflict`: use annotation-revise. */
  'annotation-draft-save': operation(ScoreInput, MyAnnotation, 'member'),
  /** The blind first submission. Needs a level score or notApplicable, and a rationale unless settings say otherwise. */
  'annotation-submit': operation(ScoreInput, SubmitResult, 'member'),
  /** A new revision of a submitted annotation; every earlier one is kept (the blind first included). */
  'annotation-revise': operation(ScoreInput, SubmitResult, 'member'),
  /** Others' and the judges' scores and rationales for the items of an answer the caller has submitted. */
  'reveal-get': operation(z.object({ responseId: Id }).strict(), z.object({ responseId: Id, items: z.array(RevealItem) }), 'member'),

  // Lead views
  'progress-get': operation(none, Progress, 'lead'),
  /** Items with submitted annotations, every annotator's side by side; filters narrow to items that match. */
  'review-list': operation(
    z
      .object({
        ...page,
        annotatorId: Id.optional(),
        criterionId: Id.optional(),
        model: z.string().max(500).optional(),
        /** Items where some expert gave this score (with annotatorId: where that annotator gave it). */
        score: z.number().optional(),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(ReviewRow) }),
    'lead',
  ),
  /**
   * Items with at least two expert scores (control items never), by disagreement: values differ (N/A counted as a
   * value), score range desc, then |expert mean − judge| desc. By default only items that need a decision.
   */
  'adjudication-queue': operation(
    z
      .object({
        ...page,
        criterionId: Id.optional(),
        model: z.string().max(500).optional(),
        /** Leave out items that already have a final score. */
        unresolvedOnly: z.boolean().default(true),
        /**
         * 'disagree': the experts' values differ, N/A counted as a value of its own (the default); 'na': N/A beside
         * a score; a number n: the numeric scores span at least n; 'all': unanimous items too.
         */
        range: z.union([z.enum(['all', 'disagree', 'na']), z.number().min(0)]).default('disagree'),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(AdjudicationRow) }),
    'lead',
  ),
  /** Sets (or replaces) the final score of an item, with a note. */
  'adjudication-set': operation(
    z
      .object({ itemId: Id, score: z.number().nullable(), notApplicable: z.boolean().default(false), note: z.string().max(20_000).default('') })
      .strict(),
    Adjudication,
    'lead',
  ),
  'project-settings-update': operation(WorkbenchSettings.partial().strict(), WorkbenchSettings, 'lead'),
} as const
