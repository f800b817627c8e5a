import os from 'node:os'
import { JUDGE_CATALOG, type CatalogFit, type JudgeCatalog } from '@shared/api/judgeCatalog'

/** What a machine offers a model: GPU memory (0 without a usable GPU) and RAM. */
export interface MachineMemory {
  gpu: string | null
  vramBytes: number
  ramBytes: number
}

/** Room a model needs beyond its weights: a context's KV cache and compute buffers (a few thousand tokens). */
const HEADROOM = 1.2
const HEADROOM_BYTES = 512 * 1024 * 1024

export function fitOf(bytes: number, machine: MachineMemory): CatalogFit {
  const needed = bytes * HEADROOM + HEADROOM_BYTES
  if (machine.vramBytes >= needed) return 'gpu'
  if (machine.ramBytes >= needed) return 'ram'
  return 'no'
}

/** The catalog with each GGUF's fit (GPU, else RAM) and each served model's (a vLLM server needs the GPU). */
export function catalogFor(machine: MachineMemory): JudgeCatalog {
  return {
    ...machine,
    entries: JUDGE_CATALOG.map((entry) => ({
      ...entry,
      gguf: entry.gguf && { ...entry.gguf, quantizations: entry.gguf.quantizations.map((q) => ({ ...q, fit: fitOf(q.bytes, machine) })) },
      serve: { ...entry.serve, fit: fitOf(entry.serve.weightsBytes, machine) === 'gpu' ? 'gpu' : 'no' },
    })),
  }
}

/** This machine's memory: the GPU node-llama-cpp would use (its total VRAM) and the total RAM. */
export async function machineMemory(options: { gpu?: boolean } = {}): Promise<MachineMemory> {
  const ramBytes = os.totalmem()
  if (options.gpu === false) return { gpu: null, vramBytes: 0, ramBytes }
  const { getJudgeLlama } = await import('../llama/llamaRuntime')
  const llama = await getJudgeLlama('auto')
  if (llama.gpu === false) return { gpu: null, vramBytes: 0, ramBytes }
  const vram = await llama.getVramState()
  return { gpu: llama.gpu, vramBytes: vram.total, ramBytes }
}
