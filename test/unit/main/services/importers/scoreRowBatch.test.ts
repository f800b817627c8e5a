import { describe, expect, it } from 'vitest'
import { normaliseGenericRecord } from '../../../../../src/main/services/importers/formats/generic'
import type { ScoreRow } from '../../../../../src/main/services/importers/rows'
import { ScoreRowDecoder, ScoreRowEncoder } from '../../../../../src/main/services/importers/scoreRowBatch'
import { genericRow, logicRubric } from './importTestKit'

const input = { name: 'rows.jsonl', unit: 'line' as const }

/** Rows that repeat and vary in every way the packing treats specially. */
function rows(): ScoreRow[] {
  const records = [
    genericRow({ reference_answer: 'Эталон', task: 'QA', difficulty: 'easy', domain: 'Физика', rationale: 'Логично.' }),
    genericRow({ reference_answer: 'Эталон', task: 'QA', difficulty: 'easy', domain: 'Физика', annotator: 'Борис', score: 1 }),
    genericRow({ criterion: 'style', criterion_name: 'Стиль', rubric: '0: плохо\n1: хорошо', score: 'N/A' }),
    genericRow({ criterion: 'logic', rubric: { ...logicRubric } }),
    genericRow({ criterion: 'logic', rubric: { ...logicRubric, '2': 'Иначе.' } }),
    genericRow({ criterion: 'logic', rubric: undefined, annotator: undefined, judge: 'judge-1', score: null }),
    genericRow({ instruction_id: 7, instruction: 'Другое задание.', answer: 'Другой ответ.', annotator: undefined, score: undefined }),
    genericRow({ instruction_id: 7, instruction: 'Другое задание.', answer: 'Другой ответ.', rubric: { '0': 'Нет.', '1': { nested: true } } }),
    genericRow({ instruction_id: 7, instruction: 'Другое задание.', answer: 'Другой ответ.', rubric: { '0': 'Нет.', '1': { nested: true } } }),
    genericRow({ status: 'scored', score: 2, annotation_status: 'submitted', active_ms: 1200, first_status: 'not_applicable', first_rationale: 'Сначала.', final_status: 'scored', final_score: 1 }),
    genericRow({ annotator: undefined, judge: 'judge-2', status: 'error', score: undefined, error: 'timeout', score_probabilities: '{"0":1}' }),
  ]
  return records.map((record, index) => normaliseGenericRecord(input, record, index + 1))
}

describe('ScoreRowEncoder and ScoreRowDecoder', () => {
  it('give back every row as normalised, in order, across batches', () => {
    const encoder = new ScoreRowEncoder()
    const decoder = new ScoreRowDecoder()
    const given = rows()
    const decoded: [ScoreRow, number][] = []
    given.forEach((row, index) => {
      encoder.add(row, index + 10)
      if (index % 4 === 3) decoder.decode(structuredClone(encoder.take()), (row, position) => decoded.push([row, position]))
    })
    decoder.decode(structuredClone(encoder.take()), (row, position) => decoded.push([row, position]))
    expect(decoded).toEqual(given.map((row, index) => [row, index + 10]))
  })

  it('leaves out texts equal to the previous row and a rubric equal to its criterion’s last one', () => {
    const encoder = new ScoreRowEncoder()
    const [first, second] = rows()
    encoder.add(first, 1)
    const alone = JSON.stringify(encoder.take()).length
    encoder.add(second, 2)
    const repeated = JSON.stringify(encoder.take())
    expect(repeated).not.toContain(first.instruction.text)
    expect(repeated).not.toContain(logicRubric['2'])
    expect(repeated.length).toBeLessThan(alone / 2)
  })
})
