import os from 'node:os'
import { performance } from 'node:perf_hooks'

/**
 * Honest figures on shared, noisy cores: a ratio is measured in rounds that alternate its two sides
 * (A B, B A, A B …), one ratio per round, and reported as the median with the min and max, beside the load
 * average seen while it ran.
 */

export interface Spread {
  median: number
  min: number
  max: number
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function spread(values: number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/** Rounds per ratio: CASTOR_BENCH_ROUNDS, at least 3. */
export function benchRounds(): number {
  const given = Number(process.env.CASTOR_BENCH_ROUNDS)
  return Number.isFinite(given) && given >= 3 ? Math.round(given) : 3
}

/** The 1-minute load averages sampled while a measurement ran (min–max), for printing beside its figure. */
export class LoadSampler {
  private readonly samples: number[] = []

  sample(): void {
    this.samples.push(os.loadavg()[0])
  }

  get spread(): Spread {
    if (!this.samples.length) this.sample()
    return spread(this.samples)
  }

  text(): string {
    const { min, max } = this.spread
    const range = min === max ? min.toFixed(2) : `${min.toFixed(2)}–${max.toFixed(2)}`
    return `load ${range} on ${os.availableParallelism()} cores`
  }
}

export interface Alternated {
  /** Milliseconds of side A, then of side B, per round. */
  a: number[]
  b: number[]
  /** a[i] / b[i] per round. */
  ratios: number[]
  load: LoadSampler
}

/**
 * Runs `a` and `b` `rounds` times, alternating (A B, B A, A B …: side by side, neither always first). Each
 * returns the milliseconds to count, or is timed whole when it returns nothing (so a side can leave its set-up
 * untimed).
 */
export async function alternate(
  rounds: number,
  a: () => Promise<number | void> | number | void,
  b: () => Promise<number | void> | number | void,
): Promise<Alternated> {
  const result: Alternated = { a: [], b: [], ratios: [], load: new LoadSampler() }
  const timed = async (side: () => Promise<number | void> | number | void) => {
    const started = performance.now()
    const given = await side()
    return typeof given === 'number' ? given : performance.now() - started
  }
  for (let round = 0; round < rounds; round++) {
    result.load.sample()
    // A B, then B A, …: whatever favours the first (or second) of a pair falls on each side equally often.
    const bFirst = round % 2 === 1
    const msB0 = bFirst ? await timed(b) : 0
    const msA = await timed(a)
    const msB = bFirst ? msB0 : await timed(b)
    result.a.push(msA)
    result.b.push(msB)
    result.ratios.push(msA / msB)
  }
  result.load.sample()
  return result
}

/** "median 0.93× (min 0.90, max 1.02; 3 rounds alternated; load 1.10–1.40 on 2 cores)". */
export function ratioText(ratio: Spread, rounds: number, load: LoadSampler, digits = 2): string {
  return `median ${ratio.median.toFixed(digits)}× (min ${ratio.min.toFixed(digits)}, max ${ratio.max.toFixed(digits)}; ${rounds} rounds alternated; ${load.text()})`
}

/** A figure's median with min and max, in ms or s. */
export function timesText(values: number[]): string {
  const s = spread(values)
  const unit = (ms: number) => (s.max >= 2000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`)
  return `median ${unit(s.median)} (min ${unit(s.min)}, max ${unit(s.max)}; n = ${values.length})`
}

export function rounded(s: Spread, digits = 4): Spread {
  const r = (v: number) => Number(v.toFixed(digits))
  return { median: r(s.median), min: r(s.min), max: r(s.max) }
}
