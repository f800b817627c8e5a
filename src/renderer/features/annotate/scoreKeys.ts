import type { CriterionLevel } from '@shared/api/models'

/** What one key press means on the item screen (outside the rationale box). */
export type ScoreKeyAction =
  | { kind: 'score'; score: number }
  | { kind: 'not-applicable' }
  | { kind: 'next-criterion' }
  | { kind: 'previous-criterion' }
  | { kind: 'rationale' }
  | { kind: 'project-guideline' }

/**
 * The key that picks a level: its score when that is a whole number 0–9, else its position (1–9) on the scale.
 * POLLUX scales are 0–2, 0–1 or similar, so the digit is the score itself.
 */
export function levelKey(levels: readonly CriterionLevel[], index: number): string | null {
  const allDigits = levels.every((level) => Number.isInteger(level.score) && level.score >= 0 && level.score <= 9)
  if (allDigits) return String(levels[index].score)
  return index < 9 ? String(index + 1) : null
}

/** Maps KeyboardEvent.key to an action for a criterion with `levels`; null when the key means nothing here. */
export function scoreKeyAction(key: string, levels: readonly CriterionLevel[]): ScoreKeyAction | null {
  if (/^[0-9]$/.test(key)) {
    const index = levels.findIndex((_, i) => levelKey(levels, i) === key)
    return index >= 0 ? { kind: 'score', score: levels[index].score } : null
  }
  switch (key) {
    case 'n':
    case 'N':
    case 'т': // N on a Russian layout
    case 'Т':
      return { kind: 'not-applicable' }
    case 'j':
    case 'J':
    case 'о': // J on a Russian layout
    case 'О':
      return { kind: 'next-criterion' }
    case 'k':
    case 'K':
    case 'л': // K on a Russian layout
    case 'Л':
      return { kind: 'previous-criterion' }
    case 'Tab':
      return { kind: 'rationale' }
    case '?': // Shift+/ on a US layout, Shift+7 on a Russian one: the same character either way
      return { kind: 'project-guideline' }
    default:
      return null
  }
}
