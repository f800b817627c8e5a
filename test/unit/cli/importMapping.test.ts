import fs from 'node:fs'
import path from 'node:path'
import { parquetWriteFile } from 'hyparquet-writer'
import { describe, expect, it } from 'vitest'
import { openProject } from '../../../src/main/services/db'
import { runCli } from '../../helpers/cli'
import { tempDir } from '../../helpers/tempDir'

const info = (project: string) => JSON.parse(runCli(['info', project, '--json']).stdout) as Record<string, number>

describe('castor import --map / --map-file', () => {
  it('imports a CSV with foreign columns through --map, then a file with the same columns through the saved mapping', () => {
    const dir = tempDir()
    const project = path.join(dir, 'p.castor')
    const first = path.join(dir, 'answers.csv')
    fs.writeFileSync(first, 'qid,prompt,system,response,notes\n1,Сколько будет 2+2?,GigaChat,4,x\n2,Столица Франции?,GigaChat,Париж,\n')
    expect(runCli(['init', project]).status).toBe(0)
    const result = runCli(['import', project, first, '--map', 'instruction_id=qid,instruction=prompt,model=system,answer=response', '--json'])
    expect(result.status, result.stderr).toBe(0)
    const done = JSON.parse(result.stdout.trim().split('\n').at(-1) as string)
    expect(done.imports[0]).toMatchObject({ format: 'generic-csv', rows: 2, added: { instructions: 2, responses: 2, items: 0 } })

    const second = path.join(dir, 'more.csv')
    fs.writeFileSync(second, 'notes,response,prompt,qid,system\n,Берлин,Столица Германии?,3,GigaChat\n')
    const again = runCli(['import', project, second])
    expect(again.status, again.stderr).toBe(0)
    expect(again.stdout).toContain(`${second}: using the column mapping saved with ${first}`)
    expect(info(project)).toMatchObject({ instructions: 3, responses: 3 })
  })

  it('keeps a column as an instruction attribute with --map meta.NAME=COLUMN', () => {
    const dir = tempDir()
    const project = path.join(dir, 'p.castor')
    const file = path.join(dir, 'answers.csv')
    fs.writeFileSync(file, 'prompt,response,origin\nВопрос 1,Ответ,экзамен\nВопрос 2,Ответ,\n')
    expect(runCli(['init', project]).status).toBe(0)
    const result = runCli(['import', project, file, '--map', 'instruction=prompt,answer=response,meta.source=origin'])
    expect(result.status, result.stderr).toBe(0)
    const db = openProject(project)
    try {
      expect(db.prepare('SELECT meta FROM instructions ORDER BY id').pluck().all()).toEqual(['{"source":"экзамен"}', null])
    } finally {
      db.close()
    }
  })

  it('takes --map-file for JSONL and Parquet, and an error names the line, the column and the field', () => {
    const dir = tempDir()
    const project = path.join(dir, 'p.castor')
    const mappingFile = path.join(dir, 'mapping.json')
    fs.writeFileSync(mappingFile, JSON.stringify({ instruction: 'prompt', model: 'llm', answer: 'output' }))
    const lines = path.join(dir, 'answers.jsonl')
    fs.writeFileSync(lines, [{ prompt: 'Вопрос 1', llm: 'A', output: 'Ответ' }, { prompt: 'Вопрос 1', llm: 'B', output: 'Другой' }].map((row) => JSON.stringify(row)).join('\n') + '\n')
    const parquet = path.join(dir, 'answers.parquet')
    parquetWriteFile({
      filename: parquet,
      columnData: [
        { name: 'prompt', type: 'STRING', data: ['Вопрос 2', 'Вопрос 3'] },
        { name: 'llm', type: 'STRING', data: ['A', 'A'] },
        { name: 'output', type: 'STRING', data: ['Да', 'Нет'] },
      ],
    })
    expect(runCli(['init', project]).status).toBe(0)
    const result = runCli(['import', project, lines, parquet, '--map-file', mappingFile])
    expect(result.status, result.stderr).toBe(0)
    expect(info(project)).toMatchObject({ instructions: 3, responses: 4, items: 0 })

    const bad = path.join(dir, 'bad.jsonl')
    fs.writeFileSync(bad, [{ prompt: 'Вопрос 9', llm: 'A', output: 'Да' }, { prompt: 'Вопрос 9', llm: 'A', output: 42 }].map((row) => JSON.stringify(row)).join('\n') + '\n')
    const failed = runCli(['import', project, bad, '--map-file', mappingFile])
    expect(failed.status).not.toBe(0)
    expect(failed.stderr).toContain(`${bad}, line 2: column "output" (answer) must be text, not a number`)
    expect(info(project)).toMatchObject({ instructions: 3, responses: 4 })

    const wrong = runCli(['import', project, lines, '--map', 'question=prompt'])
    expect(wrong.status).not.toBe(0)
    expect(wrong.stderr).toMatch(/--map question=prompt: "question" is not a field; the fields are instruction_id, instruction/)
  })
})
