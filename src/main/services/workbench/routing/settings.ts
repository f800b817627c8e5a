import type { RoutingSettings } from '@shared/api/routingModels'
import type { Db } from '../../db'
import { stmt } from '../statements'

export type RoutingPhase = 'off' | 'calibration' | 'routed'

interface SettingsRow {
  policy: RoutingSettings['policy']
  seed: number
  annotationMode: RoutingSettings['annotationMode']
  assistedInStatistics: number
  judgeRuns: string
  confidence: RoutingSettings['confidence']
  alpha: number | null
  delta: number
  calibrationSize: number | null
  minItems: number
  maxExperts: number
  piMin: number
}

const DEFAULTS: RoutingSettings = {
  policy: 'breadth',
  seed: 1,
  annotationMode: 'blind',
  assistedInStatistics: false,
  judgeRunIds: [],
  confidence: 'top',
  alpha: null,
  delta: 0.1,
  calibrationSize: null,
  minItems: 50,
  maxExperts: 3,
  piMin: 0,
}

/** The project's routing settings (routing_settings, migration 0004); the defaults on an older file. */
export function getRoutingSettings(db: Db): RoutingSettings {
  const row = stmt(
    db,
    `SELECT policy, seed, annotation_mode AS annotationMode, assisted_in_statistics AS assistedInStatistics, judge_runs AS judgeRuns,
            confidence, alpha, delta, calibration_size AS calibrationSize, min_items AS minItems, max_experts AS maxExperts, pi_min AS piMin
       FROM routing_settings WHERE id = 1`,
  ).get() as SettingsRow | undefined
  if (!row) return { ...DEFAULTS }
  const { assistedInStatistics, judgeRuns, ...rest } = row
  return { ...rest, assistedInStatistics: assistedInStatistics === 1, judgeRunIds: JSON.parse(judgeRuns) as number[] }
}

export function writeRoutingSettings(db: Db, next: RoutingSettings): void {
  stmt(
    db,
    `UPDATE routing_settings SET policy = @policy, seed = @seed, annotation_mode = @annotationMode, assisted_in_statistics = @assisted,
            judge_runs = @judgeRuns, confidence = @confidence, alpha = @alpha, delta = @delta, calibration_size = @calibrationSize,
            min_items = @minItems, max_experts = @maxExperts, pi_min = @piMin
      WHERE id = 1`,
  ).run({ ...next, assisted: next.assistedInStatistics ? 1 : 0, judgeRuns: JSON.stringify(next.judgeRunIds) })
}

/** calibrationChoice: the JSON of the CalibrationChoice (routing_settings.calibration_note). */
export function routingPhase(db: Db): { phase: RoutingPhase; calibrationChoice: string | null; computedAt: string | null } {
  return (stmt(db, 'SELECT phase, calibration_note AS calibrationChoice, computed_at AS computedAt FROM routing_settings WHERE id = 1').get() as
    | { phase: RoutingPhase; calibrationChoice: string | null; computedAt: string | null }
    | undefined) ?? { phase: 'off', calibrationChoice: null, computedAt: null }
}

export function setPhase(db: Db, phase: RoutingPhase, patch: { calibrationChoice?: string | null; computedAt?: string | null } = {}): void {
  stmt(db, 'UPDATE routing_settings SET phase = @phase, calibration_note = coalesce(@note, calibration_note), computed_at = coalesce(@at, computed_at) WHERE id = 1').run({
    phase,
    note: patch.calibrationChoice ?? null,
    at: patch.computedAt ?? null,
  })
}

/** True when the project routes by the judge (the item screen then shows only the items routed to the expert). */
export const isJudgeGuided = (db: Db): boolean => getRoutingSettings(db).policy === 'judge-guided' && routingPhase(db).phase !== 'off'
