import { afterEach, describe, expect, it } from 'vitest'
import type { StatsReport } from '@shared/api/statsModels'
import type { CellItem, DashboardData } from '@shared/api/statsOperations'
import type { Db } from '../../../../../../src/main/services/db'
import { dataVersion } from '../../../../../../src/main/services/analytics/dashboard/dashboardData'
import { DashboardQueries } from '../../../../../../src/main/services/analytics/dashboard/dashboardQueries'
import { analyticsProject } from '../analyticsKit'

let db: Db | null = null
afterEach(() => {
  db?.close()
  db = null
})

const RUN = 'judge-analytics'

describe('one read path for the figures and their items', () => {
  it('lists, for every confusion cell, as many items as the engine counted (agreement_source latest, a revision, a repeated name)', async () => {
    db = (await analyticsProject()).db
    // two criteria share a name
    db.prepare("UPDATE criteria SET name = 'Точность ответа' WHERE name = 'Единодушный критерий'").run()
    // one revised annotation: first submitted 0, now 2 (the latest value counts)
    const revised = db
      .prepare("SELECT a.id FROM annotations a JOIN items it ON it.id = a.item_id JOIN criteria c ON c.id = it.criterion_id WHERE c.external_id <> (SELECT external_id FROM criteria WHERE name = 'Точность ответа' ORDER BY id LIMIT 1) AND c.name = 'Точность ответа' AND a.score = 1 ORDER BY a.id LIMIT 1")
      .pluck()
      .get() as number | undefined
    const target = revised ?? (db.prepare("SELECT id FROM annotations ORDER BY id LIMIT 1").pluck().get() as number)
    db.prepare("INSERT INTO annotation_revisions (annotation_id, revision, score, not_applicable, status) VALUES (?, 1, 0, 0, 'submitted')").run(target)
    db.prepare("UPDATE annotations SET score = 2 WHERE id = ?").run(target)
    db.prepare("UPDATE workbench_settings SET agreement_source = 'latest'").run()

    const queries = new DashboardQueries(db, dataVersion(db))
    const { report, dashboard } = (await queries.answer({ op: 'compute', bootstrap: 0, filters: {} })) as { report: StatsReport; dashboard: DashboardData }
    const shared = dashboard.criteria.filter((c) => c.label.startsWith('Точность ответа ('))
    expect(shared).toHaveLength(2)
    const items = async (cell: unknown, criterionId?: number) =>
      (await queries.answer({ op: 'items', cell: cell as never, filters: criterionId === undefined ? {} : { criterionId }, limit: 50_000 })) as { total: number; rows: CellItem[] }
    let cells = 0
    for (const scope of [undefined, ...dashboard.criteria]) {
      const group = scope === undefined ? report.judges[RUN] : report.judges[RUN].byCriterion[scope.label]
      expect(group, scope?.label).toBeDefined()
      const { labels, counts } = group!.confusion
      for (let r = 0; r < labels.length; r++) {
        for (let c = 0; c < labels.length; c++) {
          const listed = await items({ kind: 'confusion', run: RUN, expert: labels[r], judge: labels[c] }, scope?.id)
          expect(listed.total, `${scope?.label ?? 'all'} ${labels[r]}→${labels[c]}`).toBe(counts[r][c])
          cells++
        }
      }
      if (scope) {
        const agreement = report.agreement.byCriterion[scope.label]
        expect((await items({ kind: 'criterion', criterionId: scope.id })).total).toBe(agreement?.items ?? 0)
        expect(agreement?.pairwise.length, scope.label).toBeGreaterThan(0)
      }
    }
    expect(cells).toBeGreaterThan(9)
    // the revised annotation counts with its latest value in the item lists too
    const row = (await items({ kind: 'disagreement' })).rows.concat((await items({ kind: 'model', model: 'Alpha-LM' })).rows, (await items({ kind: 'model', model: 'Beta-LM' })).rows, (await items({ kind: 'model', model: 'Gamma-LM' })).rows)
    const itemId = db.prepare('SELECT item_id FROM annotations WHERE id = ?').pluck().get(target) as number
    const listed = row.find((r) => r.itemId === itemId)!
    expect(listed.experts.map((e) => e.score)).toContain(2)
  })
})
