import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { SafeMarkdown } from '../../../../src/renderer/components/SafeMarkdown'
import { en } from '../../../../src/renderer/i18n/en'

const render = (text: string) => renderToStaticMarkup(createElement(SafeMarkdown, { text }))

// A 1×1 transparent PNG.
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='

describe('SafeMarkdown', () => {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en } }, showSupportNotice: false })
  })

  it('renders raw HTML in an answer as text, creating no element from it', () => {
    const html = render('Escape it: <img src=x onerror=alert(1)> <script>alert(1)</script>\n\n<iframe src="https://example.com"></iframe>')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toMatch(/<(img|script|iframe)\b/)
  })

  it('shows the alt text of a remote image instead of loading it', () => {
    const html = render('![chart of prices](https://example.com/chart.png)')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('example.com')
    expect(html).toContain('[chart of prices]')
  })

  it('renders an image from a data: URL', () => {
    expect(render(`![pixel](${PIXEL})`)).toContain(`<img src="${PIXEL}" alt="pixel"/>`)
  })

  it('opens web links outside the app and never follows javascript: links', () => {
    expect(render('[site](https://example.com/a)')).toContain('<a href="https://example.com/a" target="_blank" rel="noopener noreferrer"')
    const script = render('[click](javascript:alert(1))')
    expect(script).not.toContain('<a')
    expect(script).not.toContain('javascript:')
    expect(script).toContain('click')
  })

  it('renders GFM tables and fenced code', () => {
    const html = render('| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint("<b>")\n```')
    expect(html).toContain('<table>')
    expect(html).toContain('<td>2</td>')
    expect(html).toMatch(/<pre><code class="language-python">print\(&quot;&lt;b&gt;&quot;\)/)
  })
})
