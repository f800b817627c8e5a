import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openProject } from '../../../../../../src/main/services/db'
import { buildReportHtml } from '../../../../../../src/main/services/analytics/report'
import { computeProjectStats } from '../../../../../../src/main/services/analytics'
import { formatFigure } from '../../../../../../src/shared/charts/analyticsCharts'
import { writeCompleteProject } from '../../../../../helpers/completeProject'
import { tempDir } from '../../../../../helpers/tempDir'

describe('HTML report: estimates', () => {
  it('has a table per run with the ranking, PPI and expert-only means with intervals, and the width ratio', async () => {
    const file = path.join(tempDir(), 'p.castor')
    writeCompleteProject(file, { instructions: 120, models: 3, criteria: 1, experts: 2 })
    const db = openProject(file)
    try {
      db.prepare('DELETE FROM annotations WHERE item_id IN (SELECT id FROM items WHERE response_id % 4 <> 0)').run()
      const html = await buildReportHtml(db, file, { now: new Date('2026-01-02T03:04:05Z') })
      const stats = await computeProjectStats(db)
      const section = html.slice(html.indexOf('<section id="estimates">'), html.indexOf('</section>', html.indexOf('<section id="estimates">')))
      expect(section).toContain('<h3>judge</h3>')
      expect(section).toContain('<h3>noise</h3>')
      const top = stats.estimates.judge.ranking[0]
      expect(section).toContain(`<td>1</td><th scope="row">${top.model}</th><td>${formatFigure(top.value)}</td><td>[${formatFigure(top.ci[0])}, ${formatFigure(top.ci[1])}]</td>`)
      const row = stats.estimates.judge.byModel['model-2']
      expect(section).toContain(`<th scope="row">model-2</th><td>${row.labeled}</td><td>${row.unlabeled}</td><td>${formatFigure(row.ppi.value!)}`)
      expect(section).toContain(`${formatFigure(row.widthRatio.value!)}</td>`)
    } finally {
      db.close()
    }
  })

  it('says why there is no estimate when no run stored probabilities', async () => {
    const file = path.join(tempDir(), 'p.castor')
    writeCompleteProject(file, { instructions: 5, models: 2, criteria: 1, experts: 2 })
    const db = openProject(file)
    try {
      db.prepare('UPDATE judgments SET score_probabilities = NULL').run()
      const html = await buildReportHtml(db, file)
      expect(html).toContain('No judge run stored score probabilities')
    } finally {
      db.close()
    }
  })
})
