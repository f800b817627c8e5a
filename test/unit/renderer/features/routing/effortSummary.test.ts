import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { computeProjectStats } from '../../../../../src/main/services/analytics'
import { addAnnotator, claimNext, submit, workItem } from '../../../../../src/main/services/workbench'
import { routingStatus, updateRouting } from '../../../../../src/main/services/workbench/routing'
import type { Db } from '../../../../../src/main/services/db'
import { EffortSummary } from '../../../../../src/renderer/features/routing/EffortSummary'
import { EstimatesTable } from '../../../../../src/renderer/features/analytics/EstimatesTable'
import { en } from '../../../../../src/renderer/i18n/en'
import { ru } from '../../../../../src/renderer/i18n/ru'
import { answerIndex, confidentOnC0, routingProject, routingSettings } from '../../../main/services/workbench/routing/routingKit'

const person = (db: Db, name: string) => addAnnotator(db, { name, role: 'annotator', language: 'ru', quota: null, filters: {} }).annotator.id

/** Scores every shown criterion 1 on up to `limit` answers; returns the answers' indices (q<i>). */
function drain(db: Db, annotatorId: number, limit = Infinity): number[] {
  const answers: number[] = []
  while (answers.length < limit) {
    const claim = claimNext(db, annotatorId)
    if (claim.responseId === null) break
    answers.push(answerIndex(db, claim.responseId))
    for (const c of workItem(db, annotatorId, claim.responseId).criteria) submit(db, annotatorId, { itemId: c.itemId, score: 1, notApplicable: false, rationale: 'ok', activeMs: 5 })
  }
  return answers
}

describe('Team progress and Analytics: expert effort under judge-guided routing', () => {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en }, ru: { translation: ru } }, showSupportNotice: false })
  })

  it('shows scores given and needed against the fixed-k plan, and how often assisted experts kept the judge', async () => {
    const { db, runId } = await routingProject(80)
    try {
      expect(renderToStaticMarkup(createElement(EffortSummary, { status: routingStatus(db) }))).toBe('')
      db.transaction(() => updateRouting(db, { ...routingSettings(runId), annotationMode: 'assisted', assistedInStatistics: true })).immediate()
      const answers = drain(db, person(db, 'А'))
      drain(db, person(db, 'Б'), 40)
      const status = routingStatus(db)
      expect(status.phase).toBe('routed')
      const html = renderToStaticMarkup(createElement(EffortSummary, { status }))
      // 80 answers × 2 criteria × k = 2
      expect(html).toContain('data-fixed-k="320"')
      expect(html).toContain(`data-given="${status.expertScores.given}"`)
      expect(status.expertScores.given).toBe(160)
      expect(html).toContain(`data-planned="${status.expertScores.planned}"`)
      expect(html).toContain(`a fixed k would need 320 (${320 - status.expertScores.planned} fewer)`)
      // both experts scored 1 on every calibration item: they kept the judge on c1 always, on c0 where it leaned to 1
      const kept = 2 * answers.reduce((n, i) => n + 1 + (confidentOnC0(i) ? 1 : 0), 0)
      expect(html).toContain(`data-submitted="160" data-kept="${kept}"`)
      expect(html).toContain(`kept the judge’s score on ${kept} (${Math.round((1000 * kept) / 160) / 10} %)`)
      await i18next.changeLanguage('ru')
      expect(renderToStaticMarkup(createElement(EffortSummary, { status }))).toContain('Усилия экспертов')
      await i18next.changeLanguage('en')

      // the estimates say which sample they used: deterministic routing, the calibration sample only
      const report = await computeProjectStats(db)
      expect(report.estimates.llm.design).toBe('calibration')
      const table = renderToStaticMarkup(createElement(EstimatesTable, { report, criterion: null, preferredRun: 'llm' }))
      expect(table).toContain('data-testid="estimates-design"')
      expect(table).toContain(en.effort.design.calibration.slice(0, 40))
    } finally {
      db.close()
    }
  })
})
