import fs from 'node:fs'
import path from 'node:path'
import { openProject, type Db } from '../../../../../../src/main/services/db'
import { importFile } from '../../../../../../src/main/services/importers'
import { tempDir } from '../../../../../helpers/tempDir'

export const RUBRIC = { '0': 'нет', '1': 'частично', '2': 'да' }

/** Answer i's judge opinion on c0: sure of 1 when i is even; unsure, leaning to 0, when odd. c1: always sure of 1. */
export const confidentOnC0 = (i: number) => i % 2 === 0

/**
 * A project made by importing a generic JSONL file: `answers` answers × criteria c0, c1 (levels 0/1/2), with a judge
 * run "llm" whose rows carry `probabilities` (the imported-judge path of judge-guided routing).
 */
export async function routingProject(answers: number): Promise<{ db: Db; file: string; runId: number }> {
  const dir = tempDir('castor-routing-')
  const source = path.join(dir, 'judge.jsonl')
  const rows: string[] = []
  for (let i = 0; i < answers; i++) {
    const base = { instruction_id: `q${i}`, instruction: `Вопрос ${i}`, model: i % 3 === 0 ? 'model-b' : 'model-a', answer: `Ответ ${i}`, rubric: RUBRIC }
    const c0 = confidentOnC0(i) ? { '0': 0.05, '1': 0.9, '2': 0.05 } : { '0': 0.45, '1': 0.35, '2': 0.2 }
    rows.push(JSON.stringify({ ...base, criterion: 'c0', judge: 'llm', score: confidentOnC0(i) ? 1 : 0, rationale: `судья ${i}`, probabilities: c0 }))
    rows.push(JSON.stringify({ ...base, criterion: 'c1', judge: 'llm', score: 1, rationale: `судья ${i}`, probabilities: { '0': 0.05, '1': 0.9, '2': 0.05 } }))
  }
  fs.writeFileSync(source, rows.join('\n') + '\n')
  const file = path.join(dir, 'routing.castor')
  const db = openProject(file, { create: true })
  await importFile(db, source, { format: 'generic-jsonl' })
  const runId = db.prepare("SELECT id FROM judge_runs WHERE name = 'llm'").pluck().get() as number
  return { db, file, runId }
}

/** Settings under which the thresholds are reachable on routingProject(80). */
export const routingSettings = (runId: number) => ({
  policy: 'judge-guided' as const,
  judgeRunIds: [runId],
  calibrationSize: 40,
  minItems: 10,
  alpha: 0.2,
  delta: 0.1,
  maxExperts: 3,
})

/** The answer index (q<i>) of a response. */
export const answerIndex = (db: Db, responseId: number): number =>
  Number((db.prepare('SELECT i.external_id FROM responses r JOIN instructions i ON i.id = r.instruction_id WHERE r.id = ?').pluck().get(responseId) as string).slice(1))
