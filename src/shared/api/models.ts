import { z } from 'zod'
import { exportFormats, importFormats, polluxLibraries } from './formats'

/** Shapes of the data that crosses the API. Inputs are validated against these at every transport. */

export const Id = z.number().int().positive()

export const ProjectCounts = z.object({
  instructions: z.number().int(),
  responses: z.number().int(),
  criteria: z.number().int(),
  items: z.number().int(),
  annotators: z.number().int(),
  annotations: z.number().int(),
  /** Judge scores: judgments with a score or "not applicable". */
  judgments: z.number().int(),
  /** Failed judgments (an error, no score): never counted as judge scores. */
  judgmentErrors: z.number().int(),
})
export type ProjectCounts = z.infer<typeof ProjectCounts>

export const ProjectInfo = z.object({
  path: z.string(),
  name: z.string(),
  readOnly: z.boolean(),
  schemaVersion: z.number().int(),
  counts: ProjectCounts,
})
export type ProjectInfo = z.infer<typeof ProjectInfo>

export const RecentProject = z.object({ path: z.string(), name: z.string(), openedAt: z.string() })
export type RecentProject = z.infer<typeof RecentProject>

export const Language = z.enum(['ru', 'en'])
export type Language = z.infer<typeof Language>

export const AppState = z.object({
  /** 'desktop' = Electron IPC; 'web' = `castor serve` over HTTP. */
  transport: z.enum(['desktop', 'web']),
  /** Whether the client may open, create or switch projects (false under `castor serve`, which serves one file). */
  canSwitchProjects: z.boolean(),
  project: ProjectInfo.nullable(),
  recent: z.array(RecentProject),
  /** The language the host suggests (from the OS locale); the UI may override it. */
  suggestedLanguage: Language,
  version: z.string(),
  /** `castor serve --new FILE` (or with no file) before a project exists: the file the start screen creates (owner only). */
  newProjectFile: z.string().nullable().optional(),
})
export type AppState = z.infer<typeof AppState>

export const CriterionLevel = z.object({ score: z.number(), text: z.string() })
export type CriterionLevel = z.infer<typeof CriterionLevel>

export const Criterion = z.object({
  id: Id,
  externalId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  group: z.string().nullable(),
  language: z.string(),
  levels: z.array(CriterionLevel),
  /** Texts in other languages, e.g. { en: { name, description, group, levels: { "0": "…" } } }. */
  translations: z.record(z.string(), z.unknown()).nullable(),
})
export type Criterion = z.infer<typeof Criterion>

export const InstructionRow = z.object({
  id: Id,
  externalId: z.string(),
  /** The first characters of the instruction, for lists. */
  preview: z.string(),
  taskPath: z.string().nullable(),
  difficulty: z.string().nullable(),
  domain: z.string().nullable(),
  responses: z.number().int(),
  items: z.number().int(),
  annotations: z.number().int(),
})
export type InstructionRow = z.infer<typeof InstructionRow>

export const Instruction = z.object({
  id: Id,
  externalId: z.string(),
  text: z.string(),
  referenceAnswer: z.string().nullable(),
  taskPath: z.string().nullable(),
  difficulty: z.string().nullable(),
  domain: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()).nullable(),
})
export type Instruction = z.infer<typeof Instruction>

/** One node of the POLLUX task taxonomy (tasks.json): its path of English names and its name in each language. */
export const TaskName = z.object({ path: z.string(), nameEn: z.string(), nameRu: z.string().nullable() })
export type TaskName = z.infer<typeof TaskName>

export const ResponseRow = z.object({
  id: Id,
  model: z.string(),
  preview: z.string(),
  items: z.number().int(),
  annotations: z.number().int(),
  /** Judge scores (a score or not applicable); failed judgments are counted apart. */
  judgments: z.number().int(),
  judgmentErrors: z.number().int(),
})
export type ResponseRow = z.infer<typeof ResponseRow>

export const ItemRow = z.object({
  id: Id,
  criterionId: Id,
  criterionName: z.string(),
  criterionGroup: z.string().nullable(),
  annotations: z.number().int(),
  judgments: z.number().int(),
  judgmentErrors: z.number().int(),
  meanScore: z.number().nullable(),
  /** The reference score when the item is a control item (browsing is lead-only; annotators never get this). */
  controlScore: z.number().nullable(),
})
export type ItemRow = z.infer<typeof ItemRow>

export const Annotation = z.object({
  id: Id,
  annotator: z.string(),
  score: z.number().nullable(),
  notApplicable: z.boolean(),
  rationale: z.string().nullable(),
  timeSpentMs: z.number().int().nullable(),
  status: z.enum(['draft', 'submitted']),
  updatedAt: z.string(),
})
export type Annotation = z.infer<typeof Annotation>

export const Judgment = z.object({
  id: Id,
  run: z.string(),
  model: z.string(),
  score: z.number().nullable(),
  notApplicable: z.boolean(),
  rationale: z.string().nullable(),
  error: z.string().nullable(),
})
export type Judgment = z.infer<typeof Judgment>

export const ItemDetail = z.object({
  id: Id,
  instruction: Instruction,
  response: z.object({ id: Id, model: z.string(), text: z.string() }),
  criterion: Criterion,
  goldScore: z.number().nullable(),
  annotations: z.array(Annotation),
  judgments: z.array(Judgment),
  /** The other items of the same answer, in order, for J/K navigation. */
  siblings: z.array(z.object({ id: Id, criterionName: z.string() })),
  /** The control item's reference score and note (lead-only, like all of browsing); null for an ordinary item. */
  control: z.object({ score: z.number(), note: z.string().nullable() }).nullable(),
})
export type ItemDetail = z.infer<typeof ItemDetail>

export const ImportFormat = z.enum(importFormats)
export type ImportFormat = z.infer<typeof ImportFormat>

export const PolluxLibrary = z.enum(polluxLibraries)
export type PolluxLibrary = z.infer<typeof PolluxLibrary>

export const ImportSummary = z.object({
  file: z.string(),
  format: ImportFormat,
  rows: z.number().int(),
  /** How many rows of each kind the project gained (0 on a repeated import). */
  added: ProjectCounts.extend({ judgeRuns: z.number().int(), tasks: z.number().int() }),
  durationMs: z.number(),
})
export type ImportSummary = z.infer<typeof ImportSummary>

export const ExportFormat = z.enum(exportFormats)
export type ExportFormat = z.infer<typeof ExportFormat>

export const ExportSummary = z.object({
  format: ExportFormat,
  path: z.string(),
  rows: z.number().int(),
  bytes: z.number().int(),
  /** Under `castor serve`: where the browser downloads the file. */
  downloadUrl: z.string().optional(),
})
export type ExportSummary = z.infer<typeof ExportSummary>

export const JobStatus = z.enum(['running', 'done', 'failed', 'cancelled'])
export const Job = z.object({
  id: z.string(),
  kind: z.enum(['import', 'export', 'judge', 'simulate']),
  label: z.string(),
  status: JobStatus,
  /** Progress in `unit`s (bytes for imports). */
  done: z.number(),
  total: z.number().nullable(),
  unit: z.enum(['bytes', 'rows', 'items']),
  startedAt: z.number(),
  etaMs: z.number().nullable(),
  /** Rows handled so far, for display. */
  rows: z.number().int(),
  error: z.object({ code: z.string(), message: z.string(), location: z.any().optional() }).nullable(),
  result: z.unknown().nullable(),
})
export type Job = z.infer<typeof Job>
