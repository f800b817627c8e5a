import { afterEach, describe, expect, it } from 'vitest'
import { computeProjectStats } from '../../../../../../src/main/services/analytics'
import type { Db } from '../../../../../../src/main/services/db'
import { buildReportHtml, escapeHtml } from '../../../../../../src/main/services/analytics/report'
import { CARD_MEASURES, JUDGE_MODEL_MEASURES } from '../../../../../../src/shared/api/statsMeasures'
import { formatFigure } from '../../../../../../src/shared/charts/analyticsCharts'
import { analyticsProject, XSS_CRITERION } from '../analyticsKit'

let db: Db | null = null
afterEach(() => {
  db?.close()
  db = null
})

async function report() {
  const project = await analyticsProject()
  db = project.db
  const html = await buildReportHtml(db, project.file, { now: new Date('2026-01-02T03:04:05Z') })
  return { html, stats: await computeProjectStats(db) }
}

/** The page with the SVG namespace declarations taken out (they are names, not fetches). */
const withoutNamespaces = (html: string) => html.replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, '')

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})

describe('the standalone HTML report', () => {
  it('carries the figures of the statistics report', async () => {
    const { html, stats } = await report()
    expect(html).toContain('<h1>analytics: analysis</h1>')
    expect(html).toContain('2026-01-02T03:04:05.000Z')
    const correct = stats.agreement.byCriterion['Точность ответа']
    expect(correct.krippendorffAlpha.ordinal.value).toEqual(expect.any(Number))
    const row = html.match(/<tr><th scope="row">Точность ответа<\/th>.*?<\/tr>/)?.[0]
    expect(row).toBeDefined()
    expect(row).toContain(`<td>${formatFigure(correct.krippendorffAlpha.ordinal.value)}</td>`)
    expect(row).toContain(`<td>${formatFigure(correct.verdictConfidence.value)}</td>`)
    const judge = stats.judges['judge-analytics']
    expect(html).toContain('judge-analytics')
    expect(html).toContain(`<td>${formatFigure(judge.spearman.value)}</td>`)
    expect(html).toContain(`<td>${formatFigure(judge.mae.value)}</td>`)
    expect(html).not.toMatch(/NaN|undefined<\/td>/)
  })

  it('gives the reason of every undefined figure once per table, as a footnote its cells point to', async () => {
    const { html, stats } = await report()
    const constant = stats.agreement.byCriterion['Единодушный критерий'].krippendorffAlpha.nominal
    expect(constant.value).toBeNull()
    expect(constant.reason).toBeTruthy()
    const perCriterion = html.match(/<table><caption>Per criterion<\/caption>.*?<\/table>(<ol class="notes">.*?<\/ol>)?/s)?.[0] ?? ''
    const row = perCriterion.match(/<tr><th scope="row">Единодушный критерий<\/th>.*?<\/tr>/)?.[0] ?? ''
    const notes = [...perCriterion.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1])
    const marker = notes.indexOf(escapeHtml(constant.reason!)) + 1
    expect(marker).toBeGreaterThan(0)
    // the cells carry only the marker; the reason is written once below the table
    expect(row).toContain(`—<sup class="note">${marker}</sup>`)
    expect(perCriterion.split(`<li>${escapeHtml(constant.reason!)}</li>`).length - 1).toBe(1)
    expect(new Set(notes).size).toBe(notes.length)
    expect(html).not.toContain('class="reason"')
    // No times were recorded: the time section says so instead of drawing.
    expect(html).toContain('no annotation has a recorded time')
  })

  it("puts the judges beside the model cards' tables: rows answer models and Avg., columns judges", async () => {
    const { html, stats } = await report()
    const judge = stats.judges['judge-analytics']
    expect(html).toContain('id="judges-by-model"')
    for (const key of CARD_MEASURES) {
      const label = JUDGE_MODEL_MEASURES.find((m) => m.key === key)!.label
      const section = html.match(new RegExp(`<table><caption>${escapeHtml(label).replace(/[()]/g, '\\$&')}</caption>.*?</table>`, 's'))?.[0] ?? ''
      expect(section, key).toContain('<th>judge-analytics</th>')
      for (const model of Object.keys(judge.byModel)) expect(section).toContain(`<th scope="row">${escapeHtml(model)}</th>`)
      const average = (judge.averageOverModels as unknown as Record<string, { value: number | null }>)[key]
      if (average.value !== null) expect(section).toContain(`<tr class="average"><th scope="row">Avg.</th><td>${formatFigure(average.value)}`)
    }
  })

  it('draws its charts as inline SVG', async () => {
    const { html } = await report()
    const svgs = html.match(/<svg[\s>]/g) ?? []
    expect(svgs.length).toBeGreaterThanOrEqual(6) // α per criterion, κ matrix, confusion, scatter, ranking, distribution
    expect(html).toContain('Cohen&#39;s κ (unweighted): expert × expert')
  })

  it('is self-contained: no scripts, no links, no fetches from elsewhere', async () => {
    const { html } = await report()
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<link/i)
    expect(html).not.toMatch(/<(img|iframe|object|embed)\b/i)
    expect(html).not.toMatch(/\bsrc\s*=/i)
    expect(html).not.toMatch(/url\((?!#)/i) // only references inside the page (SVG clip paths)
    expect(withoutNamespaces(html)).not.toMatch(/https?:\/\//i)
    expect(html).toContain("default-src 'none'")
  })

  it('escapes a criterion name that looks like markup, in tables and in charts', async () => {
    const { html } = await report()
    expect(html).not.toContain(XSS_CRITERION)
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).not.toMatch(/<script/i)
  })
})
