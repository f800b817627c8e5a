import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildJudgeTarget, JUDGE_PROMPT_VERSION } from '@shared/domain/judgePrompt'
import { exportProject } from '../../../../../src/main/services/exporters'
import { tempDir } from '../../../../helpers/tempDir'
import { cardLevels, createSmallProject } from './smallProject'

/** PROMPT_TEMPLATE of the Pollux-4B-Judge model card, copied character for character (a trailing newline ends it). */
const CARD_TEMPLATE = `### Задание для оценки:
{instruction}
### Эталонный ответ:
{reference_answer}
### Ответ для оценки:
{answer}
### Критерий оценки:
{criteria_name}
### Шкала оценивания по критерию:
{criteria_rubrics}
`

/** The card's example values. */
const CARD_EXAMPLE = {
  instruction: 'Сколько будет 2+2?',
  reference_answer: '4',
  answer: 'Будет 4',
  criteria_name: 'Правильность ответа',
  criteria_rubrics: `0: Дан неправильный ответ или ответ отсутствует.
1: Ответ модели неполный (не на все вопросы задания получен ответ, в формулировке ответа отсутствует часть информации).
2: Ответ модели совпадает с эталонным или эквивалентен ему.`,
}

function fillCardTemplate(values: Record<string, string>): string {
  return CARD_TEMPLATE.replace(/\{(\w+)\}/g, (_, key: string) => values[key])
}

function readJsonl(file: string): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

describe('pollux-train export', () => {
  it('writes the model card prompt byte for byte for the card example', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    const out = path.join(dir, 'train.jsonl')
    await exportProject(db, 'pollux-train', out)
    db.close()
    const records = readJsonl(out)
    const first = records.find((record) => record.item === 1 && record.annotator === 'A')
    expect(first).toBeDefined()
    const expected = fillCardTemplate(CARD_EXAMPLE)
    expect(Buffer.from(first!.prompt as string, 'utf8').equals(Buffer.from(expected, 'utf8'))).toBe(true)
    expect(first!.prompt).toBe(expected)
    // The fixture's rubric is the card's rubric, so the example really is the card's.
    expect(cardLevels.map((l) => `${l.score}: ${l.text}`).join('\n')).toBe(CARD_EXAMPLE.criteria_rubrics)
  })

  it('writes one record per submitted, applicable annotation with a rationale', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    const out = path.join(dir, 'train.jsonl')
    const result = await exportProject(db, 'pollux-train', out)
    db.close()
    const records = readJsonl(out)
    // Left out: C's draft on item 1, B's not-applicable on item 2, B's score without rationale on item 3.
    expect(records.map((r) => `${r.item}:${r.annotator}`)).toEqual(['1:A', '1:B', '2:A', '3:A', '3:C'])
    expect(result.rows).toBe(5)
    expect(result.bytes).toBe(fs.statSync(out).size)
    const record = records[1]
    expect(record.completion).toBe('[FEEDBACK] Неполно [RESULT] 1 [END]')
    expect(record.completion).toBe(buildJudgeTarget('Неполно', 1))
    expect(record.messages).toEqual([
      { role: 'user', content: record.prompt },
      { role: 'assistant', content: record.completion },
    ])
    expect(record.criterion).toBe('correct_answer__14')
    expect(record.prompt_version).toBe(JUDGE_PROMPT_VERSION)
  })

  it('leaves the reference section empty when the instruction has none', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    db.prepare("UPDATE instructions SET reference_answer = NULL WHERE external_id = 'i1'").run()
    const out = path.join(dir, 'train.jsonl')
    await exportProject(db, 'pollux-train', out)
    db.close()
    const prompt = readJsonl(out)[0].prompt as string
    expect(prompt).toContain('### Эталонный ответ:\n\n### Ответ для оценки:\nБудет 4\n')
  })
})
