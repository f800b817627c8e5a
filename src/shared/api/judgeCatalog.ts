import { z } from 'zod'

/**
 * The POLLUX judges a new user can run, as one list: the app's Judge tab and `castor models catalog` show it.
 * Pollux-4B-Judge runs embedded from its community GGUF; the 7B and 32B judges are served (vLLM, as the model cards
 * do) and reached as an OpenAI-compatible server. The `-r` regression variants are not listed (Castor refuses them).
 *
 * GGUF sizes: the community repository's file list could not be read from here, so each size is that of the
 * Qwen3-4B GGUF of the same quantization (the judge is a Qwen3-4B fine-tune: same tensors, same bytes ± metadata).
 */

export const CATALOG_ENDPOINT = 'http://127.0.0.1:8000/v1'

export interface CatalogQuantization {
  quant: string
  /** Approximate file size (see above). */
  bytes: number
  /** `hf:owner/repo:QUANT`, what `castor models pull` and a local run take. */
  uri: string
}

export interface CatalogServe {
  /** The command that serves the judge on this machine's port 8000 (from the model card). */
  command: string
  endpoint: string
  /** The model name the server answers to. */
  model: string
  /** GPU memory the weights alone take in BF16 (the server needs more for its KV cache). */
  weightsBytes: number
}

export interface CatalogEntry {
  id: string
  name: string
  /** The authors' Hugging Face repository. */
  upstream: string
  parameters: number
  /** Writes `<think>…</think>` then a bare score (Qwen3), rather than `[FEEDBACK] … [RESULT] n`. */
  thinks: boolean
  /** Community GGUF files for the embedded backend; empty when none is known. */
  gguf: { repository: string; quantizations: CatalogQuantization[] } | null
  serve: CatalogServe
}

const GB = 1e9
const gguf = (repository: string, sizes: [string, number][]) => ({
  repository,
  quantizations: sizes.map(([quant, bytes]) => ({ quant, bytes, uri: `hf:${repository}:${quant}` })),
})
const vllm = (model: string, parameters: number, extra = ''): CatalogServe => ({
  command: `vllm serve ${model} --port 8000${extra}`,
  endpoint: CATALOG_ENDPOINT,
  model,
  weightsBytes: parameters * 2,
})

export const JUDGE_CATALOG: readonly CatalogEntry[] = [
  {
    id: 'pollux-4b-judge',
    name: 'Pollux-4B-Judge',
    upstream: 'ai-forever/Pollux-4B-Judge',
    parameters: 4.02 * GB,
    thinks: true,
    gguf: gguf('ledgergap/Pollux-4B-Judge-GGUF', [
      ['Q4_K_M', 2.5 * GB],
      ['Q5_K_M', 2.89 * GB],
      ['Q6_K', 3.31 * GB],
      ['Q8_0', 4.28 * GB],
      ['F16', 8.05 * GB],
    ]),
    serve: vllm('ai-forever/Pollux-4B-Judge', 4.02 * GB, ' --tensor-parallel-size 1 --reasoning-parser qwen3'),
  },
  {
    id: 'pollux-judge-7b',
    name: 'pollux-judge-7b',
    upstream: 'ai-forever/pollux-judge-7b',
    parameters: 7.6 * GB,
    thinks: false,
    gguf: null,
    serve: vllm('ai-forever/pollux-judge-7b', 7.6 * GB),
  },
  {
    id: 'pollux-judge-32b',
    name: 'pollux-judge-32b',
    upstream: 'ai-forever/pollux-judge-32b',
    parameters: 32.8 * GB,
    thinks: false,
    gguf: null,
    serve: vllm('ai-forever/pollux-judge-32b', 32.8 * GB),
  },
]

/** `pollux-4b-judge` or `pollux-4b-judge:Q8_0` → the GGUF's URI (Q4_K_M when no quantization is named); else null. */
export function catalogModelUri(reference: string): string | null {
  const [id, quant] = reference.split(':', 2)
  const entry = JUDGE_CATALOG.find((candidate) => candidate.id === id.toLowerCase())
  if (!entry?.gguf) return null
  const wanted = (quant ?? 'Q4_K_M').toUpperCase()
  return entry.gguf.quantizations.find((q) => q.quant === wanted)?.uri ?? null
}

/** Whether something fits this machine: on its GPU, in its RAM (CPU only), or not at all. */
export const CatalogFit = z.enum(['gpu', 'ram', 'no'])
export type CatalogFit = z.infer<typeof CatalogFit>

/** The catalog as the host sees it: each GGUF's and each served model's fit on this machine's GPU and RAM. */
export const JudgeCatalog = z.object({
  gpu: z.string().nullable(),
  vramBytes: z.number(),
  ramBytes: z.number(),
  entries: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      upstream: z.string(),
      parameters: z.number(),
      thinks: z.boolean(),
      gguf: z
        .object({ repository: z.string(), quantizations: z.array(z.object({ quant: z.string(), bytes: z.number(), uri: z.string(), fit: CatalogFit })) })
        .nullable(),
      serve: z.object({ command: z.string(), endpoint: z.string(), model: z.string(), weightsBytes: z.number(), fit: CatalogFit }),
    }),
  ),
})
export type JudgeCatalog = z.infer<typeof JudgeCatalog>
