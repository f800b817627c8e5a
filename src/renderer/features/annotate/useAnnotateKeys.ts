import { useEffect, useRef, type RefObject } from 'react'
import type { CriterionLevel } from '@shared/api/models'
import { scoreKeyAction } from './scoreKeys'

export interface AnnotateKeyHandlers {
  levels: readonly CriterionLevel[]
  onScore(score: number): void
  onNotApplicable(): void
  onStep(delta: 1 | -1): void
  onSubmit(): void
  /** `?`: open the project guideline. */
  onProjectGuideline?(): void
}

function isField(target: EventTarget | null): target is HTMLElement {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

/**
 * The item screen's keys: digits score, N = not applicable, J/K move between criteria, Tab goes to the rationale,
 * Esc leaves it, Ctrl+Enter (⌘+Enter) submits from anywhere, the rationale included; `?` opens the project guideline.
 * Inside the rationale every other key is text. Silent under a modal dialog and in other fields.
 */
export function useAnnotateKeys(handlers: AnnotateKeyHandlers, rationaleRef: RefObject<HTMLTextAreaElement | null>): void {
  const current = useRef(handlers)
  current.current = handlers
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return
      const rationale = rationaleRef.current
      const inRationale = rationale !== null && event.target === rationale
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault()
        current.current.onSubmit()
        return
      }
      if (inRationale) {
        if (event.key === 'Escape') {
          event.preventDefault()
          rationale.blur()
          document.querySelector<HTMLElement>('[data-testid="score-panel"]')?.focus()
        }
        return
      }
      if (isField(event.target) || event.ctrlKey || event.metaKey || event.altKey) return
      // Tab jumps to the rationale from the item screen; elsewhere (top bar, tabs) it moves focus as usual.
      if (event.key === 'Tab') {
        const target = event.target instanceof HTMLElement ? event.target : null
        const onScreen = target === null || target === document.body || target.closest('[data-annotate-keys]') !== null
        if (event.shiftKey || !onScreen) return
      }
      const action = scoreKeyAction(event.key, current.current.levels)
      if (!action) return
      event.preventDefault()
      switch (action.kind) {
        case 'score':
          current.current.onScore(action.score)
          break
        case 'not-applicable':
          current.current.onNotApplicable()
          break
        case 'next-criterion':
          current.current.onStep(1)
          break
        case 'previous-criterion':
          current.current.onStep(-1)
          break
        case 'rationale':
          rationale?.focus()
          break
        case 'project-guideline':
          current.current.onProjectGuideline?.()
          break
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [rationaleRef])
}

/** Feeds the active-time clock: any key, pointer, wheel or scroll is input; a hidden page pauses it. */
export function useActivity(onInput: () => void, onVisible: (visible: boolean) => void): void {
  const input = useRef(onInput)
  input.current = onInput
  const visible = useRef(onVisible)
  visible.current = onVisible
  useEffect(() => {
    const mark = () => input.current()
    const visibility = () => visible.current(document.visibilityState !== 'hidden')
    const kinds = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'scroll', 'input'] as const
    for (const kind of kinds) window.addEventListener(kind, mark, { capture: true, passive: true })
    document.addEventListener('visibilitychange', visibility)
    visibility()
    return () => {
      for (const kind of kinds) window.removeEventListener(kind, mark, { capture: true })
      document.removeEventListener('visibilitychange', visibility)
    }
  }, [])
}
