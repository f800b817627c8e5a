import fs from 'node:fs'
import os from 'node:os'
import { Worker } from 'node:worker_threads'
import { SimulationSettings as SettingsSchema, type SimulationReport, type SimulationSettings } from '@shared/api/simulationModels'
import { openProject, type Db } from '../../db'
import { loadSimulation } from './loadSimulation'
import { defaultCalibration, simulateRepeat, type RepeatOutcome, type SimulationData, type SimulationSettings as EngineSettings } from './simulate'
import { summarise } from './summarise'

export { defaultCalibration, simulateRepeat, type RepeatOutcome, type SimulationData } from './simulate'
export { summarise } from './summarise'
export { loadSimulation } from './loadSimulation'

export interface SimulationRunOptions {
  /** Worker threads (default os.availableParallelism()); 1 runs in this thread. */
  threads?: number
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

/**
 * `castor simulate` and the `simulate` operation: reads the complete project once, replays the policy `repeats`
 * times (seeded per repeat, so the report is the same however many threads run) and summarises.
 */
export async function runSimulation(project: Db | string, input: SimulationSettings, options: SimulationRunOptions = {}): Promise<SimulationReport> {
  const settings = SettingsSchema.parse(input)
  const db = typeof project === 'string' ? openProject(project, { readOnly: true }) : project
  let loaded
  try {
    loaded = loadSimulation(db, settings.judge, settings.committee, settings.confidence)
  } finally {
    if (typeof project === 'string') db.close()
  }
  const { data, k } = loaded
  const calibration = settings.calibration !== undefined ? { answers: Math.min(settings.calibration, data.answers), chosenBy: 'set' } : defaultCalibration(data, settings.minItems)
  const engine: EngineSettings = {
    policy: settings.policy,
    alpha: settings.alpha,
    delta: settings.delta,
    calibration: calibration.answers,
    maxExperts: settings.maxExperts ?? k,
    minItems: settings.minItems,
    budget: settings.budget,
    piMin: settings.piMin,
    seed: settings.seed,
  }
  const outcomes = await runRepeats(data, engine, settings.repeats, options)
  return summarise(data, engine, outcomes, { judge: settings.judge, committee: settings.committee, calibration, maxExperts: engine.maxExperts, k, repeats: settings.repeats })
}

/** Repeats [0, repeats) split over worker threads (simulationWorker.ts); in this thread when no worker script is found. */
export async function runRepeats(data: SimulationData, settings: EngineSettings, repeats: number, options: SimulationRunOptions = {}): Promise<RepeatOutcome[]> {
  const threads = options.threads ?? os.availableParallelism()
  const script = workerScript()
  const chunks = Math.max(1, Math.min(threads, Math.ceil(repeats / 10)))
  let done = 0
  const tick = () => options.onProgress?.(++done, repeats)
  if (!script || chunks === 1) {
    if (!script && chunks > 1) process.emitWarning('Simulating in the main thread: no simulation worker script beside the routing module', { code: 'CASTOR_SIMULATION_NO_WORKER' })
    const outcomes: RepeatOutcome[] = []
    for (let r = 0; r < repeats; r++) {
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('Cancelled')
      outcomes.push(simulateRepeat(data, settings, r))
      tick()
      if (r % 10 === 9) await new Promise((resolve) => setImmediate(resolve))
    }
    return outcomes
  }
  const per = Math.ceil(repeats / chunks)
  const parts = await Promise.all(
    Array.from({ length: chunks }, (_, c) => {
      const from = c * per
      const to = Math.min(repeats, from + per)
      return from < to ? runWorker(script, { data, settings, from, to }, tick, options.signal) : Promise.resolve([])
    }),
  )
  return parts.flat()
}

function runWorker(script: URL, workerData: object, tick: () => void, signal?: AbortSignal): Promise<RepeatOutcome[]> {
  return new Promise((resolve, reject) => {
    let worker: Worker
    if (script.pathname.endsWith('.ts')) {
      // run from the sources (tsx, vitest): register tsx's loader in the worker, then import the script
      const tsx = import.meta.resolve('tsx/esm/api')
      const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}) })`
      worker = new Worker(boot, { eval: true, workerData })
    } else worker = new Worker(script, { workerData })
    let finished = false
    const abort = () => {
      finished = true
      void worker.terminate()
      reject(signal?.reason ?? new Error('Cancelled'))
    }
    signal?.addEventListener('abort', abort, { once: true })
    worker.on('message', (message: { done?: number; outcomes?: RepeatOutcome[] }) => {
      if (message.done) tick()
      if (message.outcomes) {
        finished = true
        signal?.removeEventListener('abort', abort)
        resolve(message.outcomes)
        void worker.terminate()
      }
    })
    worker.once('error', (error) => {
      finished = true
      reject(error)
    })
    worker.once('exit', (code) => {
      if (!finished) reject(new Error(`simulation worker exited with code ${code}`))
    })
  })
}

/** The worker beside this module (sources), beside the bundle (out/main/simulationWorker.js) or a few folders up (chunks). */
function workerScript(): URL | null {
  for (const candidate of ['./simulationWorker.ts', './simulationWorker.js', '../simulationWorker.js', '../../simulationWorker.js']) {
    const url = new URL(candidate, import.meta.url)
    if (url.protocol === 'file:' && fs.existsSync(url)) return url
  }
  return null
}
