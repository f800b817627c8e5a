import type { ScoreStatus } from '@shared/domain/longFormat'
import { isOnScale, parseScore, scaleText } from '@shared/domain/rubric'
import type { Db } from '../db'
import { IdentitySpellings } from '../project/identitySpellings'
import { CriterionResolver, type ResolvedCriterion } from './criterionResolver'
import { inputError, scoreError, showValue, type InputFile } from './importErrors'
import { Lru } from './lru'
import { isAbsent } from './fields'
import type { CriterionRef, DeclaredScore, InstructionFields, InstructionSetRow, ScoreRow, ScoreState } from './rows'

const ID_CACHE = 20_000
/** Entries that keep texts (for agreement checks) are fewer: rows of one answer usually come together. */
const TEXT_CACHE = 4_096

interface TextEntry {
  id: number
  text: string
}

/**
 * Writes normalised rows into the project, for every format: upserts keyed as the schema says, bounded caches
 * of ids and of the texts that later rows must agree with, and one set of prepared statements per import.
 * Must run inside the import's transaction.
 */
export class ProjectWriter {
  readonly criteria: CriterionResolver
  private readonly instructions = new Lru<string, TextEntry>(TEXT_CACHE)
  private readonly responses = new Lru<string, TextEntry>(TEXT_CACHE)
  private readonly items = new Lru<number | string, number>(ID_CACHE)
  private readonly annotators = new Lru<string, number>(ID_CACHE)
  private readonly judgeRuns = new Map<string, number>()
  /** Text identities compare by identityKey: each is written in the spelling the project already holds. */
  private readonly spelled
  /** Consecutive rows mostly share their instruction and answer: checked before any cache. */
  private lastInstruction: { externalId: string; text: string; id: number } | null = null
  private lastResponse: { instructionId: number; model: string; text: string; id: number } | null = null
  private lastItem = { responseId: 0, criterionId: 0, id: 0 }
  private readonly now = new Date().toISOString()
  /** Where the most recent scores were, so a duplicate in this file can name both lines. */
  private readonly recentScores = new RecentPositions(4_096)
  /** Control reference scores written by this import, per item: the rows of one item must agree on it. */
  private readonly controls = new Lru<number, { key: string; position: number }>(TEXT_CACHE)
  private readonly upsertControl
  /** Final scores written by this import, per item, so that the rows of one item must agree on it. */
  private readonly finals = new Lru<number, { key: string; position: number }>(TEXT_CACHE)
  /** Whether the project held revisions before: only then can a replaced annotation leave stale ones behind. */
  private readonly hadRevisions: boolean

  private readonly upsertInstruction
  private readonly selectResponse
  private readonly insertResponse
  private readonly selectItem
  private readonly insertItem
  private readonly updateGold
  private readonly selectAnnotator
  private readonly insertAnnotator
  private readonly selectJudgeRun
  private readonly insertJudgeRun
  private readonly upsertAnnotation
  private readonly upsertJudgment
  private readonly linkCriterion
  private readonly insertPlannedItems
  private readonly deleteRevisions
  private readonly insertFirstRevision
  private readonly upsertFinal

  constructor(
    db: Db,
    private readonly input: InputFile,
    private readonly importId: number,
  ) {
    this.criteria = new CriterionResolver(db, input)
    this.spelled = {
      instruction: new IdentitySpellings(db, 'instructions', 'external_id'),
      model: new IdentitySpellings(db, 'responses', 'model'),
      annotator: new IdentitySpellings(db, 'annotators', 'name'),
      task: new IdentitySpellings(db, 'tasks', 'path'),
      judge: new IdentitySpellings(db, 'judge_runs', 'name'),
    }
    this.upsertInstruction = db.prepare(`
      INSERT INTO instructions (external_id, text, reference_answer, task_path, difficulty, domain, meta)
      VALUES (@externalId, @text, @referenceAnswer, @taskPath, @difficulty, @domain, @meta)
      ON CONFLICT (external_id) DO UPDATE SET
        reference_answer = coalesce(excluded.reference_answer, reference_answer),
        task_path = coalesce(excluded.task_path, task_path),
        difficulty = coalesce(excluded.difficulty, difficulty),
        domain = coalesce(excluded.domain, domain),
        meta = coalesce(excluded.meta, meta)
      RETURNING id, text`)
    this.selectResponse = db.prepare('SELECT id, text FROM responses WHERE instruction_id = ? AND model = ?')
    // Inserts read lastInsertRowid instead of RETURNING: about 40 % less time an insert (RETURNING buffers its rows).
    this.insertResponse = db.prepare('INSERT INTO responses (instruction_id, model, text) VALUES (?, ?, ?)')
    this.selectItem = db.prepare('SELECT id, gold_score AS gold FROM items WHERE response_id = ? AND criterion_id = ?')
    this.insertItem = db.prepare('INSERT INTO items (response_id, criterion_id, gold_score) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
    this.updateGold = db.prepare('UPDATE items SET gold_score = ? WHERE id = ?')
    this.selectAnnotator = db.prepare('SELECT id FROM annotators WHERE name = ?').pluck()
    this.insertAnnotator = db.prepare("INSERT INTO annotators (name, role) VALUES (?, 'annotator') RETURNING id").pluck()
    this.selectJudgeRun = db.prepare('SELECT id, backend FROM judge_runs WHERE name = ?')
    this.insertJudgeRun = db.prepare("INSERT INTO judge_runs (name, model, backend, status) VALUES (?, ?, 'imported', 'done') RETURNING id").pluck()
    // A row already written by this import is a duplicate in the file (no change); one from an earlier import is replaced.
    this.upsertAnnotation = db.prepare(`
      INSERT INTO annotations (item_id, annotator_id, score, not_applicable, rationale, time_spent_ms, status, assisted, import_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (item_id, annotator_id) DO UPDATE SET
        score = excluded.score, not_applicable = excluded.not_applicable, rationale = excluded.rationale,
        time_spent_ms = excluded.time_spent_ms, status = excluded.status, assisted = excluded.assisted, import_id = excluded.import_id, updated_at = excluded.updated_at
      WHERE annotations.import_id IS NOT excluded.import_id`)
    this.upsertJudgment = db.prepare(`
      INSERT INTO judgments (run_id, item_id, score, not_applicable, rationale, error, score_probabilities, import_id, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (run_id, item_id) DO UPDATE SET
        score = excluded.score, not_applicable = excluded.not_applicable, rationale = excluded.rationale,
        error = excluded.error, score_probabilities = excluded.score_probabilities, import_id = excluded.import_id
      WHERE judgments.import_id IS NOT excluded.import_id`)
    this.linkCriterion = db.prepare('INSERT OR IGNORE INTO instruction_criteria (instruction_id, criterion_id) VALUES (?, ?)')
    this.insertPlannedItems = db.prepare(
      'INSERT OR IGNORE INTO items (response_id, criterion_id) SELECT ?, criterion_id FROM instruction_criteria WHERE instruction_id = ?',
    )
    this.hadRevisions = db.prepare('SELECT EXISTS (SELECT 1 FROM annotation_revisions)').pluck().get() === 1
    this.deleteRevisions = db.prepare('DELETE FROM annotation_revisions WHERE annotation_id = (SELECT id FROM annotations WHERE item_id = ? AND annotator_id = ?)')
    this.insertFirstRevision = db.prepare(`
      INSERT INTO annotation_revisions (annotation_id, revision, score, not_applicable, rationale, status, saved_at)
      SELECT id, 1, ?, ?, ?, 'submitted', ? FROM annotations WHERE item_id = ? AND annotator_id = ?`)
    this.upsertControl = db.prepare(`
      INSERT INTO control_items (item_id, score, note, source, created_by, created_at) VALUES (?, ?, ?, 'import', 'import', ?)
      ON CONFLICT (item_id) DO UPDATE SET score = excluded.score, note = excluded.note, source = excluded.source,
        created_by = excluded.created_by, created_at = excluded.created_at`)
    this.upsertFinal = db.prepare(`
      INSERT INTO adjudications (item_id, score, not_applicable, note, adjudicator, updated_at) VALUES (?, ?, ?, ?, 'import', ?)
      ON CONFLICT (item_id) DO UPDATE SET score = excluded.score, not_applicable = excluded.not_applicable, note = excluded.note,
        adjudicator_id = NULL, adjudicator = excluded.adjudicator, updated_at = excluded.updated_at`)
  }

  writeScoreRow(row: ScoreRow, position: number): void {
    const { fields } = row
    const instructionId = this.instruction(row.instruction, position, fields.instruction)
    const responseId = this.response(instructionId, row.model, row.answer, position, fields.answer)
    const criterion = this.criterion(row.criterion, position, fields)
    const itemId = this.item(responseId, criterion.id, row.goldScore)
    const state = row.state ?? null
    if (state?.final) this.writeFinal(itemId, state.final, criterion, position)
    if (state?.control) this.writeControl(itemId, state.control, criterion, position)
    const rater = row.rater
    if (!rater) return
    const { score, notApplicable } =
      state?.status === 'error' ? { score: null, notApplicable: 0 } : this.checkedScore(state?.status ?? null, row.score, criterion, position, fields.score)
    let changes: number
    let raterKey: number
    if (rater.kind === 'annotator') {
      const annotatorId = this.annotator(rater.name)
      const status = state?.draft ? 'draft' : 'submitted'
      changes = this.upsertAnnotation.run(itemId, annotatorId, score, notApplicable, row.rationale, state?.activeMs ?? null, status, state?.assisted ? 1 : 0, this.importId, this.now, this.now).changes
      if (changes > 0) this.writeRevisions(itemId, annotatorId, state?.first ?? null, criterion, position)
      raterKey = annotatorId * 2
    } else {
      const runId = this.judgeRun(rater.name, position, fields.rater)
      changes = this.upsertJudgment.run(runId, itemId, score, notApplicable, row.rationale, state?.error ?? null, state?.probabilities ?? null, this.importId, this.now).changes
      raterKey = runId * 2 + 1
    }
    if (changes === 0) {
      const earlier = this.recentScores.find(itemId, raterKey)
      throw inputError(
        this.input,
        position,
        fields.rater,
        rater.name,
        earlier ? 'score-repeated-at' : 'score-repeated',
        { unit: this.input.unit, earlier: earlier ?? 0, model: showValue(row.model), criterion: criterion.externalId, rater: rater.kind },
      )
    }
    this.recentScores.add(itemId, raterKey, position)
  }

  /**
   * A score cell read with its declared status: "scored" needs a score on the criterion's scale, "not_applicable"
   * an empty cell or an N/A spelling; without a status (older files) null / N/A is not applicable.
   */
  private checkedScore(status: ScoreStatus | null, value: unknown, criterion: ResolvedCriterion, position: number, field: string): { score: number | null; notApplicable: 0 | 1 } {
    if (status === 'not_applicable' && isAbsent(value)) return { score: null, notApplicable: 1 }
    const parsed = parseScore(value)
    if (!parsed.ok) throw scoreError(this.input, position, field, value, parsed)
    if (status === 'not_applicable' && !parsed.notApplicable) throw inputError(this.input, position, field, value, 'score-must-be-na')
    if (status === 'scored' && parsed.notApplicable) throw inputError(this.input, position, field, value, 'score-must-be-score')
    const score = parsed.score
    if (score !== null && !isOnScale(score, criterion.levels)) {
      throw inputError(this.input, position, field, value, 'score-off-scale', { value: showValue(value), criterion: criterion.externalId, scale: scaleText(criterion.levels) })
    }
    return { score, notApplicable: parsed.notApplicable ? 1 : 0 }
  }

  /** The annotation's revisions become what the row says: its blind first submission, or none. */
  private writeRevisions(itemId: number, annotatorId: number, first: DeclaredScore | null, criterion: ResolvedCriterion, position: number): void {
    if (this.hadRevisions) this.deleteRevisions.run(itemId, annotatorId)
    if (!first) return
    const { score, notApplicable } = this.checkedScore(first.status, first.score, criterion, position, 'first_score')
    this.insertFirstRevision.run(score, notApplicable, first.rationale, this.now, itemId, annotatorId)
  }

  /** The lead's final score, given on every row of its item: written once, and the rows must agree. */
  private writeFinal(itemId: number, final: NonNullable<ScoreState['final']>, criterion: ResolvedCriterion, position: number): void {
    const { score, notApplicable } = this.checkedScore(final.status, final.score, criterion, position, 'final_score')
    const key = JSON.stringify([score, notApplicable, final.note])
    const earlier = this.finals.get(itemId)
    if (earlier) {
      if (earlier.key === key) return
      throw inputError(this.input, position, 'final_score', final.score, 'final-differs', { unit: this.input.unit, position: earlier.position }, 'conflict')
    }
    this.upsertFinal.run(itemId, score, notApplicable, final.note, this.now)
    this.finals.set(itemId, { key, position })
  }

  /** An answer with no criterion (a mapped import of answers to annotate): its instruction and answer only. */
  writeAnswer(instruction: InstructionFields, model: string, answer: string, position: number): void {
    this.response(this.instruction(instruction, position, 'instruction'), model, answer, position, 'answer')
  }

  /** A control item's reference score, given on every row of its item: a level of the scale (never N/A), rows agreeing. */
  private writeControl(itemId: number, control: NonNullable<ScoreState['control']>, criterion: ResolvedCriterion, position: number): void {
    const { score, notApplicable } = this.checkedScore('scored', control.score, criterion, position, 'control_score')
    if (notApplicable || score === null) throw inputError(this.input, position, 'control_score', control.score, 'control-needs-score')
    const key = JSON.stringify([score, control.note])
    const earlier = this.controls.get(itemId)
    if (earlier) {
      if (earlier.key === key) return
      throw inputError(this.input, position, 'control_score', control.score, 'control-differs', { unit: this.input.unit, position: earlier.position }, 'conflict')
    }
    this.upsertControl.run(itemId, score, control.note, this.now)
    this.controls.set(itemId, { key, position })
  }

  writeInstructionSet(row: InstructionSetRow, position: number, instructionField: string): void {
    const instructionId = this.instruction(row.instruction, position, instructionField)
    for (const { ref, field } of row.criteria) {
      const criterion = this.criterion(ref, position, { criterion: `${field}.criteria_name`, rubric: `${field}.rubrics` })
      this.linkCriterion.run(instructionId, criterion.id)
    }
  }

  criterion(ref: CriterionRef, position: number, fields: { criterion: string; rubric: string }): ResolvedCriterion {
    return this.criteria.resolve(ref, position, fields)
  }

  instruction(fields: InstructionFields, position: number, field: string): number {
    const last = this.lastInstruction
    if (last && last.externalId === fields.externalId && last.text === fields.text) return last.id
    const id = this.lookUpInstruction(fields, position, field)
    this.lastInstruction = { externalId: fields.externalId, text: fields.text, id }
    return id
  }

  private lookUpInstruction(given: InstructionFields, position: number, field: string): number {
    const fields = {
      ...given,
      externalId: this.spelled.instruction.spelling(given.externalId),
      taskPath: given.taskPath === null ? null : this.spelled.task.spelling(given.taskPath),
    }
    const cached = this.instructions.get(fields.externalId)
    if (cached) {
      if (cached.text !== fields.text) throw this.textConflict(position, field, { key: 'instruction-text-differs', id: showValue(fields.externalId) }, cached.text, fields.text)
      return cached.id
    }
    const stored = this.upsertInstruction.get(fields) as TextEntry
    if (stored.text !== fields.text) throw this.textConflict(position, field, { key: 'instruction-text-differs', id: showValue(fields.externalId) }, stored.text, fields.text)
    this.instructions.set(fields.externalId, { id: stored.id, text: fields.text })
    return stored.id
  }

  private response(instructionId: number, model: string, text: string, position: number, field: string): number {
    const last = this.lastResponse
    if (last && last.instructionId === instructionId && last.model === model && last.text === text) return last.id
    const id = this.lookUpResponse(instructionId, model, text, position, field)
    this.lastResponse = { instructionId, model, text, id }
    return id
  }

  private lookUpResponse(instructionId: number, givenModel: string, text: string, position: number, field: string): number {
    const model = this.spelled.model.spelling(givenModel)
    const key = `${instructionId}\u0000${model}`
    const cached = this.responses.get(key) ?? (this.selectResponse.get(instructionId, model) as TextEntry | undefined)
    if (cached) {
      if (cached.text !== text) throw this.textConflict(position, field, { key: 'answer-text-differs', model: showValue(model) }, cached.text, text)
      this.responses.set(key, cached)
      return cached.id
    }
    const id = Number(this.insertResponse.run(instructionId, model, text).lastInsertRowid)
    // A new answer to an instruction from an instruction set gets an item for every criterion of its set.
    this.insertPlannedItems.run(id, instructionId)
    this.responses.set(key, { id, text })
    return id
  }

  private item(responseId: number, criterionId: number, goldScore: number | null): number {
    const last = this.lastItem
    if (last.responseId === responseId && last.criterionId === criterionId) return last.id
    const id = this.lookUpItem(responseId, criterionId, goldScore)
    this.lastItem = { responseId, criterionId, id }
    return id
  }

  private lookUpItem(responseId: number, criterionId: number, goldScore: number | null): number {
    const key = pairKey(responseId, criterionId)
    const cached = this.items.get(key)
    if (cached !== undefined) return cached
    // New items are the common case in a large import: insert first, look up only when it already exists.
    const inserted = this.insertItem.run(responseId, criterionId, goldScore)
    let id: number
    if (inserted.changes > 0) id = Number(inserted.lastInsertRowid)
    else {
      const stored = this.selectItem.get(responseId, criterionId) as { id: number; gold: number | null }
      id = stored.id
      if (goldScore !== null && stored.gold !== goldScore) this.updateGold.run(goldScore, id)
    }
    this.items.set(key, id)
    return id
  }

  private annotator(name: string): number {
    let id = this.annotators.get(name)
    if (id === undefined) {
      const spelled = this.spelled.annotator.spelling(name)
      id = (this.selectAnnotator.get(spelled) as number | undefined) ?? (this.insertAnnotator.get(spelled) as number)
      this.annotators.set(name, id)
    }
    return id
  }

  /** An imported judge's scores form one judge run named after the judge. */
  private judgeRun(given: string, position: number, field: string): number {
    let id = this.judgeRuns.get(given)
    if (id === undefined) {
      const name = this.spelled.judge.spelling(given)
      const stored = this.selectJudgeRun.get(name) as { id: number; backend: string } | undefined
      if (stored && stored.backend !== 'imported') {
        throw inputError(this.input, position, field, given, 'judge-run-taken', { name, backend: stored.backend }, 'conflict')
      }
      id = stored ? stored.id : (this.insertJudgeRun.get(name, name) as number)
      this.judgeRuns.set(given, id)
    }
    return id
  }

  private textConflict(
    position: number,
    field: string,
    what: { key: 'instruction-text-differs'; id: string } | { key: 'answer-text-differs'; model: string },
    earlier: string,
    given: string,
  ) {
    let at = 0
    while (at < earlier.length && at < given.length && earlier[at] === given[at]) at++
    return inputError(
      this.input,
      position,
      field,
      given,
      what.key,
      { ...what, at: at + 1, here: showValue(given.slice(at, at + 40)), before: showValue(earlier.slice(at, at + 40)) },
      'conflict',
    )
  }
}

/** A cache key for a pair of row ids: one number while they are small enough, text otherwise. */
function pairKey(a: number, b: number): number | string {
  return b < 0x400000 && a < 0x80000000 ? a * 0x400000 + b : `${a}:${b}`
}

/** A ring of the last scores written (item, rater, position): no allocation per row, searched only on error. */
class RecentPositions {
  private readonly items: Float64Array
  private readonly raters: Float64Array
  private readonly positions: Float64Array
  private next = 0

  constructor(private readonly size: number) {
    this.items = new Float64Array(size)
    this.raters = new Float64Array(size)
    this.positions = new Float64Array(size)
  }

  add(itemId: number, raterKey: number, position: number): void {
    const at = this.next
    this.items[at] = itemId
    this.raters[at] = raterKey
    this.positions[at] = position
    this.next = at + 1 === this.size ? 0 : at + 1
  }

  find(itemId: number, raterKey: number): number | undefined {
    for (let i = 0; i < this.size; i++) {
      if (this.items[i] === itemId && this.raters[i] === raterKey && this.positions[i] > 0) return this.positions[i]
    }
    return undefined
  }
}
