import { CastorError } from '@shared/api/errors'
import type { StatsReport } from '@shared/api/statsModels'
import type { CellItem, ChartCell, DashboardData, ScatterPoints, StatsFilters } from '@shared/api/statsOperations'
import { readProject, statsOf } from '..'
import type { StatsInput } from '../engine'
import type { Db } from '../../db'
import type { QualityItem, QualityOptions, QualityReport } from '@shared/api/qualityOperations'
import type { MacePosterior } from '@shared/api/controlModels'
import { loadQuality } from '../quality/loadQuality'
import { macePosteriorOf, pooledMace } from '../quality/macePosterior'
import { qualityItems, qualityOf, type QualityItemsQuery, type QualitySource } from '../quality'
import { dashboardData, itemsBehind, itemTable, scatterPoints, type ItemTable } from './dashboardData'

/** A request of the analytics screens, answered in the dashboard worker (or in this thread when it cannot start). */
export type DashboardQuery =
  | { op: 'compute'; bootstrap: number; filters: StatsFilters }
  | { op: 'items'; cell: ChartCell; filters: StatsFilters; limit: number }
  | { op: 'points'; run: string; filters: StatsFilters }
  | { op: 'quality'; options: QualityOptions }
  | { op: 'quality-items'; query: QualityItemsQuery }
  | { op: 'mace-posterior'; itemId: number }

export type DashboardAnswer<Q extends DashboardQuery> = Q extends { op: 'compute' }
  ? { report: StatsReport; dashboard: DashboardData }
  : Q extends { op: 'items' }
    ? { total: number; rows: CellItem[] }
    : Q extends { op: 'quality' }
      ? QualityReport
      : Q extends { op: 'quality-items' }
        ? { total: number; rows: QualityItem[] }
        : Q extends { op: 'mace-posterior' }
          ? MacePosterior | null
          : ScatterPoints

/**
 * The analytics state of one project connection at one data version: the project is read once (the engine's
 * loader, with the project's agreement_source), and the report per bootstrap count and the item table behind the
 * dashboard and its click-through lists are both computed from that one read.
 */
export class DashboardQueries {
  private input: StatsInput | null = null
  private table: ItemTable | null = null
  private readonly reports = new Map<number, Promise<StatsReport>>()
  private qualitySource: QualitySource | null = null
  private readonly qualityReports = new Map<string, QualityReport>()

  constructor(
    private readonly db: Db,
    readonly version: string,
  ) {}

  private loaded(): StatsInput {
    this.input ??= readProject(this.db)
    return this.input
  }

  private items(): ItemTable {
    this.table ??= itemTable(this.loaded())
    return this.table
  }

  /** The quality screen's data (analytics/quality): the same read plus the submitted annotations' behaviour. */
  private quality(): QualitySource {
    const input = this.loaded()
    this.qualitySource ??= { input, data: loadQuality(this.db, input) }
    return this.qualitySource
  }

  async answer(query: DashboardQuery): Promise<unknown> {
    switch (query.op) {
      case 'compute': {
        let report = this.reports.get(query.bootstrap)
        if (!report) {
          report = statsOf(this.loaded(), { bootstrap: query.bootstrap })
          this.reports.set(query.bootstrap, report)
          report.catch(() => this.reports.delete(query.bootstrap))
        }
        return { report: await report, dashboard: dashboardData(this.items(), query.filters) }
      }
      case 'items':
        return itemsBehind(this.items(), query.cell, query.filters, query.limit)
      case 'points':
        return scatterPoints(this.items(), query.run, query.filters)
      case 'quality': {
        const key = JSON.stringify(query.options)
        let report = this.qualityReports.get(key)
        if (!report) this.qualityReports.set(key, (report = qualityOf(this.quality(), query.options).report))
        return report
      }
      case 'quality-items':
        return qualityItems(this.quality(), query.query)
      case 'mace-posterior':
        return macePosteriorOf(pooledMace(this.loaded()), query.itemId)
      default:
        throw new CastorError('invalid-input', `Unknown stats query ${JSON.stringify((query as { op?: unknown }).op)}`)
    }
  }
}
