import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { appUrlMatcher, isTrustedSender } from '../../../../src/main/transports/ipcSender'

const indexHtml = path.resolve('/opt/castor/out/renderer/index.html')
const appUrl = pathToFileURL(indexHtml).href

describe('appUrlMatcher', () => {
  it('accepts only the built index.html over file://, whatever the hash or query', () => {
    const isApp = appUrlMatcher({ indexHtml })
    expect(isApp(appUrl)).toBe(true)
    expect(isApp(`${appUrl}#/instructions/3`)).toBe(true)
    expect(isApp(pathToFileURL('/opt/castor/out/renderer/other.html').href)).toBe(false)
    expect(isApp(pathToFileURL('/tmp/evil/index.html').href)).toBe(false)
    expect(isApp('https://example.com/index.html')).toBe(false)
    expect(isApp('not a url')).toBe(false)
  })

  it('accepts the dev server origin only when running against it', () => {
    const isApp = appUrlMatcher({ devServerUrl: 'http://localhost:5173/', indexHtml })
    expect(isApp('http://localhost:5173/#/x')).toBe(true)
    expect(isApp('http://localhost:5174/')).toBe(false)
    expect(isApp(appUrl)).toBe(false)
  })
})

describe('isTrustedSender', () => {
  const isApp = appUrlMatcher({ indexHtml })
  const window = { isDestroyed: () => false, webContents: { id: 7 } }
  const event = (id: number, frame: { url: string; parent: unknown } | null) => ({ sender: { id }, senderFrame: frame })

  it('accepts the top frame of our window showing our app', () => {
    expect(isTrustedSender(event(7, { url: appUrl, parent: null }), window, isApp)).toBe(true)
  })

  it('refuses another window, a subframe, a foreign page, a gone frame and a closed window', () => {
    expect(isTrustedSender(event(8, { url: appUrl, parent: null }), window, isApp)).toBe(false)
    expect(isTrustedSender(event(7, { url: appUrl, parent: {} }), window, isApp)).toBe(false)
    expect(isTrustedSender(event(7, { url: 'https://example.com/', parent: null }), window, isApp)).toBe(false)
    expect(isTrustedSender(event(7, null), window, isApp)).toBe(false)
    expect(isTrustedSender(event(7, { url: appUrl, parent: null }), { ...window, isDestroyed: () => true }, isApp)).toBe(false)
  })
})
