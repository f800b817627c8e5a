import { useEffect, useRef } from 'react'

/** True while the user types in a field, where letters are text, not commands. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/**
 * Window-wide single-key shortcuts (J, K, /…) that stay silent while typing, with modifiers, or under a modal.
 * `bindings` maps KeyboardEvent.key to a handler.
 */
export function useHotkeys(bindings: Record<string, () => void>): void {
  const current = useRef(bindings)
  current.current = bindings
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return
      if (document.querySelector('dialog[open]')) return
      const handler = current.current[event.key]
      if (!handler) return
      event.preventDefault()
      handler()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
