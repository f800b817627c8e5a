import type { Db } from '../../db'
import type { JudgeOutcome } from '../backend'

export interface WriterOptions {
  /** Write once this many outcomes are waiting… */
  batchSize?: number
  /** …or this long after the first one arrived, so a slow judge loses at most this much on a crash. */
  maxDelayMs?: number
}

const isBusy = (error: unknown) => typeof error === 'object' && error !== null && 'code' in error && String((error as { code: unknown }).code).startsWith('SQLITE_BUSY')

/**
 * Streams outcomes into `judgments` in small transactions. A crash loses at most the outcomes of the last
 * `maxDelayMs`; `ON CONFLICT DO NOTHING` keeps one judgment per item per run even if two processes judge the
 * same run. While an import holds this connection's write transaction (DEVELOPERS.md: writes during an import),
 * or another process holds the file's write lock, outcomes wait in memory and are written afterwards.
 */
export class JudgmentWriter {
  private readonly buffer: JudgeOutcome[] = []
  private timer: NodeJS.Timeout | null = null
  private readonly insert
  private readonly touch
  private readonly batchSize: number
  private readonly maxDelayMs: number
  written = 0
  /** A write that failed in a timer (the project closed, the disk filled): thrown by the next add or close. */
  private failure: unknown = null

  constructor(
    private readonly db: Db,
    private readonly runId: number,
    options: WriterOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 32
    this.maxDelayMs = options.maxDelayMs ?? 100
    this.insert = db.prepare(
      `INSERT INTO judgments (run_id, item_id, raw_output, score, rationale, reasoning, score_probabilities, expected_score, entropy,
                              prompt_tokens, reused_prompt_tokens, completion_tokens, latency_ms, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, item_id) DO NOTHING`,
    )
    this.touch = db.prepare('UPDATE judge_runs SET updated_at = ? WHERE id = ?')
  }

  get pending(): number {
    return this.buffer.length
  }

  add(outcome: JudgeOutcome): void {
    if (this.failure) throw this.failure
    this.buffer.push(outcome)
    if (this.buffer.length >= this.batchSize) this.flush()
    else this.timer ??= setTimeout(() => this.flushLater(), this.maxDelayMs)
  }

  private flushLater(): void {
    this.timer = null
    try {
      this.flush()
    } catch (error) {
      this.failure ??= error
    }
  }

  /** Writes what is waiting; false when the file is busy (the outcomes stay and a retry is scheduled). */
  flush(): boolean {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.buffer.length === 0) return true
    if (this.db.inTransaction) return this.retryLater()
    const batch = this.buffer.slice()
    try {
      this.db.transaction(() => {
        for (const o of batch) {
          const probabilities = o.scoreProbabilities ? JSON.stringify(Object.fromEntries(o.scoreProbabilities.map((p) => [String(p.score), p.probability]))) : null
          this.insert.run(
            this.runId,
            o.itemId,
            o.rawOutput,
            o.score,
            o.feedback,
            o.reasoning,
            probabilities,
            o.expectedScore,
            o.entropy,
            o.promptTokens,
            o.reusedPromptTokens,
            o.completionTokens,
            Math.round(o.latencyMs),
            o.error,
          )
        }
        this.touch.run(new Date().toISOString(), this.runId)
      })()
    } catch (error) {
      if (isBusy(error)) return this.retryLater()
      throw error
    }
    this.buffer.splice(0, batch.length)
    this.written += batch.length
    return true
  }

  private retryLater(): false {
    this.timer ??= setTimeout(() => this.flushLater(), 50)
    return false
  }

  /** Writes everything, waiting while the file is busy. */
  async close(): Promise<void> {
    if (this.failure) throw this.failure
    while (!this.flush()) await new Promise((resolve) => setTimeout(resolve, 50))
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
