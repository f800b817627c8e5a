import { openProject, type Db } from '../../src/main/services/db'
import { generator } from '../../src/main/services/analytics/engine/bootstrap'

/**
 * A complete synthetic project (every item has all its expert scores) with judges of known quality, written by plain
 * SQL into a real SQLite file: the simulation's and the estimates' test data.
 * - true score T ∈ {0, 1, 2} per item, better models score higher on average;
 * - each expert is right with probability `expertAccuracy`, else one of the two other scores;
 * - run "judge": calibrated probabilities: its top probability q ~ 0.4 + 0.6·√U, right with probability q;
 * - run "noise": uniform random probabilities (a useless judge);
 * - runs "vote-1" … "vote-n": scores only, each right with probability 0.75 (a committee).
 */
export interface CompleteProjectOptions {
  instructions: number
  models?: number
  criteria?: number
  experts?: number
  expertAccuracy?: number
  committee?: number
  seed?: number
}

export function writeCompleteProject(file: string, options: CompleteProjectOptions): void {
  const db = openProject(file, { create: true })
  try {
    fillCompleteProject(db, options)
  } finally {
    db.close()
  }
}

const other = (t: number, random: () => number) => [0, 1, 2].filter((s) => s !== t)[random() < 0.5 ? 0 : 1]

export function fillCompleteProject(db: Db, options: CompleteProjectOptions): void {
  const random = generator(options.seed ?? 1)
  const models = options.models ?? 3
  const criteria = options.criteria ?? 2
  const experts = options.experts ?? 2
  const accuracy = options.expertAccuracy ?? 0.85
  const committee = options.committee ?? 0
  db.transaction(() => {
    const criterionIds = Array.from({ length: criteria }, (_, c) => {
      const id = Number(db.prepare('INSERT INTO criteria (external_id, name) VALUES (?, ?)').run(`c${c}`, `Критерий ${c + 1}`).lastInsertRowid)
      for (const score of [0, 1, 2]) db.prepare('INSERT INTO criterion_levels (criterion_id, score, text) VALUES (?, ?, ?)').run(id, score, `уровень ${score}`)
      return id
    })
    const annotatorIds = Array.from({ length: experts }, (_, e) => Number(db.prepare('INSERT INTO annotators (name) VALUES (?)').run(`Эксперт ${e + 1}`).lastInsertRowid))
    const run = (name: string) => Number(db.prepare('INSERT INTO judge_runs (name, model) VALUES (?, ?)').run(name, name).lastInsertRowid)
    const judgeRun = run('judge')
    const noiseRun = run('noise')
    const voteRuns = Array.from({ length: committee }, (_, v) => run(`vote-${v + 1}`))
    const instruction = db.prepare('INSERT INTO instructions (external_id, text) VALUES (?, ?)')
    const response = db.prepare('INSERT INTO responses (instruction_id, model, text) VALUES (?, ?, ?)')
    const item = db.prepare('INSERT INTO items (response_id, criterion_id) VALUES (?, ?)')
    const annotation = db.prepare("INSERT INTO annotations (item_id, annotator_id, score, not_applicable, status) VALUES (?, ?, ?, 0, 'submitted')")
    const judgment = db.prepare('INSERT INTO judgments (run_id, item_id, score, score_probabilities) VALUES (?, ?, ?, ?)')
    for (let i = 0; i < options.instructions; i++) {
      const instructionId = Number(instruction.run(`q${i + 1}`, `Задание ${i + 1}`).lastInsertRowid)
      for (let m = 0; m < models; m++) {
        const responseId = Number(response.run(instructionId, `model-${m + 1}`, `Ответ ${m + 1}`).lastInsertRowid)
        for (const criterionId of criterionIds) {
          const itemId = Number(item.run(responseId, criterionId).lastInsertRowid)
          // model m: P(T = 2) grows, P(T = 0) shrinks with m
          const u = random()
          const low = Math.max(0.05, 0.35 - 0.1 * m)
          const high = Math.min(0.8, 0.2 + 0.15 * m)
          const t = u < low ? 0 : u < 1 - high ? 1 : 2
          for (const annotatorId of annotatorIds) annotation.run(itemId, annotatorId, random() < accuracy ? t : other(t, random))
          const q = 0.4 + 0.6 * Math.sqrt(random())
          const top = random() < q ? t : other(t, random)
          const p = [0, 1, 2].map((s) => (s === top ? q : (1 - q) / 2))
          judgment.run(judgeRun, itemId, top, JSON.stringify({ '0': p[0], '1': p[1], '2': p[2] }))
          const raw = [random(), random(), random()]
          const sum = raw[0] + raw[1] + raw[2]
          const noise = raw.map((x) => x / sum)
          judgment.run(noiseRun, itemId, noise.indexOf(Math.max(...noise)), JSON.stringify({ '0': noise[0], '1': noise[1], '2': noise[2] }))
          for (const voteRun of voteRuns) judgment.run(voteRun, itemId, random() < 0.75 ? t : other(t, random), null)
        }
      }
    }
  })()
}
