import { parentPort, workerData } from 'node:worker_threads'
import { simulateRepeat, type RepeatOutcome, type SimulationData, type SimulationSettings } from './simulate'

/**
 * The simulation worker (a build entry of its own, like analytics/bootstrapWorker.ts): I/O-free compute. Runs
 * repeats [from, to), posting `{ done }` after each and then `{ outcomes }`.
 */
const { data, settings, from, to } = workerData as { data: SimulationData; settings: SimulationSettings; from: number; to: number }
const outcomes: RepeatOutcome[] = []
for (let r = from; r < to; r++) {
  outcomes.push(simulateRepeat(data, settings, r))
  parentPort!.postMessage({ done: 1 })
}
parentPort!.postMessage({ outcomes })
