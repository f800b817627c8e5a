import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AnswerGuidance, Guidance } from '../../../../../src/shared/api/criteriaModels'
import { GuidancePanel, GuidelineText } from '../../../../../src/renderer/features/annotate/GuidancePanel'
import { en } from '../../../../../src/renderer/i18n/en'

const hostile = [
  '# Rules',
  '<script>alert(1)</script> <img src=x onerror=alert(2)> <a href="javascript:alert(3)">raw link</a>',
  '![tracker](https://evil.example/pixel.png) ![ref image][img]',
  '[click](javascript:alert(4)) [ref link][js] [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox) <javascript:alert(5)>',
  '[ok](https://example.com/guide)',
  '',
  '[img]: https://evil.example/ref.png',
  '[js]: javascript:alert(6)',
].join('\n')

const lead = (text: string, updated = false): Guidance => ({ text, version: 2, source: 'lead', updated })

describe('guidelines are rendered inert', () => {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en } }, showSupportNotice: false })
  })

  it('no raw HTML, no remote images, no javascript:/data:/vbscript: links; web links stay', () => {
    const html = renderToStaticMarkup(createElement(GuidelineText, { title: 'Project', guidance: lead(hostile), testId: 'g' }))
    expect(html).toContain('<h1>Rules</h1>')
    expect(html).not.toMatch(/<(script|img|iframe)\b/)
    expect(html).toContain('&lt;script&gt;')
    expect(html).not.toMatch(/href="(?!https:\/\/example\.com\/guide")/)
    // Script URLs survive only as visible text, never in an attribute.
    expect(html).not.toMatch(/(href|src)="[^"]*(javascript|vbscript|data:text)/i)
    expect(html.match(/<a /g)).toHaveLength(1)
    expect(html).not.toContain('evil.example')
    expect(html).toContain('<a href="https://example.com/guide" target="_blank" rel="noopener noreferrer"')
  })

  it('shows the task path, the task and criterion guidelines, and “updated” only on what changed', () => {
    const guidance: AnswerGuidance = {
      taskPath: 'QA / Concept Explanation',
      taskLevels: [
        { ru: 'Вопросы', en: 'QA' },
        { ru: 'Объяснение понятия', en: 'Concept Explanation' },
      ],
      project: lead('project'),
      task: lead('<b>task</b> text', true),
      criteria: { '7': { guideline: lead('criterion [x](javascript:alert(1))'), notApplicableAllowed: true } },
    }
    const html = renderToStaticMarkup(createElement(GuidancePanel, { guidance, criterionId: 7, language: 'en', onProjectGuideline: () => undefined }))
    expect(html).toContain('QA › Concept Explanation')
    expect(html).toContain('&lt;b&gt;task&lt;/b&gt; text')
    expect(html).toContain('data-testid="wb-task-guideline-updated"')
    expect(html).not.toContain('data-testid="wb-criterion-guideline-updated"')
    expect(html).not.toMatch(/href="javascript/)
  })
})
