import { z } from 'zod'
import {
  AppState,
  Criterion,
  ExportFormat,
  ExportSummary,
  Id,
  ImportFormat,
  Instruction,
  InstructionRow,
  ItemDetail,
  ItemRow,
  Job,
  PolluxLibrary,
  ProjectInfo,
  RecentProject,
  ResponseRow,
  TaskName,
} from './models'
import { operation } from './operation'
import { criteriaOperations } from './criteriaOperations'
import { importOperations } from './importOperations'
import { controlOperations } from './controlOperations'
import { judgeOperations } from './judgeOperations'
import { qualityOperations } from './qualityOperations'
import { routingOperations } from './routingOperations'
import { statsOperations } from './statsOperations'
import { simulationOperations } from './simulationOperations'
import { workbenchOperations } from './workbenchOperations'
const none = z.object({}).strict()
const path = z.string().min(1).max(4096)

/** The app, its project, browsing, import and export. */
const coreOperations = {
  // The app and its project
  'app-state': operation(none, AppState, 'member'),
  'project-info': operation(none, ProjectInfo, 'member'),
  'project-open': operation(z.object({ path, readOnly: z.boolean().optional() }).strict(), ProjectInfo),
  'project-create': operation(z.object({ path }).strict(), ProjectInfo),
  'project-open-demo': operation(none, ProjectInfo),
  'project-close': operation(none, z.null()),
  'recent-remove': operation(z.object({ path }).strict(), z.array(RecentProject)),

  // Native dialogs (desktop only; `castor serve` answers `unsupported` and the browser uploads instead)
  'dialog-open-file': operation(
    z.object({ purpose: z.enum(['project', 'import', 'model']) }).strict(),
    z.object({ path: z.string().nullable() }),
  ),
  'dialog-save-file': operation(
    z.object({ purpose: z.enum(['project', 'export']), defaultName: z.string().max(255).optional() }).strict(),
    z.object({ path: z.string().nullable() }),
  ),

  // Browsing: instructions → answers → criteria → item (everyone's scores, so leads only)
  'instructions-list': operation(
    z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
        search: z.string().max(500).optional(),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(InstructionRow) }),
    'lead',
  ),
  'instruction-get': operation(
    z.object({ id: Id }).strict(),
    z.object({ instruction: Instruction, responses: z.array(ResponseRow) }),
    'lead',
  ),
  'response-items': operation(
    z.object({ responseId: Id }).strict(),
    z.object({ response: z.object({ id: Id, model: z.string(), text: z.string() }), items: z.array(ItemRow) }),
    'lead',
  ),
  'item-get': operation(z.object({ id: Id }).strict(), ItemDetail, 'lead'),
  'criteria-list': operation(none, z.array(Criterion.extend({ items: z.number().int() })), 'lead'),
  'task-names': operation(none, z.array(TaskName), 'lead'),

  // Data in and out; imports run as jobs that report `job-progress`
  'import-start': operation(
    z
      .object({
        // A host path (desktop), an upload (`castor serve`), or a POLLUX taxonomy shipped with Castor (its format is implied).
        source: z.union([
          z.object({ path }).strict(),
          z.object({ uploadId: z.string().regex(/^[a-f0-9]{32}$/) }).strict(),
          z.object({ library: PolluxLibrary }).strict(),
        ]),
        format: ImportFormat.default('auto'),
      })
      .strict(),
    z.object({ jobId: z.string() }),
  ),
  'export-run': operation(
    // bom: CSV starts with a UTF-8 byte order mark (default true); rawCsv: long CSV cells written as they are (default false).
    z.object({ format: ExportFormat, path: path.optional(), bom: z.boolean().optional(), rawCsv: z.boolean().optional() }).strict(),
    ExportSummary,
  ),
  'job-list': operation(none, z.array(Job), 'lead'),
  'job-cancel': operation(z.object({ id: z.string() }).strict(), Job),
} as const

/**
 * Every operation the UI may call, kebab-case `noun-verb`, with who may call it (access.ts; owner-only unless
 * said). Services implement them (src/main/handlers), transports carry them: Electron IPC (preload) and HTTP
 * POST /api/<name> (`castor serve`). Each domain declares its own in `<domain>Operations.ts`.
 */
export const operations = {
  ...coreOperations,
  ...workbenchOperations,
  ...judgeOperations,
  ...statsOperations,
  ...criteriaOperations,
  ...qualityOperations,
  ...routingOperations,
  ...simulationOperations,
  ...importOperations,
  ...controlOperations,
} as const

export type Operations = typeof operations
export type OperationName = keyof Operations
export type OperationInput<K extends OperationName> = z.input<Operations[K]['input']>
export type ParsedInput<K extends OperationName> = z.output<Operations[K]['input']>
export type OperationOutput<K extends OperationName> = z.output<Operations[K]['output']>

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(operations, name)
}
