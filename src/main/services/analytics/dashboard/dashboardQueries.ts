import { CastorError } from '@shared/api/errors'
import type { StatsReport } from '@shared/api/statsModels'
import type { CellItem, ChartCell, DashboardData, ScatterPoints, StatsFilters } from '@shared/api/statsOperations'
import { computeProjectStats } from '..'
import type { Db } from '../../db'
import { dashboardData, itemsBehind, loadItemTable, scatterPoints, type ItemTable } from './dashboardData'

/** A request of the analytics screens, answered in the dashboard worker (or in this thread when it cannot start). */
export type DashboardQuery =
  | { op: 'compute'; bootstrap: number; filters: StatsFilters }
  | { op: 'items'; cell: ChartCell; filters: StatsFilters; limit: number }
  | { op: 'points'; run: string; filters: StatsFilters }

export type DashboardAnswer<Q extends DashboardQuery> = Q extends { op: 'compute' }
  ? { report: StatsReport; dashboard: DashboardData }
  : Q extends { op: 'items' }
    ? { total: number; rows: CellItem[] }
    : ScatterPoints

/**
 * The analytics state of one project connection at one data version: the report per bootstrap count and the item
 * table behind the dashboard and its click-through lists, each computed once.
 */
export class DashboardQueries {
  private table: ItemTable | null = null
  private readonly reports = new Map<number, Promise<StatsReport>>()

  constructor(
    private readonly db: Db,
    readonly version: string,
  ) {}

  private items(): ItemTable {
    this.table ??= loadItemTable(this.db)
    return this.table
  }

  async answer(query: DashboardQuery): Promise<unknown> {
    switch (query.op) {
      case 'compute': {
        let report = this.reports.get(query.bootstrap)
        if (!report) {
          report = computeProjectStats(this.db, { bootstrap: query.bootstrap })
          this.reports.set(query.bootstrap, report)
          report.catch(() => this.reports.delete(query.bootstrap))
        }
        return { report: await report, dashboard: dashboardData(this.items(), query.filters) }
      }
      case 'items':
        return itemsBehind(this.items(), query.cell, query.filters, query.limit)
      case 'points':
        return scatterPoints(this.items(), query.run, query.filters)
      default:
        throw new CastorError('invalid-input', `Unknown stats query ${JSON.stringify((query as { op?: unknown }).op)}`)
    }
  }
}
