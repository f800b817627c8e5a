import path from 'node:path'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { computeProjectStats } from '../../../../../src/main/services/analytics'
import { openProject } from '../../../../../src/main/services/db'
import { formatFigure } from '../../../../../src/shared/charts/analyticsCharts'
import { EstimatesTable } from '../../../../../src/renderer/features/analytics/EstimatesTable'
import { en } from '../../../../../src/renderer/i18n/en'
import { ru } from '../../../../../src/renderer/i18n/ru'
import { writeCompleteProject } from '../../../../helpers/completeProject'
import { tempDir } from '../../../../helpers/tempDir'

describe('Analytics: the estimates table', () => {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en }, ru: { translation: ru } }, showSupportNotice: false })
  })

  it('lists the models in ranking order with PPI and expert-only intervals, per model or per criterion', async () => {
    const file = path.join(tempDir(), 'p.castor')
    writeCompleteProject(file, { instructions: 100, models: 3, criteria: 2, experts: 2 })
    const db = openProject(file)
    db.prepare('DELETE FROM annotations WHERE item_id IN (SELECT id FROM items WHERE ((response_id - 1) / 3) % 3 <> 0)').run()
    const report = await computeProjectStats(db)
    db.close()
    const html = renderToStaticMarkup(createElement(EstimatesTable, { report, criterion: null, preferredRun: 'judge' }))
    expect(html).toContain(en.estimates.heading)
    const order = [...html.matchAll(/data-model="([^"]+)"/g)].map((m) => m[1])
    expect(order).toEqual(report.estimates.judge.ranking.map((r) => r.model))
    const row = report.estimates.judge.byModel[order[0]]
    expect(html).toContain(formatFigure(row.ppi.value!))
    expect(html).toContain(formatFigure(row.expertOnly.value!))
    expect(html).toContain('<option value="noise">noise</option>')
    const perCriterion = renderToStaticMarkup(createElement(EstimatesTable, { report, criterion: 'Критерий 2', preferredRun: 'noise' }))
    const noiseRow = report.estimates.noise.byCriterion['Критерий 2']['model-1']
    expect(perCriterion).toContain(formatFigure(noiseRow.ppi.value!))
    await i18next.changeLanguage('ru')
    expect(renderToStaticMarkup(createElement(EstimatesTable, { report: { ...report, estimates: {} }, criterion: null, preferredRun: null }))).toContain(ru.estimates.none)
    await i18next.changeLanguage('en')
  })
})
