/**
 * Active time on one item: wall time while the page is visible and the user did something (key, pointer,
 * scroll, typing) in the last `idleMs`; a longer pause stops the clock until the next input. Time is counted
 * from a monotonic `now()` so the class can be driven by a fake clock in tests.
 */
export class ActiveClock {
  private accumulated: number
  /** When the current active stretch started, or null while paused. */
  private since: number | null = null
  private lastInput = -Infinity
  private visible = true

  constructor(
    startMs: number,
    private readonly idleMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.accumulated = Math.max(0, startMs)
  }

  /** Some input happened: (re)starts the clock when the page is visible. */
  input(): void {
    const now = this.now()
    this.settle(now)
    this.lastInput = now
    if (this.visible && this.since === null) this.since = now
  }

  setVisible(visible: boolean): void {
    const now = this.now()
    this.settle(now)
    this.visible = visible
    if (!visible && this.since !== null) {
      this.accumulated += now - this.since
      this.since = null
    }
  }

  /** Milliseconds of active time so far, idle stretches excluded. */
  elapsed(): number {
    const now = this.now()
    this.settle(now)
    return Math.round(this.accumulated + (this.since === null ? 0 : now - this.since))
  }

  /** Closes a running stretch that has gone idle: it counts up to the last input plus the idle allowance. */
  private settle(now: number): void {
    if (this.since === null) return
    const idleFrom = this.lastInput + this.idleMs
    if (now > idleFrom) {
      this.accumulated += Math.max(0, idleFrom - this.since)
      this.since = null
    }
  }
}
