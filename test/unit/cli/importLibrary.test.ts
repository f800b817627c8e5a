import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli'
import { tempDir } from '../../helpers/tempDir'

describe('castor import --pollux-criteria / --pollux-tasks', () => {
  it('loads the built-in POLLUX library, then a generic file that names «Правильность ответа» with its rubric', () => {
    const dir = tempDir()
    const project = path.join(dir, 'p.castor')
    const input = path.join(dir, 'mine.jsonl')
    const row = {
      instruction_id: 'q1',
      instruction: 'Сколько будет 2+2?',
      model: 'm1',
      answer: '4',
      criterion: 'Правильность ответа',
      rubric: { '0': 'Неверно.', '1': 'Верно.' },
      annotator: 'Анна',
      score: 1,
    }
    fs.writeFileSync(input, JSON.stringify(row) + '\n')
    expect(runCli(['init', project]).status).toBe(0)
    // With no CASTOR_POLLUX_DIR: the files come from Castor's own resources/pollux, found beside its code.
    const env = { CASTOR_POLLUX_DIR: '' }
    const result = runCli(['import', project, input, '--pollux-criteria', '--pollux-tasks', '--json'], { env })
    expect(result.status, result.stderr).toBe(0)
    const done = JSON.parse(result.stdout.trim().split('\n').at(-1) as string)
    expect(done.imports.map((summary: { file: string; format: string }) => [summary.file, summary.format])).toEqual([
      ['pollux/criteria.json', 'pollux-criteria'],
      ['pollux/tasks.json', 'pollux-tasks'],
      [input, 'generic-jsonl'],
    ])
    expect(done.imports[0].added.criteria).toBe(295)
    expect(done.imports[1].added.tasks).toBe(198)
    expect(done.imports[2].added).toMatchObject({ criteria: 1, annotations: 1 })

    const text = runCli(['import', project, '--pollux-tasks'], { env })
    expect(text.status, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/pollux\/tasks\.json: 198 rows \(pollux-tasks\), nothing new/)
  })

  it('refuses an import with neither files nor a library', () => {
    const dir = tempDir()
    const project = path.join(dir, 'p.castor')
    expect(runCli(['init', project]).status).toBe(0)
    const result = runCli(['import', project])
    expect(result.status).not.toBe(0)
    expect(result.stderr).toMatch(/Nothing to import: give input files, --pollux-criteria or --pollux-tasks/)
  })
})
