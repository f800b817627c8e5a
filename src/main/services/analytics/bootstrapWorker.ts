import { parentPort, workerData } from 'node:worker_threads'
import { runResamples, type BootstrapJob } from './engine/bootstrap'

/**
 * The bootstrap worker (a build entry of its own, like importers/jsonlWorker.ts): I/O-free compute. It runs
 * resamples [from, to) of the job and posts their figures back.
 */
const { job, from, to } = workerData as { job: BootstrapJob; from: number; to: number }
const figures = runResamples(job, from, to)
parentPort!.postMessage(figures, [figures.buffer as ArrayBuffer])
