import os from 'node:os'
import type { Llama } from 'node-llama-cpp'

/**
 * One node-llama-cpp runtime per process. The GPU is chosen automatically (CUDA, Vulkan, Metal, whichever
 * prebuilt binary works here) with CPU as the fallback; nothing is compiled from source at run time.
 * `maxThreads` is the machine's parallelism: node-llama-cpp's CPU default of at least 4 threads made generation
 * ~85× slower on a 2-core machine.
 */
export type JudgeGpu = 'auto' | false

const runtimes = new Map<string, Promise<Llama>>()

export function judgeThreads(): number {
  return os.availableParallelism()
}

export async function getJudgeLlama(gpu: JudgeGpu = 'auto'): Promise<Llama> {
  const key = String(gpu)
  let runtime = runtimes.get(key)
  if (!runtime) {
    runtime = load(gpu)
    runtimes.set(key, runtime)
    runtime.catch(() => runtimes.delete(key))
  }
  return runtime
}

async function load(gpu: JudgeGpu): Promise<Llama> {
  const { getLlama, LlamaLogLevel } = await import('node-llama-cpp')
  const common = { maxThreads: judgeThreads(), build: 'never', progressLogs: false, logLevel: LlamaLogLevel.error } as const
  if (gpu === false) return getLlama({ ...common, gpu: false })
  try {
    return await getLlama({ ...common, gpu: 'auto' })
  } catch {
    // No usable GPU binary (or driver): the CPU build always ships.
    return getLlama({ ...common, gpu: false })
  }
}
