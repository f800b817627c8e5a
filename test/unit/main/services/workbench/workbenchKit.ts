import path from 'node:path'
import { afterEach } from 'vitest'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { tempDir } from '../../../../helpers/tempDir'

export interface KitOptions {
  answers: number
  /** Criteria per answer (each answer is scored on all of them). */
  criteria?: number
  /** Task path of each answer's instruction, by answer index. */
  taskOf?: (index: number) => string
}

/**
 * A fresh project with `answers` answers (one instruction each), scored on `criteria` criteria with levels 0/1/2,
 * written by plain SQL. Criterion c is in group "g<c>".
 */
export function makeWorkbenchProject(options: KitOptions): { db: Db; file: string; responseIds: number[]; criterionIds: number[] } {
  const file = path.join(tempDir('castor-wb-'), 'wb.castor')
  const db = openProject(file, { create: true })
  const criteria = options.criteria ?? 2
  const criterionIds: number[] = []
  db.transaction(() => {
    for (let c = 0; c < criteria; c++) {
      const id = Number(db.prepare('INSERT INTO criteria (external_id, name, group_name) VALUES (?, ?, ?)').run(`c${c}`, `Критерий ${c}`, `g${c}`).lastInsertRowid)
      for (const score of [0, 1, 2]) db.prepare('INSERT INTO criterion_levels (criterion_id, score, text) VALUES (?, ?, ?)').run(id, score, `уровень ${score}`)
      criterionIds.push(id)
    }
  })()
  const responseIds: number[] = []
  db.transaction(() => {
    for (let i = 0; i < options.answers; i++) {
      const instructionId = Number(
        db
          .prepare('INSERT INTO instructions (external_id, text, reference_answer, task_path) VALUES (?, ?, ?, ?)')
          .run(`q${i}`, `Вопрос ${i}`, `Эталон ${i}`, options.taskOf?.(i) ?? 'QA / Math').lastInsertRowid,
      )
      const responseId = Number(db.prepare('INSERT INTO responses (instruction_id, model, text) VALUES (?, ?, ?)').run(instructionId, 'model-a', `Ответ ${i}`).lastInsertRowid)
      for (const criterionId of criterionIds) db.prepare('INSERT INTO items (response_id, criterion_id) VALUES (?, ?)').run(responseId, criterionId)
      responseIds.push(responseId)
    }
  })()
  return { db, file, responseIds, criterionIds }
}

export function itemsOf(db: Db, responseId: number): number[] {
  return db.prepare('SELECT id FROM items WHERE response_id = ? ORDER BY id').pluck().all(responseId) as number[]
}

/** A list whose projects are closed after each test of the file. Call at the top level of a test file. */
export function closedAfterEach(): Db[] {
  const open: Db[] = []
  afterEach(() => {
    for (const db of open.splice(0)) db.close()
  })
  return open
}

/** `makeWorkbenchProject` whose projects go into `open` (closed after each test). */
export function closingProjects(open: Db[] = closedAfterEach()): (options: KitOptions) => ReturnType<typeof makeWorkbenchProject> {
  return (options) => {
    const made = makeWorkbenchProject(options)
    open.push(made.db)
    return made
  }
}
