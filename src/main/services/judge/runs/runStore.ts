import type { ItemSelection, JudgeRunDetail, JudgeRunStatus, JudgeRunSummary, JudgmentRow } from '@shared/api/judgeModels'
import type { CriterionLevel } from '@shared/api/models'
import { CastorError } from '@shared/api/errors'
import { buildJudgePrompt } from '@shared/domain/judgePrompt'
import type { Db } from '../../db'
import type { JudgeRequest } from '../backend'
import { errorCause } from './failureWatch'
import { configHash, type RunConfig } from './runConfig'

export interface RunRow {
  id: number
  name: string
  model: string
  backend: 'imported' | 'llama-cpp' | 'openai'
  status: JudgeRunStatus
  config: RunConfig | null
}

const now = () => new Date().toISOString()

export function getRun(db: Db, runId: number): RunRow {
  const row = db.prepare('SELECT id, name, model, backend, status, config FROM judge_runs WHERE id = ?').get(runId) as
    | (Omit<RunRow, 'config'> & { config: string | null })
    | undefined
  if (!row) throw new CastorError('not-found', `No judge run ${runId}`)
  return { ...row, config: row.config ? (JSON.parse(row.config) as RunConfig) : null }
}

export function findRunByName(db: Db, name: string): RunRow | null {
  const id = db.prepare('SELECT id FROM judge_runs WHERE name = ?').pluck().get(name) as number | undefined
  return id === undefined ? null : getRun(db, id)
}

/**
 * The run for this configuration: the existing one when the same model identity, prompt version/hash and
 * decoding were run before under this name (its done items are skipped), else a new one named `name`. A name
 * already used by a run with another configuration (or by an imported judge) is a conflict, and so is a new name
 * for a configuration that already has a run (the configuration hash is unique): the error names that run.
 * `resumeHint(existing)` says how the caller's user resumes it (a CLI command, a button).
 */
export function ensureRun(db: Db, name: string, config: RunConfig, resumeHint: (existing: string) => string = (existing) => `resume "${existing}"`): { run: RunRow; created: boolean } {
  const hash = configHash(config)
  return db.transaction(() => {
    const sameConfig = db.prepare('SELECT id FROM judge_runs WHERE config_hash = ?').pluck().get(hash) as number | undefined
    const sameName = db.prepare('SELECT id, backend FROM judge_runs WHERE name = ?').get(name) as { id: number; backend: string } | undefined
    if (sameConfig !== undefined) {
      if (sameName?.id !== sameConfig) {
        const other = getRun(db, sameConfig)
        throw new CastorError('conflict', `A run with this configuration exists: "${other.name}"; ${resumeHint(other.name)}, or change the configuration (model, context, decoding) for "${name}"`, {
          field: 'name',
          value: other.name,
        })
      }
      db.prepare('UPDATE judge_runs SET config = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(config), now(), sameConfig)
      return { run: getRun(db, sameConfig), created: false }
    }
    if (sameName) {
      const what = sameName.backend === 'imported' ? 'an imported judge' : 'a run with another configuration (model, prompt or decoding)'
      throw new CastorError('conflict', `The name "${name}" is taken by ${what}; choose another name`, { field: 'name', value: name })
    }
    const id = Number(
      db
        .prepare(
          `INSERT INTO judge_runs (name, model, model_hash, prompt_version, prompt_hash, decoding, backend, status, config, config_hash, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
        )
        .run(
          name,
          config.identity.model,
          config.identity.modelHash,
          config.promptVersion,
          config.promptHash,
          JSON.stringify(config.decoding),
          config.identity.backend,
          JSON.stringify(config),
          hash,
          now(),
        ).lastInsertRowid,
    )
    return { run: getRun(db, id), created: true }
  })()
}

/** Adds items to the run's queue (those already queued stay where they are); returns how many were new. */
export function enqueueItems(db: Db, runId: number, itemIds: readonly number[], selection: ItemSelection | null): number {
  return db.transaction(() => {
    let position = (db.prepare('SELECT coalesce(max(position), -1) FROM judge_run_items WHERE run_id = ?').pluck().get(runId) as number) + 1
    const insert = db.prepare('INSERT OR IGNORE INTO judge_run_items (run_id, item_id, position) VALUES (?, ?, ?)')
    let added = 0
    for (const itemId of itemIds) {
      if (insert.run(runId, itemId, position).changes) {
        added++
        position++
      }
    }
    if (selection) db.prepare('UPDATE judge_runs SET selection = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(selection), now(), runId)
    return added
  })()
}

/** Deletes the run's failed judgments so that a resume judges those items again. */
export function clearErrors(db: Db, runId: number): number {
  return db.prepare('DELETE FROM judgments WHERE run_id = ? AND error IS NOT NULL').run(runId).changes
}

export function setRunStatus(db: Db, runId: number, status: JudgeRunStatus, error: string | null = null): void {
  const stamp = now()
  if (status === 'running') {
    db.prepare("UPDATE judge_runs SET status = 'running', started_at = coalesce(started_at, ?), finished_at = NULL, error = NULL, updated_at = ? WHERE id = ?").run(stamp, stamp, runId)
  } else {
    const finished = status === 'done' || status === 'cancelled' || status === 'failed' ? stamp : null
    db.prepare('UPDATE judge_runs SET status = ?, finished_at = ?, error = ?, updated_at = ? WHERE id = ?').run(status, finished, error, stamp, runId)
  }
}

export interface QueueCounts {
  queued: number
  judged: number
  errors: number
}

export function queueCounts(db: Db, runId: number): QueueCounts {
  return db
    .prepare(
      `SELECT count(*) AS queued, count(j.id) AS judged, count(j.error) AS errors
       FROM judge_run_items q LEFT JOIN judgments j ON j.run_id = q.run_id AND j.item_id = q.item_id WHERE q.run_id = ?`,
    )
    .get(runId) as QueueCounts
}

/** Queued items without a judgment, in judging order (answer, then criterion). */
export function pendingItems(db: Db, runId: number): number[] {
  return db
    .prepare(
      `SELECT q.item_id FROM judge_run_items q JOIN items i ON i.id = q.item_id
       WHERE q.run_id = ? AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.run_id = q.run_id AND j.item_id = q.item_id)
       ORDER BY i.response_id, i.criterion_id`,
    )
    .pluck()
    .all(runId) as number[]
}

interface PromptRow {
  itemId: number
  responseId: number
  criterionId: number
  instruction: string
  instructionExternalId: string
  referenceAnswer: string | null
  answer: string
  model: string
  criterionName: string
  criterionExternalId: string
}

/** Builds judge requests from the project's rows, one item at a time (no open cursor while the writer writes). */
export class PromptSource {
  private readonly row
  private readonly levelsOf
  private readonly levels = new Map<number, CriterionLevel[]>()

  constructor(db: Db) {
    this.row = db.prepare(
      `SELECT i.id AS itemId, i.response_id AS responseId, i.criterion_id AS criterionId, ins.text AS instruction,
              ins.external_id AS instructionExternalId, ins.reference_answer AS referenceAnswer, r.text AS answer, r.model,
              c.name AS criterionName, c.external_id AS criterionExternalId
       FROM items i JOIN responses r ON r.id = i.response_id JOIN instructions ins ON ins.id = r.instruction_id
       JOIN criteria c ON c.id = i.criterion_id WHERE i.id = ?`,
    )
    this.levelsOf = db.prepare('SELECT score, text FROM criterion_levels WHERE criterion_id = ? ORDER BY score')
  }

  describe(itemId: number): PromptRow & { levels: CriterionLevel[] } {
    const row = this.row.get(itemId) as PromptRow | undefined
    if (!row) throw new CastorError('not-found', `No item ${itemId}`)
    let levels = this.levels.get(row.criterionId)
    if (!levels) {
      levels = this.levelsOf.all(row.criterionId) as CriterionLevel[]
      this.levels.set(row.criterionId, levels)
    }
    return { ...row, levels }
  }

  request(itemId: number): JudgeRequest {
    const row = this.describe(itemId)
    if (row.levels.length === 0) throw new CastorError('invalid-input', `Criterion "${row.criterionName}" has no scale, so item ${itemId} cannot be judged`)
    return {
      itemId,
      group: row.responseId,
      prompt: buildJudgePrompt({ instruction: row.instruction, referenceAnswer: row.referenceAnswer, answer: row.answer, criterionName: row.criterionName, levels: row.levels }),
      allowedScores: row.levels.map((level) => level.score),
    }
  }
}

// ---- reading runs for the UI and the CLI ----

interface SummaryRow {
  id: number
  name: string
  backend: JudgeRunSummary['backend']
  model: string
  config: string | null
  prompt_version: string | null
  status: JudgeRunStatus
  created_at: string
  started_at: string | null
  finished_at: string | null
  error: string | null
  selection: string | null
  queued: number
  judged: number
  scored: number
  errors: number
}

const SUMMARY_SQL = `
  SELECT r.id, r.name, r.backend, r.model, r.config, r.prompt_version, r.status, r.created_at, r.started_at, r.finished_at, r.error, r.selection,
    CASE WHEN r.backend = 'imported' THEN (SELECT count(*) FROM judgments j WHERE j.run_id = r.id)
         ELSE (SELECT count(*) FROM judge_run_items q WHERE q.run_id = r.id) END AS queued,
    (SELECT count(*) FROM judgments j WHERE j.run_id = r.id) AS judged,
    (SELECT count(*) FROM judgments j WHERE j.run_id = r.id AND j.error IS NULL AND (j.score IS NOT NULL OR j.not_applicable = 1)) AS scored,
    (SELECT count(*) FROM judgments j WHERE j.run_id = r.id AND j.error IS NOT NULL) AS errors
  FROM judge_runs r`

export function toSummary(row: SummaryRow, active: { jobId: string } | undefined): JudgeRunSummary {
  const config = row.config ? (JSON.parse(row.config) as RunConfig) : null
  return {
    id: row.id,
    name: row.name,
    backend: row.backend,
    model: row.model,
    endpoint: config?.identity.endpoint ?? null,
    promptVersion: row.prompt_version,
    status: row.status,
    active: active !== undefined,
    jobId: active?.jobId ?? null,
    queued: row.queued,
    judged: row.judged,
    scored: row.scored,
    errors: row.errors,
    constrained: config?.decoding.constrained ?? false,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
  }
}

export function listRuns(db: Db, active: ReadonlyMap<number, { jobId: string }> = new Map()): JudgeRunSummary[] {
  return (db.prepare(`${SUMMARY_SQL} ORDER BY r.id DESC`).all() as SummaryRow[]).map((row) => toSummary(row, active.get(row.id)))
}

export function runDetail(db: Db, runId: number, active: ReadonlyMap<number, { jobId: string }> = new Map(), limit = 50): JudgeRunDetail {
  const row = db.prepare(`${SUMMARY_SQL} WHERE r.id = ?`).get(runId) as SummaryRow | undefined
  if (!row) throw new CastorError('not-found', `No judge run ${runId}`)
  const recent = (
    db
      .prepare(
        `SELECT item_id AS itemId, score, expected_score AS expectedScore, entropy, score_probabilities AS probabilities, error, rationale, latency_ms AS latencyMs
         FROM judgments WHERE run_id = ? ORDER BY id DESC LIMIT ?`,
      )
      .all(runId, limit) as (Omit<JudgmentRow, 'scoreProbabilities'> & { probabilities: string | null })[]
  ).map(({ probabilities, ...rest }) => ({ ...rest, scoreProbabilities: parseProbabilities(probabilities) }))
  return {
    ...toSummary(row, active.get(runId)),
    config: row.config ? (JSON.parse(row.config) as unknown) : null,
    selection: row.selection ? (JSON.parse(row.selection) as unknown) : null,
    scoreCounts: db
      .prepare('SELECT score, count(*) AS count FROM judgments WHERE run_id = ? AND score IS NOT NULL GROUP BY score ORDER BY score')
      .all(runId) as { score: number; count: number }[],
    recent,
    topErrors: topErrors(db.prepare('SELECT error, count(*) AS count FROM judgments WHERE run_id = ? AND error IS NOT NULL GROUP BY error').all(runId) as { error: string; count: number }[]),
  }
}

/** The most frequent causes: messages that differ only in their numbers are one line (`error` keeps the numbers masked). */
export function topErrors(messages: readonly { error: string; count: number }[], limit = 5): { error: string; count: number }[] {
  const causes = new Map<string, number>()
  for (const { error, count } of messages) {
    const cause = errorCause(error)
    causes.set(cause, (causes.get(cause) ?? 0) + count)
  }
  return [...causes]
    .map(([error, count]) => ({ error, count }))
    .sort((a, b) => b.count - a.count || a.error.localeCompare(b.error))
    .slice(0, limit)
}

export function parseProbabilities(text: string | null): { score: number; probability: number }[] | null {
  if (!text) return null
  try {
    const value = JSON.parse(text) as Record<string, number>
    return Object.entries(value)
      .map(([score, probability]) => ({ score: Number(score), probability }))
      .sort((a, b) => a.score - b.score)
  } catch {
    return null
  }
}
