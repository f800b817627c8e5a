import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openProject } from '../../../src/main/services/db'
import { runCli } from '../../helpers/cli'
import { tempDir } from '../../helpers/tempDir'

/** Two answers × one criterion (levels 0–2), two experts; the second item has a final score of 1. */
function project(): { file: string; items: number[] } {
  const dir = tempDir()
  const file = path.join(dir, 'c.castor')
  const rows = [0, 1].flatMap((index) =>
    ['Анна', 'Борис'].map((annotator) => ({
      instruction_id: `q${index}`,
      instruction: `Вопрос ${index}`,
      model: 'M1',
      answer: `Ответ ${index}`,
      criterion: 'c1',
      criterion_name: 'Точность',
      rubric: { '0': 'плохо', '1': 'средне', '2': 'хорошо' },
      annotator,
      score: annotator === 'Анна' ? 0 : 2,
      ...(index === 1 ? { final_status: 'scored', final_score: 1 } : {}),
    })),
  )
  const input = path.join(dir, 'rows.jsonl')
  fs.writeFileSync(input, rows.map((row) => JSON.stringify(row)).join('\n') + '\n')
  expect(runCli(['init', file]).status).toBe(0)
  const imported = runCli(['import', file, input, '--format', 'generic-jsonl'])
  expect(imported.status, imported.stderr).toBe(0)
  const db = openProject(file, { readOnly: true })
  try {
    return { file, items: db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[] }
  } finally {
    db.close()
  }
}

const controlsIn = (file: string) => {
  const db = openProject(file, { readOnly: true })
  try {
    return db.prepare('SELECT item_id AS itemId, score, note, source FROM control_items ORDER BY item_id').all()
  } finally {
    db.close()
  }
}

describe('castor controls', () => {
  it('marks (typed or from the final score), lists and unmarks control items', () => {
    const { file, items } = project()
    const [first, second] = items
    expect(runCli(['controls', 'list', file]).stdout.trim()).toBe('No control items.')

    const typed = runCli(['controls', 'set', file, String(first), '2', '--note', 'по эталону', '--json'])
    expect(typed.status, typed.stderr).toBe(0)
    expect(JSON.parse(typed.stdout)).toMatchObject({ itemId: first, score: 2, note: 'по эталону', source: 'typed', criterionName: 'Точность', model: 'M1' })
    const fromFinal = runCli(['controls', 'set', file, String(second), 'final'])
    expect(fromFinal.status, fromFinal.stderr).toBe(0)
    expect(fromFinal.stdout).toContain('adjudication')

    expect(JSON.parse(runCli(['controls', 'list', file, '--json']).stdout)).toMatchObject([
      { itemId: first, score: 2, source: 'typed' },
      { itemId: second, score: 1, source: 'adjudication' },
    ])
    const text = runCli(['controls', 'list', file]).stdout.trim().split('\n')
    expect(text).toHaveLength(2)
    expect(text[0]).toMatch(new RegExp(`^\\s*${first}\\s+2\\s+Точность\\s+M1\\s+typed\\s+по эталону$`))

    const removed = runCli(['controls', 'remove', file, String(first), '--json'])
    expect(removed.status, removed.stderr).toBe(0)
    expect(JSON.parse(removed.stdout)).toEqual({ itemId: first, removed: true })
    expect(controlsIn(file)).toEqual([{ itemId: second, score: 1, note: null, source: 'adjudication' }])
  })

  it('refuses bad input naming the item, and changes nothing', () => {
    const { file, items } = project()
    const [first] = items
    const offScale = runCli(['controls', 'set', file, String(first), '5'])
    expect(offScale.status).toBe(1)
    expect(offScale.stderr).toContain(`Item ${first} (Точность, M1): 5 is not a level of this criterion (allowed: 0, 1, 2)`)
    const noFinal = runCli(['controls', 'set', file, String(first), 'final'])
    expect(noFinal.status).toBe(1)
    expect(noFinal.stderr).toContain(`Item ${first} has no final score`)
    const missing = runCli(['controls', 'set', file, '9999', '1', '--json'])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('No item 9999')
    const notControl = runCli(['controls', 'remove', file, String(first)])
    expect(notControl.status).toBe(1)
    expect(notControl.stderr).toContain(`Item ${first} is not a control item`)
    const noItem = runCli(['controls', 'remove', file, '9999'])
    expect(noItem.status).toBe(1)
    expect(noItem.stderr).toContain('No item 9999')
    const notAnId = runCli(['controls', 'set', file, 'q0', '1'])
    expect(notAnId.status).not.toBe(0)
    expect(notAnId.stderr).toContain('must be an item id')
    expect(controlsIn(file)).toEqual([])
  })
})
