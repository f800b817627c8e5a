import { createHash } from 'node:crypto'
import type { CriterionLevel } from '@shared/api/models'
import { describeLevelDifference, formatRubricLines, parseRubric, sameLevels } from '@shared/domain/rubric'
import type { Db } from '../db'
import { inputError, type InputFile } from './importErrors'
import { Lru } from './lru'
import type { CriterionRef } from './rows'

export interface ResolvedCriterion {
  id: number
  externalId: string
  name: string
  levels: CriterionLevel[]
  /** Rubric texts (as given) already found to agree with `levels`, so repeated rows skip parsing them. */
  agreed: Set<string>
  /** A rubric object (as given) found to agree, compared key by key with later ones: cheaper than JSON. */
  agreedObject?: Record<string, unknown>
}

const MAX_AGREED = 16

/**
 * Finds (or creates) the criterion a row names. Generic rows: the value is an external id, else a unique name;
 * an unknown one is created from the row's rubric. POLLUX rows: name + rubric, because one criteria_name can
 * come with different rubrics; a new variant gets external id `name #<rubric hash>` when the name is taken.
 */
export class CriterionResolver {
  private readonly cache = new Lru<string, ResolvedCriterion>(20_000)
  private readonly byValue = new Lru<string, ResolvedCriterion>(20_000)
  private readonly byExternalId
  private readonly byName
  private readonly levelsOf
  private readonly insertCriterion
  private readonly insertLevel

  constructor(
    db: Db,
    private readonly input: InputFile,
  ) {
    this.byExternalId = db.prepare('SELECT id, external_id AS externalId, name FROM criteria WHERE external_id = ?')
    this.byName = db.prepare('SELECT id, external_id AS externalId, name FROM criteria WHERE name = ? ORDER BY id')
    this.levelsOf = db.prepare('SELECT score, text FROM criterion_levels WHERE criterion_id = ? ORDER BY score')
    this.insertCriterion = db.prepare('INSERT INTO criteria (external_id, name) VALUES (?, ?) RETURNING id').pluck()
    this.insertLevel = db.prepare('INSERT INTO criterion_levels (criterion_id, score, text) VALUES (?, ?, ?)')
  }

  resolve(ref: CriterionRef, position: number, fields: { criterion: string; rubric: string }): ResolvedCriterion {
    const rubric = ref.rubric
    const hasRubric = rubric !== undefined && rubric !== null && rubric !== ''
    if (ref.keyedByRubric && hasRubric) {
      const key = `${ref.value}\u0000${rubricFingerprint(rubric)}`
      let criterion = this.cache.get(key)
      if (!criterion) {
        criterion = this.findOrCreateVariant(ref.value, this.parse(ref.rubric, position, fields.rubric), position, fields.criterion)
        this.cache.set(key, criterion)
      }
      return criterion
    }
    let criterion = this.byValue.get(ref.value)
    if (!criterion) {
      criterion = this.find(ref.value, ref.name ?? ref.value, hasRubric ? () => this.parse(ref.rubric, position, fields.rubric) : null, position, fields.criterion)
      this.byValue.set(ref.value, criterion)
    }
    if (!hasRubric || agreesWithObject(criterion, rubric)) return criterion
    const fingerprint = rubricFingerprint(rubric)
    if (!criterion.agreed.has(fingerprint)) {
      const levels = this.parse(ref.rubric, position, fields.rubric)
      if (!sameLevels(criterion.levels, levels)) {
        throw inputError(
          this.input,
          position,
          fields.rubric,
          ref.rubric,
          `contradicts the rubric of criterion "${criterion.externalId}" given earlier or held by the project: ${describeLevelDifference(criterion.levels, levels)}`,
          'conflict',
        )
      }
      if (criterion.agreed.size >= MAX_AGREED) criterion.agreed.clear()
      criterion.agreed.add(fingerprint)
      if (typeof rubric === 'object' && !criterion.agreedObject) criterion.agreedObject = rubric as Record<string, unknown>
    }
    return criterion
  }

  private parse(rubric: unknown, position: number, field: string): CriterionLevel[] {
    const parsed = parseRubric(rubric)
    if (!parsed.ok) throw inputError(this.input, position, field, rubric, `is not a rubric: it ${parsed.reason}`)
    return parsed.levels
  }

  /** Generic lookup: external id, else a unique name, else create from the rubric (named `name`). */
  private find(value: string, name: string, rubric: (() => CriterionLevel[]) | null, position: number, field: string): ResolvedCriterion {
    const byId = this.byExternalId.get(value) as CriterionHead | undefined
    if (byId) return this.load(byId)
    const named = this.byName.all(value) as CriterionHead[]
    if (named.length === 1) return this.load(named[0])
    if (named.length > 1) {
      if (rubric) {
        const levels = rubric()
        const matching = named.map((head) => this.load(head)).filter((candidate) => sameLevels(candidate.levels, levels))
        if (matching.length === 1) return matching[0]
      }
      throw inputError(
        this.input,
        position,
        field,
        value,
        `matches ${named.length} criteria by name (${named.map((head) => head.externalId).join(', ')}); give the external id instead`,
      )
    }
    if (!rubric) {
      throw inputError(this.input, position, field, value, 'is an unknown criterion: no criterion has this external id or name, and the row gives no rubric to create it from')
    }
    return this.create(value, name, rubric())
  }

  /** POLLUX lookup: a criterion with this name and the same levels, else a new variant. */
  private findOrCreateVariant(name: string, levels: CriterionLevel[], position: number, field: string): ResolvedCriterion {
    for (const head of this.byName.all(name) as CriterionHead[]) {
      const candidate = this.load(head)
      if (sameLevels(candidate.levels, levels)) return candidate
    }
    const byId = this.byExternalId.get(name) as CriterionHead | undefined
    let externalId = name
    if (byId) {
      externalId = `${name} #${createHash('sha256').update(formatRubricLines(levels)).digest('hex').slice(0, 8)}`
      if (this.byExternalId.get(externalId)) {
        throw inputError(this.input, position, field, name, `cannot be added: the external id "${externalId}" is taken by a criterion with another name`, 'conflict')
      }
    }
    return this.create(externalId, name, levels)
  }

  private create(externalId: string, name: string, levels: CriterionLevel[]): ResolvedCriterion {
    const id = this.insertCriterion.get(externalId, name) as number
    for (const level of levels) this.insertLevel.run(id, level.score, level.text)
    return { id, externalId, name, levels, agreed: new Set() }
  }

  private load(head: CriterionHead): ResolvedCriterion {
    const levels = this.levelsOf.all(head.id) as CriterionLevel[]
    return { ...head, levels, agreed: new Set() }
  }
}

interface CriterionHead {
  id: number
  externalId: string
  name: string
}

/** A cheap identity for a rubric as given: the text itself, or the object's JSON. */
function rubricFingerprint(rubric: unknown): string {
  return typeof rubric === 'string' ? rubric : JSON.stringify(rubric)
}

/** Whether a rubric object has exactly the keys and texts of one that already agreed. */
function agreesWithObject(criterion: ResolvedCriterion, rubric: unknown): boolean {
  const agreed = criterion.agreedObject
  if (rubric === agreed && agreed) return true
  if (!agreed || typeof rubric !== 'object' || rubric === null) return false
  let keys = 0
  for (const key in rubric as Record<string, unknown>) {
    if ((rubric as Record<string, unknown>)[key] !== agreed[key]) return false
    keys++
  }
  let expected = 0
  for (const _ in agreed) expected++
  return keys === expected
}
