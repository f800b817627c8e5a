import { fileURLToPath } from 'node:url'

/** The parts of an IPC event and of the window that decide whether a call may run (structural, for tests). */
export interface SenderFacts {
  sender: { id: number }
  senderFrame: { url: string; parent: unknown } | null
}
export interface WindowFacts {
  isDestroyed(): boolean
  webContents: { id: number }
}

/** Whether a URL is our app: the built index.html over file://, or the dev server's origin. */
export function appUrlMatcher(app: { devServerUrl?: string; indexHtml: string }): (url: string) => boolean {
  const devOrigin = app.devServerUrl ? new URL(app.devServerUrl).origin : null
  return (url) => {
    try {
      const parsed = new URL(url)
      if (devOrigin) return parsed.origin === devOrigin
      return parsed.protocol === 'file:' && fileURLToPath(parsed) === app.indexHtml
    } catch {
      return false
    }
  }
}

/**
 * Only our window's top frame, showing our app, may call the handlers; a subframe, another window or a page the
 * window was somehow navigated to may not.
 */
export function isTrustedSender(event: SenderFacts, window: WindowFacts, isAppUrl: (url: string) => boolean): boolean {
  if (window.isDestroyed() || event.sender.id !== window.webContents.id) return false
  const frame = event.senderFrame
  return frame !== null && frame.parent === null && isAppUrl(frame.url)
}
