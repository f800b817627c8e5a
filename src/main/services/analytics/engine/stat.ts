import type { Stat } from '@shared/api/statsModels'

/**
 * The engine's one representation of a coefficient: a finite number, or null with the reason it is undefined.
 * Every public engine function returns these; NaN and ±Infinity never leave the engine.
 */
export function statOf(value: number, reasonIfUndefined: string): Stat {
  return Number.isFinite(value) ? { value } : { value: null, reason: reasonIfUndefined }
}

export function nullStat(reason: string): Stat {
  return { value: null, reason }
}

/** Internal: a Stat as a number for bootstrap buffers (NaN = undefined). */
export function statNumber(stat: Stat): number {
  return stat.value === null ? Number.NaN : stat.value
}
