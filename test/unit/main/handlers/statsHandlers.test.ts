import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { StatsReport } from '../../../../src/shared/api/statsModels'
import { DashboardData } from '../../../../src/shared/api/statsOperations'
import { dispatch } from '../../../../src/main/handlers/dispatch'
import { createHost } from '../../../../src/main/host/createHost'
import { openProject } from '../../../../src/main/services/db'
import { importFile } from '../../../../src/main/services/importers'
import { tempDir } from '../../../helpers/tempDir'
import { ANALYTICS_SCORES } from '../services/analytics/analyticsKit'

async function host() {
  const dir = tempDir()
  const file = path.join(dir, 'p.castor')
  const db = openProject(file, { create: true })
  await importFile(db, ANALYTICS_SCORES, { format: 'generic-jsonl' })
  db.close()
  const host = createHost({ transport: 'web', canSwitchProjects: true, demoProjectPath: path.join(dir, 'demo.castor'), suggestedLanguage: 'en' })
  host.project.open(file)
  return host
}

const ok = <T>(reply: { ok: boolean; result?: unknown; error?: unknown }): T => {
  expect(reply, JSON.stringify(reply.error)).toMatchObject({ ok: true })
  return reply.result as T
}

describe('stats handlers', () => {
  it('answers stats-compute with the report and the dashboard data, both valid against the contract', async () => {
    const h = await host()
    const result = ok<{ report: unknown; dashboard: unknown; dataVersion: string }>(await dispatch(h, 'stats-compute', {}))
    const report = StatsReport.parse(result.report)
    expect(report.agreement.byCriterion['Точность ответа'].items).toBe(18)
    expect(Object.keys(report.judges)).toEqual(['judge-analytics'])
    expect(DashboardData.parse(result.dashboard).models).toEqual(['Alpha-LM', 'Beta-LM', 'Gamma-LM'])
  })

  it('computes again when the data changes', async () => {
    const h = await host()
    const first = ok<{ report: unknown; dataVersion: string }>(await dispatch(h, 'stats-compute', {}))
    const again = ok<{ report: unknown; dataVersion: string }>(await dispatch(h, 'stats-compute', {}))
    expect(again).toEqual(first)
    h.project.require().db.prepare("UPDATE annotations SET score = 0, updated_at = '2099-01-01T00:00:00.000Z' WHERE id = 1").run()
    const changed = ok<{ report: unknown; dataVersion: string }>(await dispatch(h, 'stats-compute', {}))
    expect(changed.dataVersion).not.toBe(first.dataVersion)
    expect(changed.report).not.toEqual(first.report)
  })

  it('answers through a fresh service when another project is opened', async () => {
    const h = await host()
    ok(await dispatch(h, 'stats-compute', {}))
    const dir = tempDir()
    const empty = path.join(dir, 'other.castor')
    openProject(empty, { create: true }).close()
    h.project.open(empty)
    const result = ok<{ report: unknown }>(await dispatch(h, 'stats-compute', {}))
    expect(StatsReport.parse(result.report).agreement.items).toBe(0)
  })

  it('lists the items behind a cell and the scatter of a run, filtered by criterion', async () => {
    const h = await host()
    const computed = ok<{ dashboard: { criteria: { id: number; label: string }[] } }>(await dispatch(h, 'stats-compute', {}))
    const criterionId = computed.dashboard.criteria.find((c) => c.label === 'Точность ответа')!.id
    const items = ok<{ total: number; rows: { criterion: string }[] }>(
      await dispatch(h, 'stats-items', { cell: { kind: 'model', model: 'Alpha-LM' }, filters: { criterionId } }),
    )
    expect(items.total).toBe(6)
    expect(items.rows.every((row) => row.criterion === 'Точность ответа')).toBe(true)
    const points = ok<{ itemIds: number[] }>(await dispatch(h, 'stats-points', { run: 'judge-analytics' }))
    expect(points.itemIds).toHaveLength(54)
    expect(await dispatch(h, 'stats-items', { cell: { kind: 'nope' } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('is open to leads and owners, not to annotators', async () => {
    const h = await host()
    const annotator = { role: 'annotator' as const, annotatorId: 1, name: 'Анна' }
    const lead = { role: 'lead' as const, annotatorId: 2, name: 'Lead' }
    for (const [name, input] of [
      ['stats-compute', {}],
      ['stats-items', { cell: { kind: 'disagreement' } }],
      ['stats-points', { run: 'judge-analytics' }],
    ] as const) {
      expect(await dispatch(h, name, input, annotator)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      expect(await dispatch(h, name, input, lead)).toMatchObject({ ok: true })
    }
  })
})

describe('stats handlers on an empty project', () => {
  it('answer with undefined figures and their reasons, not a failure', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'empty.castor')
    openProject(file, { create: true }).close()
    const h = createHost({ transport: 'web', canSwitchProjects: true, demoProjectPath: path.join(dir, 'demo.castor'), suggestedLanguage: 'en' })
    h.project.open(file)
    const result = ok<{ report: unknown; dashboard: unknown }>(await dispatch(h, 'stats-compute', {}))
    const report = StatsReport.parse(result.report)
    expect(report.agreement.items).toBe(0)
    expect(report.agreement.krippendorffAlpha.nominal).toMatchObject({ value: null, reason: expect.any(String) })
    const dashboard = DashboardData.parse(result.dashboard)
    expect(dashboard.scoreDistribution.reason).toBeTruthy()
    expect(dashboard.time.reason).toBeTruthy()
    expect(dashboard.ranking).toEqual([])
    expect(ok<{ total: number }>(await dispatch(h, 'stats-items', { cell: { kind: 'disagreement' } })).total).toBe(0)
  })
})
