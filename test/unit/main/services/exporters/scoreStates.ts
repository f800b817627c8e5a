import type { Db } from '../../../../../src/main/services/db'

/** Texts a spreadsheet would run as formulas, and one with a genuine leading quote: they must come back exactly. */
export const formulaTexts = ['=HYPERLINK("http://evil.example","клик")', '-1+2', '@SUM(A1:A2)', '\tx', "'=уже с кавычкой", '+7 (900) 000-00-00', '\rcr']

/**
 * The small project plus what a long export must keep beyond the latest scores: active time, a revised annotation
 * (its blind first submission), a failed judgment with its error, score probabilities, a final score and a
 * not-applicable final score, and texts that a spreadsheet would take for formulas.
 */
export function addScoreStates(db: Db): void {
  db.exec(`
    UPDATE annotations SET time_spent_ms = 41000 WHERE annotator_id = 1;
    INSERT INTO annotation_revisions (annotation_id, revision, score, not_applicable, rationale, status)
      SELECT id, 1, 1, 0, 'Сначала частично', 'submitted' FROM annotations WHERE item_id = 3 AND annotator_id = 1;
    INSERT INTO annotation_revisions (annotation_id, revision, score, not_applicable, rationale, status)
      SELECT id, 1, NULL, 1, 'Сначала не о том', 'submitted' FROM annotations WHERE item_id = 1 AND annotator_id = 2;
    INSERT INTO judgments (run_id, item_id, score, rationale, error) VALUES (1, 2, NULL, NULL, 'the prompt (841 tokens) plus 4096 output tokens does not fit');
    UPDATE judgments SET score_probabilities = '{"0":0.1,"1":0.2,"2":0.7}' WHERE item_id = 1;
    INSERT INTO adjudications (item_id, score, not_applicable, note, adjudicator) VALUES (1, 2, 0, 'по эталону', 'Owner'), (3, NULL, 1, NULL, 'Owner');
  `)
  const setRationale = db.prepare('UPDATE annotations SET rationale = ? WHERE item_id = ? AND annotator_id = ?')
  setRationale.run(formulaTexts[0], 2, 1)
  setRationale.run(formulaTexts[1], 1, 2)
  setRationale.run(formulaTexts[2], 3, 3)
  setRationale.run(formulaTexts[4], 1, 1)
  setRationale.run(formulaTexts[6], 3, 1)
  db.prepare('UPDATE judgments SET rationale = ? WHERE item_id = 3').run(formulaTexts[3])
  db.prepare('UPDATE responses SET text = ? WHERE id = 3').run(formulaTexts[5])
}

/** Every score with everything it carries, as comparable text (no ids, no timestamps). */
export function scoreTuples(db: Db): string[] {
  const rows = db
    .prepare(
      `SELECT json_array(i.external_id, r.model, r.text, c.external_id, s.who, s.score, s.na, s.rationale, s.extra) AS tuple
         FROM (SELECT a.item_id, 'annotator:' || an.name AS who, a.score, a.not_applicable AS na, a.rationale,
                      json_array(a.status, a.time_spent_ms, f.revision, f.score, f.not_applicable, f.rationale,
                                 (SELECT count(*) FROM annotation_revisions x WHERE x.annotation_id = a.id)) AS extra
                 FROM annotations a JOIN annotators an ON an.id = a.annotator_id
                 LEFT JOIN annotation_revisions f ON f.annotation_id = a.id AND f.revision = 1
               UNION ALL
               SELECT j.item_id, 'judge:' || jr.name, j.score, j.not_applicable, j.rationale, json_array(j.error, j.score_probabilities)
                 FROM judgments j JOIN judge_runs jr ON jr.id = j.run_id) s
         JOIN items it ON it.id = s.item_id JOIN responses r ON r.id = it.response_id
         JOIN instructions i ON i.id = r.instruction_id JOIN criteria c ON c.id = it.criterion_id`,
    )
    .pluck()
    .all() as string[]
  return rows.sort()
}

/** Final scores by instruction, model and criterion. */
export function finalTuples(db: Db): unknown[] {
  return db
    .prepare(
      `SELECT i.external_id, r.model, c.external_id AS criterion, a.score, a.not_applicable, coalesce(a.note, '') AS note
         FROM adjudications a JOIN items it ON it.id = a.item_id JOIN responses r ON r.id = it.response_id
         JOIN instructions i ON i.id = r.instruction_id JOIN criteria c ON c.id = it.criterion_id
        ORDER BY 1, 2, 3`,
    )
    .all()
}
