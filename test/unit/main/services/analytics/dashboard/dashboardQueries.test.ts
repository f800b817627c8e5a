import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../../../../src/main/services/db'
import { dataVersion } from '../../../../../../src/main/services/analytics/dashboard/dashboardData'
import { DashboardQueries } from '../../../../../../src/main/services/analytics/dashboard/dashboardQueries'
import { DashboardService } from '../../../../../../src/main/services/analytics/dashboard/dashboardService'
import { analyticsProject } from '../analyticsKit'

let db: Db | null = null
let service: DashboardService | null = null
afterEach(() => {
  service?.close()
  db?.close()
  db = service = null
})

describe('DashboardQueries', () => {
  it('computes a report once per bootstrap count', async () => {
    db = (await analyticsProject()).db
    const queries = new DashboardQueries(db, dataVersion(db))
    const first = (await queries.answer({ op: 'compute', bootstrap: 0, filters: {} })) as { report: unknown }
    const again = (await queries.answer({ op: 'compute', bootstrap: 0, filters: {} })) as { report: unknown }
    expect(again.report).toBe(first.report)
  })
})

describe('DashboardService', () => {
  it('answers in its worker what the queries answer in this thread', async () => {
    db = (await analyticsProject()).db
    service = new DashboardService(db)
    const local = new DashboardQueries(db, dataVersion(db))
    for (const query of [
      { op: 'compute', bootstrap: 0, filters: {} },
      { op: 'items', cell: { kind: 'disagreement' }, filters: {}, limit: 100 },
      { op: 'points', run: 'judge-analytics', filters: { criterionId: 1 } },
    ] as const) {
      expect(await service.query(query)).toEqual(await local.answer(query))
    }
    expect(service.inWorker).toBe(true)
    expect(service.lastVersion).toBe(dataVersion(db))
  })

  it('turns a failure in the worker into a CastorError', async () => {
    db = (await analyticsProject()).db
    service = new DashboardService(db)
    // @ts-expect-error not a query of the contract
    await expect(service.query({ op: 'nope' })).rejects.toMatchObject({ name: 'CastorError', code: 'invalid-input', message: 'Unknown stats query "nope"' })
    expect(service.inWorker).toBe(true)
  })
})
