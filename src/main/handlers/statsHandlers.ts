import type { statsOperations } from '@shared/api/statsOperations'
import type { Db } from '../services/db'
import { DashboardService } from '../services/analytics/dashboard/dashboardService'
import type { HandlerMap } from './types'

/**
 * One analytics service per open project connection: its worker reads the file and caches results per data
 * version, so a chart click or a second visit reads no rows again until an annotation, judgment or import changes.
 */
let service: DashboardService | null = null

/** The open project's analytics service (also the quality handlers'). */
export function analyticsFor(db: Db): DashboardService {
  if (service?.db !== db) {
    service?.close()
    service = new DashboardService(db)
  }
  return service
}

export const statsHandlers: HandlerMap<keyof typeof statsOperations> = {
  'stats-compute': async ({ bootstrap, filters }, context) => {
    const stats = analyticsFor(context.project.require().db)
    const { report, dashboard } = await stats.query({ op: 'compute', bootstrap: bootstrap ?? 0, filters })
    return { report, dashboard, dataVersion: stats.lastVersion ?? '' }
  },
  'stats-items': ({ cell, filters, limit }, context) => analyticsFor(context.project.require().db).query({ op: 'items', cell, filters, limit }),
  'stats-points': ({ run, filters }, context) => analyticsFor(context.project.require().db).query({ op: 'points', run, filters }),
}
