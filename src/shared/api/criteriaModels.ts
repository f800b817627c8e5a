import { z } from 'zod'
import { Criterion, CriterionLevel, Id } from './models'

/** A text in the POLLUX library's two languages (English may be missing). */
export const Bilingual = z.object({ ru: z.string().nullable(), en: z.string().nullable() })
export type Bilingual = z.infer<typeof Bilingual>

/** One node of the POLLUX task tree shipped with Castor (resources/pollux/tasks.json). */
export const LibraryTask = z.object({
  path: z.string(),
  parentPath: z.string().nullable(),
  level: z.number().int(),
  name: Bilingual,
  description: Bilingual,
  /** External ids of the criteria a leaf task is scored on (general and task-specific); empty for inner nodes. */
  criteria: z.array(z.string()),
})
export type LibraryTask = z.infer<typeof LibraryTask>

/** One criterion of the POLLUX library (resources/pollux/criteria.json). */
export const LibraryCriterion = z.object({
  externalId: z.string(),
  name: Bilingual,
  group: Bilingual,
  levels: z.number().int(),
})
export type LibraryCriterion = z.infer<typeof LibraryCriterion>

export const PolluxLibraryView = z.object({ tasks: z.array(LibraryTask), criteria: z.array(LibraryCriterion) })
export type PolluxLibraryView = z.infer<typeof PolluxLibraryView>

/** Where a criteria set applies: every instruction, a task path and everything under it, or an imported column's value. */
export const SetTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('task'), path: z.string().trim().min(1).max(1000) }).strict(),
  z.object({ kind: z.literal('column'), column: z.string().trim().min(1).max(200), value: z.string().max(1000) }).strict(),
])
export type SetTarget = z.infer<typeof SetTarget>

export const SetCriterion = z.object({
  id: Id,
  externalId: z.string(),
  name: z.string(),
  /** Scores given on it (annotations and judgments): its levels are fixed once there are any. */
  scores: z.number().int(),
})
export type SetCriterion = z.infer<typeof SetCriterion>

export const CriteriaSet = z.object({
  id: Id,
  name: z.string(),
  criteria: z.array(SetCriterion),
  targets: z.array(SetTarget),
  /** Items of its criteria on the answers it applies to. */
  items: z.number().int(),
})
export type CriteriaSet = z.infer<typeof CriteriaSet>

export const ExpansionResult = z.object({ items: z.number().int(), instructions: z.number().int() })
export type ExpansionResult = z.infer<typeof ExpansionResult>

/** A criterion written or edited by hand. */
export const CriterionDraft = z
  .object({
    name: z.string().trim().min(1).max(500),
    description: z.string().max(20000).nullable().default(null),
    group: z.string().trim().max(200).nullable().default(null),
    levels: z.array(CriterionLevel.extend({ text: z.string().max(5000) })).min(2).max(101),
    notApplicableAllowed: z.boolean().default(true),
  })
  .strict()
export type CriterionDraft = z.input<typeof CriterionDraft>

export const EditableCriterion = Criterion.extend({ notApplicableAllowed: z.boolean(), scores: z.number().int() })
export type EditableCriterion = z.infer<typeof EditableCriterion>

export const GuidelineScope = z.enum(['project', 'task', 'criterion'])
export type GuidelineScope = z.infer<typeof GuidelineScope>

export const GuidelineTarget = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('project') }).strict(),
  z.object({ scope: z.literal('task'), taskPath: z.string().trim().min(1).max(1000) }).strict(),
  z.object({ scope: z.literal('criterion'), criterionId: Id }).strict(),
])
export type GuidelineTarget = z.infer<typeof GuidelineTarget>

/** A guideline as a lead edits it: the lead's text, or the POLLUX default (a task's description) when none is written. */
export const Guideline = z.object({
  text: z.string(),
  /** 0 while nothing is written (the text is the default, possibly empty). */
  version: z.number().int(),
  source: z.enum(['lead', 'pollux', 'none']),
  updatedAt: z.string().nullable(),
})
export type Guideline = z.infer<typeof Guideline>

/** A guideline as an annotator sees it on the item screen; `updated`: edited since they last saw it. */
export const Guidance = Guideline.pick({ text: true, version: true, source: true }).extend({ updated: z.boolean() })
export type Guidance = z.infer<typeof Guidance>

/** What the item screen shows around one assigned answer: never a score. */
export const AnswerGuidance = z.object({
  taskPath: z.string().nullable(),
  /** Each level of the task path in Russian and English, when the project has the task tree. */
  taskLevels: z.array(Bilingual),
  project: Guidance.nullable(),
  task: Guidance.nullable(),
  /** By criterion id: its guideline (when written) and whether N/A is allowed. */
  criteria: z.record(z.string(), z.object({ guideline: Guidance.nullable(), notApplicableAllowed: z.boolean() })),
})
export type AnswerGuidance = z.infer<typeof AnswerGuidance>
