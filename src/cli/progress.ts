import { createRequire } from 'node:module'
import type CliProgress from 'cli-progress'
import { formatBytes, printJson, type OutputMode } from './output'

export interface ProgressReporter {
  update(done: number, total: number | null, rows: number): void
  stop(): void
}

const JSON_INTERVAL_MS = 250

/**
 * Progress of long work: a bar with ETA on a terminal (stderr), `{"event":"progress",…}` lines with --json,
 * and nothing otherwise (pipes and logs stay clean).
 */
export function createProgress(mode: OutputMode, label: string, unit: 'bytes' | 'items'): ProgressReporter {
  if (mode.json) return jsonProgress()
  if (process.stderr.isTTY) return barProgress(label, unit)
  return { update() {}, stop() {} }
}

function jsonProgress(): ProgressReporter {
  let last = 0
  let pending: { done: number; total: number | null; rows: number } | null = null
  const emit = () => {
    if (pending) printJson({ event: 'progress', ...pending })
    pending = null
    last = Date.now()
  }
  return {
    update(done, total, rows) {
      pending = { done, total, rows }
      if (Date.now() - last >= JSON_INTERVAL_MS || (total !== null && done >= total)) emit()
    },
    stop: emit,
  }
}

// Loaded only for a terminal, so that scripted runs (and `castor info`) start faster.
const loadCliProgress = () => createRequire(import.meta.url)('cli-progress') as typeof CliProgress

function barProgress(label: string, unit: 'bytes' | 'items'): ProgressReporter {
  const cliProgress = loadCliProgress()
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {amount} | {rows} rows | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  )
  const amount = (done: number, total: number | null) =>
    unit === 'bytes' ? `${formatBytes(done)}${total !== null ? ` / ${formatBytes(total)}` : ''}` : `${done}${total !== null ? ` / ${total}` : ''}`
  let started = false
  return {
    update(done, total, rows) {
      const payload = { rows, amount: amount(done, total) }
      if (!started) {
        bar.start(total ?? 0, done, payload)
        started = true
      } else {
        if (total !== null) bar.setTotal(total)
        bar.update(done, payload)
      }
    },
    stop() {
      if (started) bar.stop()
    },
  }
}
