import type { JudgeOutcome } from '../backend'

/** Consecutive failures with one cause, from a session's first item, that stop the run: a configuration error. */
export const FAILURE_STREAK = 8

/**
 * An error message with its numbers masked, so that "prompt (841 tokens)" and "prompt (902 tokens)" are one cause,
 * and so are "scale (0, 1, 2)" and "scale (0, 1)" (a list of numbers is one mask).
 */
export function errorCause(message: string): string {
  return message.replace(/\d+(?:\.\d+)?(?:\s*,\s*\d+(?:\.\d+)?)*/g, '#')
}

/**
 * Watches a session's outcomes for a run that cannot work: its first FAILURE_STREAK items fail with the same cause
 * (stop at once), or every item fails (said at the end). Either way the run ends `failed` with the reason.
 */
export class FailureWatch {
  private judged = 0
  private failed = 0
  /** Still inside the session's first items, all failed with one cause. */
  private streak = true
  private readonly causes = new Map<string, { count: number; example: string }>()

  /** The reason to stop now, or null. */
  add(outcome: Pick<JudgeOutcome, 'error'>): string | null {
    this.judged++
    if (outcome.error === null) {
      this.streak = false
      return null
    }
    this.failed++
    const cause = errorCause(outcome.error)
    const known = this.causes.get(cause)
    if (known) known.count++
    else this.causes.set(cause, { count: 1, example: outcome.error })
    if (this.streak && this.causes.size > 1) this.streak = false
    if (this.streak && this.failed >= FAILURE_STREAK) return `the first ${FAILURE_STREAK} items failed with the same error, so the run stopped: ${outcome.error}`
    return null
  }

  /** At the end of a session: the reason when every item it judged failed, else null. */
  verdict(): string | null {
    if (this.judged === 0 || this.failed < this.judged) return null
    const top = [...this.causes.values()].sort((a, b) => b.count - a.count)[0]
    return this.judged === 1 ? `the item failed: ${top.example}` : `all ${this.judged} items failed; the most frequent error (${top.count}×): ${top.example}`
  }
}
