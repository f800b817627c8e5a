import path from 'node:path'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { runSimulation } from '../../../../../src/main/services/routing/simulation'
import { SimulationFigures } from '../../../../../src/renderer/features/analytics/SimulationFigures'
import { en } from '../../../../../src/renderer/i18n/en'
import { writeCompleteProject } from '../../../../helpers/completeProject'
import { tempDir } from '../../../../helpers/tempDir'

describe('Analytics: the simulation figures', () => {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en } }, showSupportNotice: false })
  })

  it('shows the expert scores saved, then λ, acceptance, violations, coverage and width ratio overall and per criterion', async () => {
    const file = path.join(tempDir(), 'p.castor')
    writeCompleteProject(file, { instructions: 80, models: 2, criteria: 2, experts: 3 })
    const report = await runSimulation(file, { policy: 'judge-guided', judge: 'judge', alpha: 'ceiling', delta: 0.1, calibration: 80, minItems: 20, repeats: 10, seed: 1 }, { threads: 1 })
    const html = renderToStaticMarkup(createElement(SimulationFigures, { report }))
    expect(html).toContain(`Expert scores: ${Math.round(report.expertScores.used)} of ${report.expertScores.fixedK}`)
    expect([...html.matchAll(/data-criterion="([^"]+)"/g)].map((m) => m[1])).toEqual(['—', 'Критерий 1', 'Критерий 2'])
    expect(html).toContain(en.estimates.simulation.violation)
    expect(html).toContain('Calibration: 80 answers (set)')
  })
})
