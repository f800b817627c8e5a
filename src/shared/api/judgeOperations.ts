import { z } from 'zod'
import { DecodingInput, ItemSelection, JudgeBackendInput, JudgeModelFile, JudgePromptPreview, JudgeRunDetail, JudgeRunSummary } from './judgeModels'
import { JudgeCatalog } from './judgeCatalog'
import { Id } from './models'
import { operation } from './operation'

const runRef = z.object({ runId: Id }).strict()
const started = z.object({ runId: Id, jobId: z.string(), name: z.string(), created: z.boolean(), queued: z.number().int(), alreadyJudged: z.number().int() })

/**
 * The judge domain's operations; merged into `operations` (operations.ts).
 * Access: starting or resuming a run is the owner's: it reads a model file on the host, spends the host's GPU,
 * and may send an API key held in the host's environment to a URL. Leads see runs and prompts, and may pause or
 * cancel a run (stopping work is harmless; finished judgments stay). Annotators see none of it (blind scoring).
 */
export const judgeOperations = {
  'judge-runs-list': operation(z.object({}).strict(), z.array(JudgeRunSummary), 'lead'),
  'judge-run-get': operation(
    z.object({ runId: Id, limit: z.number().int().min(0).max(1000).default(50) }).strict(),
    JudgeRunDetail,
    'lead',
  ),
  'judge-run-start': operation(
    z
      .object({
        name: z.string().trim().min(1).max(200),
        backend: JudgeBackendInput,
        constrained: z.boolean().default(false),
        /** Sequences (local) or concurrent requests (server); the server settings' concurrency when absent. */
        parallel: z.number().int().min(1).max(256).optional(),
        selection: ItemSelection.default({ mode: 'all' }),
        decoding: DecodingInput.default({ temperature: 0, topP: null, maxTokens: 4096, seed: null }),
        retryErrors: z.boolean().default(false),
      })
      .strict(),
    started,
  ),
  /** Starts the run again with its stored settings (a server's key: given here, or from its environment variable). */
  'judge-run-resume': operation(
    z.object({ runId: Id, apiKey: z.string().max(4096).optional(), retryErrors: z.boolean().default(false) }).strict(),
    started,
  ),
  'judge-run-pause': operation(runRef, JudgeRunSummary, 'lead'),
  'judge-run-cancel': operation(runRef, JudgeRunSummary, 'lead'),
  /** GGUF files in the host's models folder (CASTOR_MODELS_DIR or ~/.castor/models); the host's files, so owner only. */
  'judge-models-list': operation(z.object({}).strict(), z.object({ dir: z.string(), models: z.array(JudgeModelFile) })),
  /** The POLLUX judges catalog with each model's fit on the host's GPU/RAM (the host's hardware, so owner only). */
  'judge-catalog': operation(z.object({}).strict(), JudgeCatalog),
  /** Dry run for one item: the exact user message the judge reads, and the scale. */
  'judge-preview-prompt': operation(z.object({ itemId: Id }).strict(), JudgePromptPreview, 'lead'),
} as const
