import path from 'node:path'
import { openProject, type Db } from '../../../../../../src/main/services/db'
import type { DecodingParameters } from '../../../../../../src/main/services/judge/backend'
import { seedSmallProject } from '../../../../../helpers/smallProject'
import { tempDir } from '../../../../../helpers/tempDir'

export const decoding: DecodingParameters = { temperature: 0, topP: null, maxTokens: 256, constrained: false, seed: null }

/**
 * The small project plus a second criterion and a second instruction's answers: 8 items over 4 answers
 * (criteria of one answer consecutive in judging order).
 */
export function judgeProject(): { db: Db; file: string; itemIds: number[] } {
  const file = path.join(tempDir('castor-judge-'), 'judge.castor')
  const db = openProject(file, { create: true })
  seedSmallProject(db)
  const clarity = Number(db.prepare("INSERT INTO criteria (external_id, name) VALUES ('clarity', 'Ясность изложения')").run().lastInsertRowid)
  for (const [score, text] of [
    [0, 'Текст непонятен.'],
    [1, 'Есть неясные места.'],
    [2, 'Текст ясен.'],
  ] as const)
    db.prepare('INSERT INTO criterion_levels (criterion_id, score, text) VALUES (?, ?, ?)').run(clarity, score, text)
  const q2 = db.prepare("SELECT id FROM instructions WHERE external_id = 'q2'").pluck().get() as number
  for (const [model, text] of [
    ['GigaChat-Max', 'Снег на ветвях,\nтишина над рекой —\nзима пришла.'],
    ['YandexGPT-4-Pro', 'Зима. Холодно.'],
  ] as const) {
    db.prepare('INSERT INTO responses (instruction_id, model, text) VALUES (?, ?, ?)').run(q2, model, text)
  }
  const correct = db.prepare("SELECT id FROM criteria WHERE external_id = 'correct'").pluck().get() as number
  const responses = db.prepare('SELECT id FROM responses ORDER BY id').pluck().all() as number[]
  for (const responseId of responses) {
    db.prepare('INSERT OR IGNORE INTO items (response_id, criterion_id) VALUES (?, ?)').run(responseId, correct)
    db.prepare('INSERT OR IGNORE INTO items (response_id, criterion_id) VALUES (?, ?)').run(responseId, clarity)
  }
  const itemIds = db.prepare('SELECT id FROM items ORDER BY response_id, criterion_id').pluck().all() as number[]
  return { db, file, itemIds }
}
