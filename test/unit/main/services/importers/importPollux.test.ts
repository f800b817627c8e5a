import fs from 'node:fs'
import path from 'node:path'
import { parquetWriteFile } from 'hyparquet-writer'
import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { polluxInstructionId } from '../../../../../src/main/services/importers/formats/polluxRows'
import { expectImportError, fixture, jsonl, newProject, polluxFile, tableCounts } from './importTestKit'

let db: Db
afterEach(() => db?.close())

function levelHistogram(): Record<string, number> {
  const rows = db
    .prepare(
      "SELECT scale, count(*) AS n FROM (SELECT group_concat(score, ',') AS scale FROM (SELECT criterion_id, CAST(score AS INTEGER) AS score FROM criterion_levels ORDER BY criterion_id, score) GROUP BY criterion_id) GROUP BY scale",
    )
    .all() as { scale: string; n: number }[]
  return Object.fromEntries(rows.map((row) => [row.scale, row.n]))
}

describe('importFile, POLLUX taxonomies', () => {
  it('imports criteria.json: 295 criteria in Russian with their scales and English translations', async () => {
    ;({ db } = newProject())
    const summary = await importFile(db, polluxFile('criteria.json'))
    expect(summary.format).toBe('pollux-criteria')
    expect(summary.rows).toBe(295)
    expect(summary.added.criteria).toBe(295)
    // 248 criteria with three levels (0–2), 26 with two (0–1), 9 with four (0–3), 12 with five (0–4);
    // creativity__3 is one of the 248, but its ru levels are keyed 1–3.
    const histogram = levelHistogram()
    expect(histogram).toEqual({ '0,1,2': 247, '1,2,3': 1, '0,1': 26, '0,1,2,3': 9, '0,1,2,3,4': 12 })
    const byLevelCount = db.prepare('SELECT n, count(*) AS criteria FROM (SELECT count(*) AS n FROM criterion_levels GROUP BY criterion_id) GROUP BY n ORDER BY n').all()
    expect(byLevelCount).toEqual([
      { n: 2, criteria: 26 },
      { n: 3, criteria: 248 },
      { n: 4, criteria: 9 },
      { n: 5, criteria: 12 },
    ])
    const criterion = db.prepare("SELECT name, description, group_name, language, translations FROM criteria WHERE external_id = 'narushenie_formata'").get() as Record<string, string>
    expect(criterion.name).toMatch(/^Есть ли критичное нарушение формата/)
    expect(criterion.group_name).toBe('Критические')
    expect(criterion.language).toBe('ru')
    const en = JSON.parse(criterion.translations).en
    expect(en.name).toMatch(/^Is there a critical format violation/)
    expect(en.group).toBe('Critical')
    expect(Object.keys(en.levels)).toEqual(['0', '1'])
    const creativity = db.prepare("SELECT l.score FROM criterion_levels l JOIN criteria c ON c.id = l.criterion_id WHERE c.external_id = 'creativity__3' ORDER BY l.score").pluck().all()
    expect(creativity).toEqual([1, 2, 3])
  })

  it('imports tasks.json as a tree of 198 nodes with 152 leaves', async () => {
    ;({ db } = newProject())
    const summary = await importFile(db, polluxFile('tasks.json'))
    expect(summary.format).toBe('pollux-tasks')
    // The summary counts what was added: a taxonomy adds tasks only (it once said "nothing new").
    expect(summary.rows).toBe(198)
    expect(summary.added).toEqual({ instructions: 0, responses: 0, criteria: 0, items: 0, annotators: 0, annotations: 0, judgments: 0, judgmentErrors: 0, judgeRuns: 0, tasks: 198 })
    const byLevel = db.prepare('SELECT level, count(*) AS n FROM tasks GROUP BY level ORDER BY level').all()
    expect(byLevel).toEqual([
      { level: 1, n: 8 },
      { level: 2, n: 35 },
      { level: 3, n: 105 },
      { level: 4, n: 50 },
    ])
    const leaves = db.prepare('SELECT count(*) FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_path = t.path)').pluck().get()
    expect(leaves).toBe(152)
    expect(db.prepare('SELECT count(*) FROM tasks WHERE criteria IS NOT NULL').pluck().get()).toBe(152)
    const editing = db.prepare("SELECT parent_path, level, name_en, name_ru, has_gold, criteria, complexity FROM tasks WHERE path = 'Text Transformation / Editing'").get() as Record<string, unknown>
    expect(editing).toMatchObject({ parent_path: 'Text Transformation', level: 2, name_en: 'Editing', name_ru: 'Отредактировать текст', has_gold: 1 })
    expect(JSON.parse(editing.criteria as string)).toContain('narushenie_formata')
    expect(JSON.parse(editing.complexity as string).easy.en).toMatch(/^The texts are short/)
    expect(db.prepare("SELECT level FROM tasks WHERE path = 'Text-Based Generation / Text analysis (objective) / General analysis / Scientific text'").pluck().get()).toBe(4)
  })

  it('changes nothing when the taxonomies are imported twice', async () => {
    ;({ db } = newProject())
    await importFile(db, polluxFile('criteria.json'))
    await importFile(db, polluxFile('tasks.json'))
    const levels = db.prepare('SELECT * FROM criterion_levels ORDER BY criterion_id, score').all()
    const tasks = db.prepare('SELECT * FROM tasks ORDER BY id').all()
    const before = tableCounts(db)
    const changes = db.prepare('SELECT total_changes()').pluck()
    const changedBefore = changes.get() as number
    await importFile(db, polluxFile('criteria.json'))
    await importFile(db, polluxFile('tasks.json'))
    // Only the two rows of the imports table (insert + summary update each) were written.
    expect((changes.get() as number) - changedBefore).toBe(4)
    expect(tableCounts(db)).toEqual({ ...before, imports: before.imports + 2 })
    expect(db.prepare('SELECT * FROM criterion_levels ORDER BY criterion_id, score').all()).toEqual(levels)
    expect(db.prepare('SELECT * FROM tasks ORDER BY id').all()).toEqual(tasks)
  })

  it('refuses a criteria.json entry without a Russian scale, naming the record and field', async () => {
    const project = newProject()
    db = project.db
    const file = path.join(project.dir, 'criteria.json')
    fs.writeFileSync(file, JSON.stringify({ ok: { name: { ru: 'Хорошо', en: 'Good' }, scale: { ru: { '0': 'a', '1': 'b' } } }, broken: { name: { ru: 'Плохо' }, scale: { en: { '0': 'x' } } } }, null, 2))
    await expectImportError(db, file, { code: 'invalid-input', line: 2, field: 'broken.scale.ru', message: /record 2/ })
  })
})

const experts = ['expert_1', 'expert_2']

describe('importFile, POLLUX rows', () => {
  it('imports the POLLUX rows fixture, keying instructions by text hash and criteria by name + rubric', async () => {
    ;({ db } = newProject())
    const summary = await importFile(db, fixture('pollux-rows.jsonl'))
    expect(summary.format).toBe('pollux-jsonl')
    expect(summary.added).toEqual({ instructions: 2, responses: 2, criteria: 3, items: 4, annotators: 3, annotations: 8, judgments: 0, judgmentErrors: 0, judgeRuns: 0, tasks: 0 })
    const externalIds = db.prepare('SELECT external_id FROM instructions ORDER BY id').pluck().all()
    expect(externalIds).toEqual([polluxInstructionId('Напиши рассказ о море.'), polluxInstructionId('Напиши хокку о снеге.')])
    expect(externalIds[0]).toMatch(/^pollux:[0-9a-f]{16}$/)
    const genre = db.prepare("SELECT external_id FROM criteria WHERE name = 'Соответствие жанру' ORDER BY id").pluck().all()
    expect(genre).toEqual(['Соответствие жанру', expect.stringMatching(/^Соответствие жанру #[0-9a-f]{8}$/)])
    expect(db.prepare('SELECT task_path FROM instructions ORDER BY id').pluck().all()).toEqual(['Original Text Generation / Literary text / Short story', 'Creative Generation / Poetry'])
    expect(db.prepare('SELECT gold_score FROM items ORDER BY id').pluck().all()).toEqual([1.5, 0, 1, 0.5])
    expect(db.prepare('SELECT count(*) FROM annotations WHERE not_applicable = 1').pluck().get()).toBe(1)
    expect(db.prepare("SELECT rationale FROM annotations a JOIN annotators n ON n.id = a.annotator_id WHERE n.name = 'expert_2' AND a.score = 1").pluck().get()).toBe('Слабая концовка.')

    await importFile(db, fixture('pollux-rows.jsonl'))
    expect(tableCounts(db)).toMatchObject({ instructions: 2, responses: 2, criteria: 3, items: 4, annotators: 3, annotations: 8 })
  })

  it('reuses a taxonomy criterion whose name and levels match a POLLUX row', async () => {
    ;({ db } = newProject())
    await importFile(db, polluxFile('criteria.json'))
    const taxonomy = JSON.parse(fs.readFileSync(polluxFile('criteria.json'), 'utf8')).narushenie_formata
    const project = path.dirname(db.name)
    const file = path.join(project, 'rows.jsonl')
    const lines = Object.entries(taxonomy.scale.ru).map(([score, text]) => `${score}: ${text}`).join('\n')
    fs.writeFileSync(file, jsonl([{ instruction: 'Привет', answer: 'Здравствуйте', model_id: 'm', criteria_name: taxonomy.name.ru, rubrics: lines, criteria_score: 0 }]))
    const summary = await importFile(db, file)
    expect(summary.added.criteria).toBe(0)
    expect(db.prepare('SELECT c.external_id FROM items i JOIN criteria c ON c.id = i.criterion_id').pluck().get()).toBe('narushenie_formata')
  })

  it('accepts the expert_* aliases and aggregate-only rows', async () => {
    const project = newProject()
    db = project.db
    const file = path.join(project.dir, 'aliases.jsonl')
    const base = { instruction: 'Сколько будет 2+2?', answer: '4', model_id: 'o1', criteria_name: 'Правильность', rubrics: { '0': 'Неверно', '1': 'Верно' }, criteria_score: 1 }
    fs.writeFileSync(file, jsonl([base, ...experts.map((expert) => ({ ...base, expert_id: expert, expert_score: 1, expert_feedback: `ok ${expert}` }))]))
    const summary = await importFile(db, file, { format: 'pollux-jsonl' })
    expect(summary.added).toMatchObject({ items: 1, annotators: 2, annotations: 2 })
    expect(db.prepare('SELECT rationale FROM annotations ORDER BY id').pluck().all()).toEqual(['ok expert_1', 'ok expert_2'])
  })

  it('imports a Parquet file read row group by row group, with progress in records', async () => {
    const project = newProject()
    db = project.db
    const file = path.join(project.dir, 'pollux.parquet')
    const rows = fs
      .readFileSync(fixture('pollux-rows.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    const column = (name: string, type: 'STRING' | 'DOUBLE') => ({
      name,
      type,
      data: rows.map((row) => {
        const value = row[name]
        if (value === undefined || value === null) return null
        if (type === 'DOUBLE') return value === 'N/A' ? null : Number(value)
        return typeof value === 'object' ? JSON.stringify(value) : String(value)
      }),
    })
    parquetWriteFile({
      filename: file,
      rowGroupSize: 3,
      columnData: [
        ...['instruction', 'reference_answer', 'answer', 'model_id', 'task_type', 'task_subtype', 'task_subsubtype', 'difficulty', 'domain', 'criteria_name', 'rubrics', 'annotator', 'annotator_feedback'].map((name) => column(name, 'STRING')),
        column('criteria_score', 'DOUBLE'),
        column('annotator_score', 'DOUBLE'),
      ],
    })
    const reports: [number, number | null, number][] = []
    const summary = await importFile(db, file, { onProgress: (done, total, count) => reports.push([done, total, count]) })
    expect(summary.format).toBe('pollux-parquet')
    expect(summary.rows).toBe(8)
    expect(reports.at(-1)).toEqual([8, 8, 8])
    expect(tableCounts(db)).toMatchObject({ instructions: 2, responses: 2, criteria: 3, items: 4, annotators: 3, annotations: 8 })
    expect(db.prepare('SELECT gold_score FROM items ORDER BY id').pluck().all()).toEqual([1.5, 0, 1, 0.5])

    // The same data from JSONL into the same project adds nothing: both formats key things alike.
    const again = await importFile(db, fixture('pollux-rows.jsonl'))
    expect(Object.values(again.added).every((count) => count === 0)).toBe(true)
  })

  it('refuses a Parquet file without the POLLUX columns', async () => {
    const project = newProject()
    db = project.db
    const file = path.join(project.dir, 'other.parquet')
    parquetWriteFile({ filename: file, columnData: [{ name: 'question', type: 'STRING', data: ['a'] }] })
    await expectImportError(db, file, { code: 'invalid-input', message: /lacks the POLLUX column\(s\) instruction, answer, model_id, criteria_name/ })
  })

  it('refuses a POLLUX row score off the scale, naming the alias field', async () => {
    const project = newProject()
    db = project.db
    await importFile(db, fixture('pollux-rows.jsonl'))
    const file = path.join(project.dir, 'bad.jsonl')
    const row = JSON.parse(fs.readFileSync(fixture('pollux-rows.jsonl'), 'utf8').split('\n')[0]) as Record<string, unknown>
    fs.writeFileSync(file, jsonl([{ ...row, annotator: 'expert_9', annotator_score: 3 }]))
    await expectImportError(db, file, { code: 'invalid-input', line: 1, field: 'annotator_score', value: 3, message: /allowed \{0, 1, 2\}/ })
  })
})

describe('importFile, POLLUX instruction sets', () => {
  it('imports instructions with their criteria and meta from JSONL, then the same from a JSON array', async () => {
    ;({ db } = newProject())
    const summary = await importFile(db, fixture('instruction-set.jsonl'))
    expect(summary.format).toBe('pollux-instructions')
    expect(summary.added).toMatchObject({ instructions: 2, criteria: 3, responses: 0, items: 0 })
    expect(tableCounts(db).instruction_criteria).toBe(4)
    const first = db.prepare("SELECT task_path, difficulty, domain, meta FROM instructions WHERE external_id = '101'").get() as Record<string, string>
    expect(first).toMatchObject({ task_path: 'Original Text Generation / Literary text', difficulty: 'medium', domain: 'Литература' })
    expect(JSON.parse(first.meta).source).toBe('pollux')
    expect(db.prepare("SELECT task_path FROM instructions WHERE external_id = '102'").pluck().get()).toBe('Technical Problems / STEM exercises / Mathematics')

    const array = await importFile(db, fixture('instruction-set.json'))
    expect(array.format).toBe('pollux-instructions')
    expect(Object.values(array.added).every((count) => count === 0)).toBe(true)
    expect(tableCounts(db).instruction_criteria).toBe(4)
  })

  it('lets answers for an instruction-set instruction arrive later through the generic format', async () => {
    const project = newProject()
    db = project.db
    await importFile(db, fixture('instruction-set.jsonl'))
    const file = path.join(project.dir, 'answers.jsonl')
    fs.writeFileSync(file, jsonl([{ instruction_id: 102, instruction: 'Реши уравнение x^2 = 4.', model: 'GPT-4o', answer: 'x = 2 или x = -2', criterion: 'Правильность ответа', annotator: 'Анна', score: 2 }]))
    const summary = await importFile(db, file)
    // The answer gets an item for each criterion of the instruction's set, scored or not yet.
    const planned = db.prepare("SELECT count(*) FROM instruction_criteria ic JOIN instructions i ON i.id = ic.instruction_id WHERE i.external_id = '102'").pluck().get() as number
    expect(planned).toBeGreaterThan(1)
    expect(summary.added).toMatchObject({ instructions: 0, criteria: 0, responses: 1, items: planned, annotations: 1 })
  })

  it('takes a text meta (as in ai-forever/POLLUX-instructions) as the task', async () => {
    const project = newProject()
    db = project.db
    const file = path.join(project.dir, 'set.jsonl')
    fs.writeFileSync(file, jsonl([{ prompt_id: 7, instruction: 'Напиши сонет.', reference_answer: null, meta: 'Написать художественный текст', criteria: [{ criteria_name: 'Креативность', rubrics: '0: нет\n1: да' }] }]))
    await importFile(db, file)
    expect(db.prepare("SELECT task_path, meta FROM instructions WHERE external_id = '7'").get()).toEqual({ task_path: 'Написать художественный текст', meta: '{"meta":"Написать художественный текст"}' })
  })

  it('names the record and field of a bad criteria entry in a JSON array', async () => {
    const project = newProject()
    db = project.db
    const file = path.join(project.dir, 'set.json')
    fs.writeFileSync(file, JSON.stringify([{ prompt_id: 1, instruction: 'a', criteria: [] }, { prompt_id: 2, instruction: 'b', criteria: [{ rubrics: '0: x' }] }]))
    await expectImportError(db, file, { code: 'invalid-input', line: 2, field: 'criteria[0].criteria_name', message: /record 2/ })
  })
})
