import { z } from 'zod'
import { Criterion, Id, Language } from './models'

/**
 * Shapes of the annotation workbench: annotators and sign-in, assignment, the item screen, reveal, lead views.
 *
 * Units: an *answer* (a response) is what gets assigned; its *items* are (answer × criterion) pairs. An
 * annotator claims a whole answer and scores all its criteria in turn; every answer goes to `overlap` (k)
 * distinct annotators. Scores are numbers from the criterion's levels; `notApplicable` = «Неприменимо» (score null).
 */

const text = (max: number) => z.string().max(max)
const isoTime = z.string()

// ---------------------------------------------------------------------------------------------------------------
// Project settings

export const WorkbenchSettings = z.object({
  /** k: distinct annotators per answer (POLLUX: 2). */
  overlap: z.number().int().min(1).max(50),
  /** Submitting needs a non-empty rationale. */
  rationaleRequired: z.boolean(),
  /** Which submission agreement statistics use: the blind first one (default) or the latest revision. */
  agreementSource: z.enum(['first', 'latest']),
})
export type WorkbenchSettings = z.infer<typeof WorkbenchSettings>

// ---------------------------------------------------------------------------------------------------------------
// Annotators and sign-in

export const AnnotatorRole = z.enum(['annotator', 'lead'])
export type AnnotatorRole = z.infer<typeof AnnotatorRole>

/** Which answers an annotator may be given; an empty or missing list means no restriction. */
export const AnnotatorFilters = z
  .object({
    /** Task paths (instructions.task_path) or their prefixes, e.g. "QA" or "QA / Concept Explanation". */
    tasks: z.array(text(500)).max(200).optional(),
    /** Criterion groups (criteria.group_name): answers with at least one criterion in one of them. */
    criterionGroups: z.array(text(500)).max(200).optional(),
    /** Criterion languages (criteria.language, e.g. "ru"): answers with at least one criterion in one of them. */
    languages: z.array(text(20)).max(50).optional(),
  })
  .strict()
export type AnnotatorFilters = z.infer<typeof AnnotatorFilters>

export const Annotator = z.object({
  id: Id,
  name: z.string(),
  /** 'owner' only for the project owner's own annotator identity (made when the owner first annotates). */
  role: z.enum(['owner', 'lead', 'annotator']),
  language: Language.nullable(),
  /** Most answers this annotator may be assigned in all; null = no limit. */
  quota: z.number().int().nullable(),
  filters: AnnotatorFilters,
  /** Has a sign-in link that is not revoked. */
  hasLink: z.boolean(),
  linkIssuedAt: isoTime.nullable(),
  /** Removed annotators keep their submitted scores but cannot sign in or get work. */
  removed: z.boolean(),
  /** Answers assigned (done or not) and answers finished (every criterion submitted). */
  assigned: z.number().int(),
  done: z.number().int(),
  createdAt: isoTime,
})
export type Annotator = z.infer<typeof Annotator>

/**
 * A personal sign-in link. The server stores only the token's SHA-256; this is the one time the token is shown.
 * `path` is relative to the server (`castor serve` prints its base URL): open `<base>` + `path` in a browser.
 */
export const SignInLink = z.object({ annotatorId: Id, token: z.string(), path: z.string(), issuedAt: isoTime })
export type SignInLink = z.infer<typeof SignInLink>

export const Me = z.object({
  role: z.enum(['owner', 'lead', 'annotator']),
  /** The caller's annotator identity; null for an owner who has not annotated yet. */
  annotatorId: Id.nullable(),
  name: z.string(),
  language: Language.nullable(),
  settings: WorkbenchSettings,
  /** The caller's own answers: assigned (done or not) and done. */
  assigned: z.number().int(),
  done: z.number().int(),
  quota: z.number().int().nullable(),
})
export type Me = z.infer<typeof Me>

// ---------------------------------------------------------------------------------------------------------------
// Annotations and the item screen

export const ScoreInput = z
  .object({
    itemId: Id,
    /** One of the criterion's level scores; null while undecided (drafts) or when notApplicable. */
    score: z.number().nullable(),
    notApplicable: z.boolean().default(false),
    rationale: text(20_000).default(''),
    /** Total active (non-idle) milliseconds spent on this item so far, as measured by the client. */
    activeMs: z.number().int().min(0).max(7 * 24 * 3600 * 1000).default(0),
  })
  .strict()
export type ScoreInput = z.input<typeof ScoreInput>

/** The caller's own annotation of one item. */
export const MyAnnotation = z.object({
  itemId: Id,
  score: z.number().nullable(),
  notApplicable: z.boolean(),
  rationale: z.string().nullable(),
  activeMs: z.number().int().nullable(),
  status: z.enum(['draft', 'submitted']),
  /** 0 for a draft, 1 for the blind first submission, +1 per revision. */
  revision: z.number().int(),
  /** The blind first submission (equal to the current one until revised). */
  first: z.object({ score: z.number().nullable(), notApplicable: z.boolean(), rationale: z.string().nullable() }).nullable(),
  submittedAt: isoTime.nullable(),
  updatedAt: isoTime,
})
export type MyAnnotation = z.infer<typeof MyAnnotation>

export const WorkCriterion = z.object({
  itemId: Id,
  criterion: Criterion,
  /** The caller's own draft or submission, null when untouched. Never anyone else's, never the judge's. */
  annotation: MyAnnotation.nullable(),
})
export type WorkCriterion = z.infer<typeof WorkCriterion>

/** Everything the item screen shows for one assigned answer. */
export const WorkItem = z.object({
  assignmentId: Id,
  responseId: Id,
  status: z.enum(['open', 'done']),
  assignedAt: isoTime,
  completedAt: isoTime.nullable(),
  instruction: z.object({
    id: Id,
    externalId: z.string(),
    text: z.string(),
    referenceAnswer: z.string().nullable(),
    taskPath: z.string().nullable(),
    difficulty: z.string().nullable(),
    domain: z.string().nullable(),
  }),
  response: z.object({ id: Id, model: z.string(), text: z.string() }),
  /** In item order; J/K move through them. */
  criteria: z.array(WorkCriterion),
  /** The caller's answers: assigned and done, for a progress line. */
  progress: z.object({ assigned: z.number().int(), done: z.number().int(), quota: z.number().int().nullable() }),
})
export type WorkItem = z.infer<typeof WorkItem>

export const WorkNextResult = z.object({
  /** The caller's unfinished answer if there is one, else a newly claimed one; null when there is nothing left. */
  item: WorkItem.nullable(),
  /** Why item is null: everything is assigned k times (or filtered out), or the caller's quota is used up. */
  reason: z.enum(['none-left', 'quota-reached']).nullable(),
})
export type WorkNextResult = z.infer<typeof WorkNextResult>

export const WorkQueueRow = z.object({
  assignmentId: Id,
  responseId: Id,
  /** The first characters of the instruction. */
  preview: z.string(),
  model: z.string(),
  criteria: z.number().int(),
  submitted: z.number().int(),
  drafts: z.number().int(),
  status: z.enum(['open', 'done']),
  assignedAt: isoTime,
  completedAt: isoTime.nullable(),
})
export type WorkQueueRow = z.infer<typeof WorkQueueRow>

export const SubmitResult = z.object({
  annotation: MyAnnotation,
  /** Every criterion of the answer is now submitted by the caller. */
  answerDone: z.boolean(),
  /** Only when a lead turned control feedback on and the item was a control: the reference score and note. */
  feedback: z.object({ referenceScore: z.number(), note: z.string().nullable() }).optional(),
})
export type SubmitResult = z.infer<typeof SubmitResult>

// ---------------------------------------------------------------------------------------------------------------
// Reveal (after the caller's own submission only)

export const OtherAnnotation = z.object({
  annotatorId: Id,
  annotator: z.string(),
  score: z.number().nullable(),
  notApplicable: z.boolean(),
  rationale: z.string().nullable(),
  /** The blind first submission, when it differs from the current one. */
  firstScore: z.number().nullable(),
  firstNotApplicable: z.boolean(),
  revised: z.boolean(),
})
export type OtherAnnotation = z.infer<typeof OtherAnnotation>

export const JudgeScore = z.object({
  run: z.string(),
  model: z.string(),
  score: z.number().nullable(),
  notApplicable: z.boolean(),
  rationale: z.string().nullable(),
  /** Probability per score, e.g. { "0": 0.1, "1": 0.2, "2": 0.7 }; null when the run did not record them. */
  probabilities: z.record(z.string(), z.number()).nullable(),
})
export type JudgeScore = z.infer<typeof JudgeScore>

export const RevealItem = z.object({
  itemId: Id,
  criterionId: Id,
  criterionName: z.string(),
  /** False for items the caller has not submitted: then others and judges are empty. */
  revealed: z.boolean(),
  mine: MyAnnotation.nullable(),
  others: z.array(OtherAnnotation),
  judges: z.array(JudgeScore),
})
export type RevealItem = z.infer<typeof RevealItem>

// ---------------------------------------------------------------------------------------------------------------
// Lead views

export const AnnotatorProgress = z.object({
  annotatorId: Id,
  name: z.string(),
  role: z.enum(['owner', 'lead', 'annotator']),
  removed: z.boolean(),
  /** Answers. */
  assigned: z.number().int(),
  done: z.number().int(),
  /** Items (criterion scores) submitted. */
  itemsSubmitted: z.number().int(),
  /** Submitted items per hour between the first and the latest submission; null under two submissions. */
  itemsPerHour: z.number().nullable(),
  /** Median active time per submitted item, ms. */
  medianMsPerItem: z.number().nullable(),
  lastSubmittedAt: isoTime.nullable(),
})
export type AnnotatorProgress = z.infer<typeof AnnotatorProgress>

export const Progress = z.object({
  overall: z.object({
    overlap: z.number().int(),
    /** Answers that have at least one criterion. */
    answers: z.number().int(),
    /** answers × overlap. */
    slots: z.number().int(),
    assigned: z.number().int(),
    done: z.number().int(),
    /** Answers every one of whose k slots is done. */
    answersComplete: z.number().int(),
    itemsSubmitted: z.number().int(),
    itemsPerHour: z.number().nullable(),
    medianMsPerItem: z.number().nullable(),
  }),
  annotators: z.array(AnnotatorProgress),
})
export type Progress = z.infer<typeof Progress>

export const Adjudication = z.object({
  itemId: Id,
  score: z.number().nullable(),
  notApplicable: z.boolean(),
  note: z.string().nullable(),
  adjudicator: z.string(),
  updatedAt: isoTime,
})
export type Adjudication = z.infer<typeof Adjudication>

/** One item with every submitted annotation side by side (review and adjudication). */
export const ReviewRow = z.object({
  itemId: Id,
  responseId: Id,
  instructionId: Id,
  preview: z.string(),
  model: z.string(),
  criterionId: Id,
  criterionName: z.string(),
  annotations: z.array(OtherAnnotation),
  judges: z.array(JudgeScore),
  final: Adjudication.nullable(),
})
export type ReviewRow = z.infer<typeof ReviewRow>

export const AdjudicationRow = ReviewRow.extend({
  /** Max − min of the experts' scores (the used submission: first or latest, per settings). */
  range: z.number().nullable(),
  expertMean: z.number().nullable(),
  /** The first judge run's score for the item (by run name), if any. */
  judgeScore: z.number().nullable(),
  /** |expertMean − judgeScore|. */
  judgeGap: z.number().nullable(),
  /** Experts who said N/A: N/A is a value of its own, so N/A beside a score is a disagreement whatever `range` says. */
  notApplicableCount: z.number().int(),
  /** The experts' values (N/A counted as one) are not all the same. */
  disagrees: z.boolean(),
})
export type AdjudicationRow = z.infer<typeof AdjudicationRow>

// ---------------------------------------------------------------------------------------------------------------
// Events

/**
 * A hint for lead views to refetch `progress-get`; the server sends it at most once a second (the last change of a
 * burst). Carries no scores; only leads and owners get it.
 */
export const ProgressChanged = z.object({
  annotatorId: Id.nullable(),
  reason: z.enum(['assigned', 'submitted', 'revised', 'freed', 'annotators', 'settings']),
})
export type ProgressChanged = z.infer<typeof ProgressChanged>
