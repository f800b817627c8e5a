import fs from 'node:fs'
import os from 'node:os'
import { Worker } from 'node:worker_threads'
import { runResamples, slotsPerResample, type BootstrapJob } from './engine/bootstrap'

/**
 * Runs `resamples` bootstrap resamples split over worker threads (bootstrapWorker.ts); each resample is seeded by
 * its index, so the figures are the same however many threads run. Falls back to this thread when no worker
 * can start (a runtime without the worker script).
 */
export async function runBootstrap(job: BootstrapJob, resamples: number, threads = os.availableParallelism()): Promise<Float64Array> {
  const slots = slotsPerResample(job)
  const out = new Float64Array(resamples * slots)
  const script = workerScript()
  const chunks = Math.max(1, Math.min(threads, Math.ceil(resamples / 25)))
  if (!script || chunks === 1 || resamples === 0) {
    if (!script && resamples > 0 && chunks > 1) {
      process.emitWarning('Bootstrapping in the main thread: no bootstrap worker script beside the analytics module', { code: 'CASTOR_STATS_NO_WORKER' })
    }
    out.set(runResamples(job, 0, resamples))
    return out
  }
  const per = Math.ceil(resamples / chunks)
  await Promise.all(
    Array.from({ length: chunks }, async (_, c) => {
      const from = c * per
      const to = Math.min(resamples, from + per)
      if (from >= to) return
      const figures = await runWorker(script, job, from, to)
      out.set(figures, from * slots)
    }),
  )
  return out
}

function runWorker(script: URL, job: BootstrapJob, from: number, to: number): Promise<Float64Array> {
  return new Promise((resolve, reject) => {
    const workerData = { job, from, to }
    let worker: Worker
    if (script.pathname.endsWith('.ts')) {
      // Castor run from its sources (tsx, vitest): register tsx's loader in the worker, then import the script.
      const tsx = import.meta.resolve('tsx/esm/api')
      const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}) })`
      worker = new Worker(bootstrap, { eval: true, workerData })
    } else worker = new Worker(script, { workerData })
    let done = false
    worker.once('message', (figures: Float64Array) => {
      done = true
      resolve(figures)
      void worker.terminate()
    })
    worker.once('error', (error) => {
      done = true
      reject(error)
    })
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`bootstrap worker exited with code ${code}`))
    })
  })
}

/** The worker beside this module (sources), beside the bundle (out/main/bootstrapWorker.js) or one folder up (chunks). */
function workerScript(): URL | null {
  for (const candidate of ['./bootstrapWorker.ts', './bootstrapWorker.js', '../bootstrapWorker.js']) {
    const url = new URL(candidate, import.meta.url)
    if (url.protocol === 'file:' && fs.existsSync(url)) return url
  }
  return null
}
