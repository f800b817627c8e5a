import type { Db } from '../../src/main/services/db'

/** Fills a fresh project with a tiny, hand-made POLLUX-like dataset by plain SQL (no importer involved). */
export function seedSmallProject(db: Db): { instructionId: number; responseIds: number[]; itemIds: number[] } {
  const instructionId = Number(
    db
      .prepare("INSERT INTO instructions (external_id, text, reference_answer, task_path, difficulty, domain) VALUES ('q1', 'Сколько будет 2+2? Ответьте 100% точно.', '4', 'QA / Math', 'easy', 'Общее')")
      .run().lastInsertRowid,
  )
  db.prepare("INSERT INTO instructions (external_id, text) VALUES ('q2', 'Напишите хокку о зиме.')").run()
  const criterionId = Number(db.prepare("INSERT INTO criteria (external_id, name, group_name) VALUES ('correct', 'Правильность ответа', 'Критические')").run().lastInsertRowid)
  const level = db.prepare('INSERT INTO criterion_levels (criterion_id, score, text) VALUES (?, ?, ?)')
  level.run(criterionId, 0, 'Дан неправильный ответ.')
  level.run(criterionId, 1, 'Ответ неполный.')
  level.run(criterionId, 2, 'Ответ верный.')
  const annotator = db.prepare('INSERT INTO annotators (name) VALUES (?)')
  const a = Number(annotator.run('Эксперт А').lastInsertRowid)
  const b = Number(annotator.run('Эксперт Б').lastInsertRowid)
  const responseIds: number[] = []
  const itemIds: number[] = []
  for (const [model, text] of [
    ['GigaChat-Max', 'Будет **4**.'],
    ['YandexGPT-4-Pro', 'Ответ: 5'],
  ] as const) {
    const responseId = Number(db.prepare('INSERT INTO responses (instruction_id, model, text) VALUES (?, ?, ?)').run(instructionId, model, text).lastInsertRowid)
    const itemId = Number(db.prepare('INSERT INTO items (response_id, criterion_id) VALUES (?, ?)').run(responseId, criterionId).lastInsertRowid)
    responseIds.push(responseId)
    itemIds.push(itemId)
  }
  const annotate = db.prepare('INSERT INTO annotations (item_id, annotator_id, score, not_applicable, rationale) VALUES (?, ?, ?, ?, ?)')
  annotate.run(itemIds[0], a, 2, 0, 'Верно.')
  annotate.run(itemIds[0], b, 1, 0, 'Без пояснения.')
  annotate.run(itemIds[1], a, 0, 0, 'Неверно.')
  annotate.run(itemIds[1], b, null, 1, null)
  const run = Number(db.prepare("INSERT INTO judge_runs (name, model) VALUES ('pollux-judge-7b', 'ai-forever/pollux-judge-7b')").run().lastInsertRowid)
  db.prepare("INSERT INTO judgments (run_id, item_id, score, rationale) VALUES (?, ?, 2, 'Ответ совпадает с эталоном.')").run(run, itemIds[0])
  return { instructionId, responseIds, itemIds }
}
