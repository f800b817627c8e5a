import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Judgment } from '@shared/api/models'
import { Judgments } from '../../../../../src/renderer/features/item/ScoreTables'
import { en } from '../../../../../src/renderer/i18n/en'

const judgment = (fields: Partial<Judgment>): Judgment => ({ id: 1, run: 'run', model: 'run', score: null, notApplicable: false, rationale: null, error: null, ...fields })

describe('judgments on the item screen', () => {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en } }, showSupportNotice: false })
  })

  it('shows a failed judgment as an error badge with its reason, never as a score or not applicable', () => {
    const html = renderToStaticMarkup(createElement(Judgments, { judgments: [judgment({ error: '<b>context</b> overflow' })] }))
    expect(html).toContain('data-testid="judgment-error"')
    expect(html).toContain('title="&lt;b&gt;context&lt;/b&gt; overflow"')
    expect(html).not.toContain('judgment-score')
    expect(html).not.toContain(en.score.notApplicable)
    expect(html).not.toContain('<b>')
  })

  it('shows not applicable and scores as before', () => {
    const html = renderToStaticMarkup(createElement(Judgments, { judgments: [judgment({ notApplicable: true }), judgment({ id: 2, score: 2 })] }))
    expect(html).toContain(en.score.notApplicable)
    expect(html).not.toContain('judgment-error')
  })
})
