import { parentPort, workerData } from 'node:worker_threads'
import { serializeError } from '@shared/api/errors'
import { openProject, type Db } from '../../db'
import { DashboardQueries, type DashboardQuery } from './dashboardQueries'

/**
 * The dashboard worker (its own build entry, `dashboardWorker`; dashboardService.ts starts it): opens the project read-only and answers the
 * dashboard's queries, so reading a large project and computing its report never blocks the host's main thread.
 * Each request names the data version the host saw; a new version drops everything computed before.
 */
const { file } = workerData as { file: string }
let db: Db | null = null
let queries: DashboardQueries | null = null

parentPort!.on('message', async ({ id, version, query }: { id: number; version: string; query: DashboardQuery }) => {
  try {
    db ??= openProject(file, { readOnly: true })
    if (!queries || queries.version !== version) queries = new DashboardQueries(db, version)
    parentPort!.postMessage({ id, ok: true, result: await queries.answer(query) })
  } catch (error) {
    parentPort!.postMessage({ id, ok: false, error: serializeError(error) })
  }
})
