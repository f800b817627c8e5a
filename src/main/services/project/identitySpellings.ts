import { identityKey } from '@shared/domain/identity'
import type { Db } from '../db'

/** Printable ASCII is its own identity key; only other texts can have lookalike spellings. */
const PLAIN = /^[ -~]*$/
const MAX_ANSWERED = 10_000

/**
 * How a project spells each text identity of one column (annotator names, answer models, instruction ids, task
 * paths): two texts with one identityKey are one identity, and the first spelling stored stays as given. Lookups
 * stay exact SQL on the stored spelling: the column's spellings that are not plain ASCII are read once (through
 * the column's index where it has one) and kept by key; a plain one is found by its exact text.
 */
export class IdentitySpellings {
  private irregular: Map<string, string> | null = null
  /** Lookalike texts already answered, so each costs one exact lookup per import (few: they are rare). */
  private readonly answered = new Map<string, string>()
  private readonly readIrregular
  private readonly exists

  constructor(db: Db, table: string, column: string) {
    this.readIrregular = db.prepare(`SELECT ${column} FROM ${table} WHERE ${column} GLOB '*[^ -~]*'`).pluck()
    this.exists = db.prepare(`SELECT 1 FROM ${table} WHERE ${column} = ? LIMIT 1`).pluck()
  }

  /** The spelling the project holds for `text`'s identity, else `text` itself (remembered as that identity's spelling). */
  spelling(text: string): string {
    if (PLAIN.test(text)) return this.spellings().get(text) ?? text
    const known = this.answered.get(text)
    if (known !== undefined) return known
    const key = identityKey(text)
    const spellings = this.spellings()
    let spelling = spellings.get(key)
    if (spelling === undefined) {
      spelling = key !== text && PLAIN.test(key) && this.exists.get(key) ? key : text
      spellings.set(key, spelling)
    }
    if (this.answered.size >= MAX_ANSWERED) this.answered.clear()
    this.answered.set(text, spelling)
    return spelling
  }

  private spellings(): Map<string, string> {
    if (!this.irregular) {
      this.irregular = new Map()
      for (const text of this.readIrregular.iterate() as Iterable<string>) {
        const key = identityKey(text)
        if (!this.irregular.has(key)) this.irregular.set(key, text)
      }
    }
    return this.irregular
  }
}
