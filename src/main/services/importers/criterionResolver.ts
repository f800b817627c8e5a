import { createHash } from 'node:crypto'
import type { CriterionLevel } from '@shared/api/models'
import { identityKey } from '@shared/domain/identity'
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

interface CriterionHead {
  id: number
  externalId: string
  name: string
}

/**
 * Finds (or creates) the criterion a row names. A name is compared by its identity key (NFC, no zero-width
 * characters); an external id exactly.
 * - Generic rows: an external id is that criterion, and a rubric given with it must agree. Otherwise the value is a
 *   name: with a rubric, the criterion of that name whose levels match (the first, when identical ones exist), else
 *   a new one from the rubric; without a rubric, the one criterion of that name, and several are refused with each
 *   candidate listed.
 * - POLLUX rows: always name + rubric, because one criteria_name comes with different rubrics.
 * A new criterion whose name is already taken gets the external id `name #<rubric hash>`.
 */
export class CriterionResolver {
  private readonly cache = new Lru<string, ResolvedCriterion>(20_000)
  /** The last criterion each value resolved to with a rubric, and without: most rows repeat it. */
  private readonly recentWithRubric = new Lru<string, ResolvedCriterion>(20_000)
  private readonly recentWithoutRubric = new Lru<string, ResolvedCriterion>(20_000)
  /** Every criterion of the project by the identity key of its name, read once (criteria are few). */
  private byNameKey: Map<string, CriterionHead[]> | null = null
  private readonly allHeads
  private readonly byExternalId
  private readonly levelsOf
  private readonly insertCriterion
  private readonly insertLevel

  constructor(
    db: Db,
    private readonly input: InputFile,
  ) {
    this.allHeads = db.prepare('SELECT id, external_id AS externalId, name FROM criteria ORDER BY id')
    this.byExternalId = db.prepare('SELECT id, external_id AS externalId, name FROM criteria WHERE external_id = ?')
    this.levelsOf = db.prepare('SELECT score, text FROM criterion_levels WHERE criterion_id = ? ORDER BY score')
    this.insertCriterion = db.prepare('INSERT INTO criteria (external_id, name) VALUES (?, ?) RETURNING id').pluck()
    this.insertLevel = db.prepare('INSERT INTO criterion_levels (criterion_id, score, text) VALUES (?, ?, ?)')
  }

  resolve(ref: CriterionRef, position: number, fields: { criterion: string; rubric: string }): ResolvedCriterion {
    const rubric = ref.rubric
    if (rubric === undefined || rubric === null || rubric === '') {
      let criterion = this.recentWithoutRubric.get(ref.value)
      if (!criterion) {
        criterion = this.findWithoutRubric(ref.value, position, fields.criterion)
        this.recentWithoutRubric.set(ref.value, criterion)
      }
      return criterion
    }
    const recent = this.recentWithRubric.get(ref.value)
    if (recent && agreesWithObject(recent, rubric)) return recent
    const fingerprint = rubricFingerprint(rubric)
    if (recent?.agreed.has(fingerprint)) return recent
    const key = `${ref.keyedByRubric ? 'p' : 'g'}${ref.value}\u0000${fingerprint}`
    let criterion = this.cache.get(key)
    if (!criterion) {
      const levels = this.parse(rubric, position, fields.rubric)
      criterion = ref.keyedByRubric
        ? this.findOrCreateVariant(ref.value, ref.value, levels, position, fields.criterion)
        : this.findWithRubric(ref.value, ref.name ?? ref.value, rubric, levels, position, fields)
      this.cache.set(key, criterion)
    }
    if (criterion.agreed.size >= MAX_AGREED) criterion.agreed.clear()
    criterion.agreed.add(fingerprint)
    if (typeof rubric === 'object' && !criterion.agreedObject) criterion.agreedObject = rubric as Record<string, unknown>
    this.recentWithRubric.set(ref.value, criterion)
    return criterion
  }

  private parse(rubric: unknown, position: number, field: string): CriterionLevel[] {
    const parsed = parseRubric(rubric)
    if (!parsed.ok) throw inputError(this.input, position, field, rubric, 'not-a-rubric', { detail: parsed.reason })
    return parsed.levels
  }

  /** Generic row with a rubric: its external id (the rubric must agree), else name + rubric. */
  private findWithRubric(
    value: string,
    name: string,
    rubric: unknown,
    levels: CriterionLevel[],
    position: number,
    fields: { criterion: string; rubric: string },
  ): ResolvedCriterion {
    const byId = this.byExternalId.get(value) as CriterionHead | undefined
    if (!byId) return this.findOrCreateVariant(value, name, levels, position, fields.criterion)
    const criterion = this.load(byId)
    if (!sameLevels(criterion.levels, levels)) {
      throw inputError(
        this.input,
        position,
        fields.rubric,
        rubric,
        'rubric-contradicts',
        { criterion: criterion.externalId, difference: describeLevelDifference(criterion.levels, levels) },
        'conflict',
      )
    }
    return criterion
  }

  /** Generic row without a rubric: its external id, else the one criterion of that name. */
  private findWithoutRubric(value: string, position: number, field: string): ResolvedCriterion {
    const byId = this.byExternalId.get(value) as CriterionHead | undefined
    if (byId) return this.load(byId)
    const named = this.named(value)
    if (named.length === 1) return this.load(named[0])
    if (named.length === 0) {
      throw inputError(this.input, position, field, value, 'unknown-criterion')
    }
    const candidates = named.map((head) => `${head.externalId} (${firstRubricLine(this.load(head).levels)})`)
    throw inputError(
      this.input,
      position,
      field,
      value,
      'ambiguous-criterion',
      { count: named.length, candidates: candidates.join('; ') },
    )
  }

  /** Name + rubric: the first criterion of this name with the same levels, else a new one. */
  private findOrCreateVariant(value: string, name: string, levels: CriterionLevel[], position: number, field: string): ResolvedCriterion {
    const named = this.named(value)
    for (const head of named) {
      const candidate = this.load(head)
      if (sameLevels(candidate.levels, levels)) return candidate
    }
    let externalId = value
    if (named.length > 0 || this.byExternalId.get(value)) {
      externalId = `${value} #${createHash('sha256').update(formatRubricLines(levels)).digest('hex').slice(0, 8)}`
      if (this.byExternalId.get(externalId)) {
        throw inputError(this.input, position, field, value, 'criterion-id-taken', { id: externalId }, 'conflict')
      }
    }
    return this.create(externalId, name, levels)
  }

  private named(name: string): CriterionHead[] {
    if (!this.byNameKey) {
      this.byNameKey = new Map()
      for (const head of this.allHeads.all() as CriterionHead[]) this.index(head)
    }
    return this.byNameKey.get(identityKey(name)) ?? []
  }

  private index(head: CriterionHead): void {
    const key = identityKey(head.name)
    const heads = this.byNameKey?.get(key)
    if (heads) heads.push(head)
    else this.byNameKey?.set(key, [head])
  }

  private create(externalId: string, name: string, levels: CriterionLevel[]): ResolvedCriterion {
    const id = this.insertCriterion.get(externalId, name) as number
    for (const level of levels) this.insertLevel.run(id, level.score, level.text)
    this.index({ id, externalId, name })
    return { id, externalId, name, levels, agreed: new Set() }
  }

  private load(head: CriterionHead): ResolvedCriterion {
    const levels = this.levelsOf.all(head.id) as CriterionLevel[]
    return { ...head, levels, agreed: new Set() }
  }
}

/** A candidate's rubric in a message: its first level, shortened. */
function firstRubricLine(levels: readonly CriterionLevel[]): string {
  const line = formatRubricLines(levels.slice(0, 1))
  return line.length > 80 ? `${line.slice(0, 79)}…` : line
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
