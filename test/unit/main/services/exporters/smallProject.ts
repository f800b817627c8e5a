import path from 'node:path'
import { openProject, type Db } from '../../../../../src/main/services/db'

/** The rubric of «Правильность ответа» as the Pollux-4B-Judge model card gives it. */
export const cardLevels = [
  { score: 0, text: 'Дан неправильный ответ или ответ отсутствует.' },
  { score: 1, text: 'Ответ модели неполный (не на все вопросы задания получен ответ, в формулировке ответа отсутствует часть информации).' },
  { score: 2, text: 'Ответ модели совпадает с эталонным или эквивалентен ему.' },
]

/** Expected counts of the small project below. */
export const smallCounts = { instructions: 2, responses: 3, criteria: 2, items: 4, annotators: 3, annotations: 8, judgments: 2, judgmentErrors: 0 }

/**
 * A hand-made project written with plain SQL (no importer involved):
 * - item 1: i1 / m-good / correct — A 2, B 1, C 2 (draft); judge 2; gold 2
 * - item 2: i1 / m-good / format  — A 0, B not applicable
 * - item 3: i1 / m-bad / correct  — A 0, B 0 (no rationale), C 1; judge 0
 * - item 4: i2 / m-good / correct — no scores at all
 */
export function createSmallProject(dir: string, name = 'small.castor'): { file: string; db: Db } {
  const file = path.join(dir, name)
  const db = openProject(file, { create: true })
  db.exec(`
    INSERT INTO instructions (id, external_id, text, reference_answer, task_path, difficulty, domain) VALUES
      (1, 'i1', 'Сколько будет 2+2?', '4', 'QA / Fact checking', 'easy', 'Математика'),
      (2, 'i2', 'Напиши "привет", с запятой, и\nпереводом строки', NULL, NULL, NULL, NULL);
    INSERT INTO responses (id, instruction_id, model, text) VALUES
      (1, 1, 'm-good', 'Будет 4'), (2, 1, 'm-bad', 'Будет 5'), (3, 2, 'm-good', 'Привет, "мир"!');
    INSERT INTO criteria (id, external_id, name, group_name) VALUES
      (1, 'correct_answer__14', 'Правильность ответа', 'Task-specific'),
      (2, 'narushenie_formata', 'Есть ли критичное нарушение формата?', 'Critical');
    INSERT INTO criterion_levels (criterion_id, score, text) VALUES
      (1, 0, '${cardLevels[0].text}'), (1, 1, '${cardLevels[1].text}'), (1, 2, '${cardLevels[2].text}'),
      (2, 0, 'Ответ читаем.'), (2, 1, 'Ответ нечитаем.');
    INSERT INTO items (id, response_id, criterion_id, gold_score) VALUES (1, 1, 1, 2), (2, 1, 2, NULL), (3, 2, 1, NULL), (4, 3, 1, NULL);
    INSERT INTO annotators (id, name) VALUES (1, 'A'), (2, 'B'), (3, 'C');
    INSERT INTO annotations (item_id, annotator_id, score, not_applicable, rationale, status) VALUES
      (1, 1, 2, 0, 'Верно', 'submitted'), (1, 2, 1, 0, 'Неполно', 'submitted'), (1, 3, 2, 0, 'Черновик', 'draft'),
      (2, 1, 0, 0, 'Читаемо', 'submitted'), (2, 2, NULL, 1, 'Не о том', 'submitted'),
      (3, 1, 0, 0, 'Неверно', 'submitted'), (3, 2, 0, 0, NULL, 'submitted'), (3, 3, 1, 0, 'Частично', 'submitted');
    INSERT INTO judge_runs (id, name, model) VALUES (1, 'judge-x', 'pollux-judge-7b');
    INSERT INTO judgments (run_id, item_id, score, rationale) VALUES (1, 1, 2, 'Совпадает'), (1, 3, 0, 'Не совпадает');
  `)
  return { file, db }
}
