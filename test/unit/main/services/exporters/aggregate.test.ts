import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { exportProject } from '../../../../../src/main/services/exporters'
import { markControl } from '../../../../../src/main/services/workbench/controls'
import { mean, median } from '../../../../../src/main/services/exporters/scoreStats'
import { tempDir } from '../../../../helpers/tempDir'
import { createSmallProject } from './smallProject'
import { addScoreStates } from './scoreStates'

describe('aggregate export', () => {
  it('writes per-item scores, n, mean and median of submitted applicable scores, gold and judges', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    const out = path.join(dir, 'agg.jsonl')
    const result = await exportProject(db, 'aggregate', out)
    db.close()
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(result.rows).toBe(4)
    expect(lines).toEqual([
      { instruction_id: 'i1', model: 'm-good', criterion: 'correct_answer__14', scores: { A: 2, B: 1 }, n: 2, mean: 1.5, median: 1.5, gold_score: 2, mace_label: 2, control: false, control_score: null, judges: { 'judge-x': 2 } },
      { instruction_id: 'i1', model: 'm-good', criterion: 'narushenie_formata', scores: { A: 0, B: null }, n: 1, mean: 0, median: 0, gold_score: null, mace_label: 0, control: false, control_score: null, judges: {} },
      { instruction_id: 'i1', model: 'm-bad', criterion: 'correct_answer__14', scores: { A: 0, B: 0, C: 1 }, n: 3, mean: 1 / 3, median: 0, gold_score: null, mace_label: 0, control: false, control_score: null, judges: { 'judge-x': 0 } },
      { instruction_id: 'i2', model: 'm-good', criterion: 'correct_answer__14', scores: {}, n: 0, mean: null, median: null, gold_score: null, mace_label: null, control: false, control_score: null, judges: {} },
    ])
  })

  it('writes CSV with a column per annotator and per judge when the path ends in .csv', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    const out = path.join(dir, 'agg.csv')
    await exportProject(db, 'aggregate', out)
    db.close()
    const rows = parse(fs.readFileSync(out, 'utf8'), { bom: true }) as string[][]
    expect(rows[0]).toEqual(['instruction_id', 'model', 'criterion', 'A', 'B', 'C', 'n', 'mean', 'median', 'gold_score', 'final_score', 'final_note', 'mace_label', 'control', 'control_score', 'judge:judge-x'])
    expect(rows[1]).toEqual(['i1', 'm-good', 'correct_answer__14', '2', '1', '', '2', '1.5', '1.5', '2', '', '', '2', 'false', '', '2'])
    expect(rows[2]).toEqual(['i1', 'm-good', 'narushenie_formata', '0', 'N/A', '', '1', '0', '0', '', '', '', '0', 'false', '', ''])
    expect(rows[4]).toEqual(['i2', 'm-good', 'correct_answer__14', '', '', '', '0', '', '', '', '', '', '', 'false', '', ''])
  })

  it("carries the lead's final score and keeps a failed judgment apart from scores and N/A", async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    addScoreStates(db)
    await exportProject(db, 'aggregate', path.join(dir, 'agg.jsonl'))
    await exportProject(db, 'aggregate', path.join(dir, 'agg.csv'))
    db.close()
    const lines = fs.readFileSync(path.join(dir, 'agg.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines[0]).toMatchObject({ gold_score: 2, final_score: 2, final_note: 'по эталону', judges: { 'judge-x': 2 } })
    expect(lines[1]).toMatchObject({ judges: {}, judge_errors: { 'judge-x': 'the prompt (841 tokens) plus 4096 output tokens does not fit' } })
    expect(lines[1]).not.toHaveProperty('final_score')
    expect(lines[2]).toMatchObject({ final_score: null, judges: { 'judge-x': 0 } })
    const rows = parse(fs.readFileSync(path.join(dir, 'agg.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[]
    expect(rows.map((r) => [r.final_score, r.final_note, r['judge:judge-x']])).toEqual([
      ['2', 'по эталону', '2'],
      ['', '', 'error'],
      ['N/A', '', '0'],
      ['', '', ''],
    ])
  })

  it('says which items are controls and their reference score (JSON lines and CSV)', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    markControl(db, { itemId: 4, score: 1, note: 'эталон' }, 'lead')
    await exportProject(db, 'aggregate', path.join(dir, 'agg.jsonl'))
    await exportProject(db, 'aggregate', path.join(dir, 'agg.csv'))
    db.close()
    const lines = fs.readFileSync(path.join(dir, 'agg.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.map((line) => [line.control, line.control_score])).toEqual([
      [false, null],
      [false, null],
      [false, null],
      [true, 1],
    ])
    const rows = parse(fs.readFileSync(path.join(dir, 'agg.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[]
    expect(rows.map((r) => [r.control, r.control_score])).toEqual([
      ['false', ''],
      ['false', ''],
      ['false', ''],
      ['true', '1'],
    ])
  })

  it('computes the median of even and odd counts and nothing for no scores', () => {
    expect(median([2, 0, 1])).toBe(1)
    expect(median([0, 2, 1, 2])).toBe(1.5)
    expect(median([])).toBeNull()
    expect(mean([0, 1, 2, 2])).toBe(1.25)
    expect(mean([])).toBeNull()
  })
})
