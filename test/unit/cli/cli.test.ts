import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { runCli, spawnCli } from '../../helpers/cli'
import { tempDir } from '../../helpers/tempDir'
import { createSmallProject, smallCounts } from '../main/services/exporters/smallProject'

const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)

function writeInput(dir: string, name: string, rows: unknown[]): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, rows.map((row) => JSON.stringify(row)).join('\n') + '\n')
  return file
}

const rubric = { '0': 'Неверно.', '1': 'Частично.', '2': 'Верно.' }
const row = (instruction: string, model: string, annotator: string, score: number | null) => ({
  instruction_id: instruction,
  instruction: `Вопрос ${instruction}`,
  model,
  answer: `Ответ ${model}`,
  criterion: 'correctness',
  rubric,
  annotator,
  score,
  rationale: 'Обоснование',
})

describe('castor CLI', () => {
  it('creates a project, imports a file and reports the counts as one JSON object', () => {
    const dir = tempDir()
    const project = path.join(dir, 'p.castor')
    const input = writeInput(dir, 'scores.jsonl', [row('q1', 'm1', 'Анна', 2), row('q1', 'm2', 'Анна', 1), row('q2', 'm1', 'Борис', null)])
    const init = runCli(['init', project])
    expect(init.status, init.stderr).toBe(0)
    const imported = runCli(['import', project, input, '--json'])
    expect(imported.status, imported.stderr).toBe(0)
    const events = jsonLines(imported.stdout)
    expect(events.at(-1)).toMatchObject({ event: 'done', counts: { instructions: 2, annotations: 3 } })
    expect(events.slice(0, -1).every((event) => event.event === 'progress')).toBe(true)
    const info = runCli(['info', project, '--json'])
    expect(info.status, info.stderr).toBe(0)
    expect(JSON.parse(info.stdout)).toEqual({ instructions: 2, responses: 3, criteria: 1, items: 3, annotators: 2, annotations: 3, judgments: 0, judgmentErrors: 0 })
  })

  it('exports every format and prints progress events and the result with --json', () => {
    const dir = tempDir()
    const { file, db } = createSmallProject(dir)
    db.close()
    const outputs = { jsonl: 'x.jsonl', csv: 'x.csv', parquet: 'x.parquet', aggregate: 'x.aggregate.jsonl', 'pollux-train': 'x.train.jsonl' }
    const expectedRows = { jsonl: 11, csv: 11, parquet: 11, aggregate: 4, 'pollux-train': 5 }
    for (const [format, name] of Object.entries(outputs)) {
      const out = path.join(dir, name)
      const result = runCli(['export', file, '--format', format, '--out', out, '--json'])
      expect(result.status, result.stderr).toBe(0)
      const events = jsonLines(result.stdout)
      expect(events.some((event) => event.event === 'progress' && event.total === smallCounts.items)).toBe(true)
      expect(events.at(-1)).toMatchObject({ event: 'done', format, path: out, rows: expectedRows[format as keyof typeof expectedRows] })
      expect(fs.statSync(out).size).toBe(events.at(-1)!.bytes)
    }
  })

  it('prints nothing but the result when stdout is not a terminal and --json is not given', () => {
    const dir = tempDir()
    const { file, db } = createSmallProject(dir)
    db.close()
    const result = runCli(['export', file, '--format', 'csv', '--out', path.join(dir, 'x.csv')])
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout.trim().split('\n')).toHaveLength(1)
    expect(result.stdout).toMatch(/^Wrote 11 rows/)
    expect(result.stderr).toBe('')
  })

  it('exits non-zero and names the file, line and field of a bad input row', () => {
    const dir = tempDir()
    const project = path.join(dir, 'p.castor')
    expect(runCli(['init', project]).status).toBe(0)
    const input = writeInput(dir, 'bad.jsonl', [row('q1', 'm1', 'Анна', 2), { ...row('q1', 'm2', 'Анна', 2), score: 7 }])
    const result = runCli(['import', project, input])
    expect(result.status).not.toBe(0)
    expect(result.stderr).toContain('bad.jsonl')
    expect(result.stderr).toMatch(/:2\b/)
    expect(result.stderr).toContain('score')
    const json = runCli(['import', project, input, '--json'])
    expect(json.status).not.toBe(0)
    const error = jsonLines(json.stdout).at(-1) as { error: { code: string; location: { line: number; field: string } } }
    expect(error.error).toMatchObject({ code: 'invalid-input', location: { line: 2, field: 'score' } })
    expect(JSON.parse(runCli(['info', project, '--json']).stdout)).toMatchObject({ instructions: 0, annotations: 0 })
  })

  it('exits non-zero with a clear message for a file that is not a project', () => {
    const dir = tempDir()
    const missing = runCli(['info', path.join(dir, 'missing.castor'), '--json'])
    expect(missing.status).not.toBe(0)
    expect(missing.stderr).toContain('missing.castor')
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'not-found' } })
    const text = path.join(dir, 'notes.castor')
    fs.writeFileSync(text, 'just some text, not SQLite')
    const notProject = runCli(['info', text])
    expect(notProject.status).not.toBe(0)
    expect(notProject.stderr).toContain('notes.castor')
    expect(runCli(['export', text, '--format', 'yaml', '--out', path.join(dir, 'x')]).status).not.toBe(0)
  })

  it('creates the demo project with the expected counts', () => {
    const dir = tempDir()
    const target = path.join(dir, 'demo.castor')
    const result = runCli(['demo', '--out', target])
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toContain(target)
    const info = runCli(['info', target, '--json'])
    expect(JSON.parse(info.stdout)).toEqual({ instructions: 6, responses: 18, criteria: 16, items: 60, annotators: 2, annotations: 120, judgments: 60, judgmentErrors: 0 })
    const again = runCli(['demo', '--out', target])
    expect(again.status).not.toBe(0)
    expect(again.stderr).toContain('already exists')
  })

  it('serves a project, prints the URL first and stops cleanly on SIGTERM', async () => {
    const dir = tempDir()
    const { file, db } = createSmallProject(dir)
    db.close()
    const child = spawnCli(['serve', file, '--port', '0'])
    let stdout = ''
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const firstLine = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0])
      })
      child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)))
    })
    const url = new URL(firstLine)
    expect(url.protocol).toBe('http:')
    const token = url.searchParams.get('token')
    expect(token).toBeTruthy()
    // The server answers the printed link by swapping its token for a cookie.
    const response = await fetch(url, { redirect: 'manual' })
    expect(response.status).toBe(303)
    child.kill('SIGTERM')
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
    expect(stderr).not.toContain(token!)
    expect(stdout.split('\n').slice(1).join('\n')).not.toContain(token!)
  })

  it('says which port is taken and how to choose another when it cannot listen', async () => {
    const dir = tempDir()
    const { file, db } = createSmallProject(dir)
    db.close()
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as net.AddressInfo).port
    try {
      const result = runCli(['serve', file, '--port', String(port)])
      expect(result.status).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is in use; choose another with --port`)
    } finally {
      blocker.close()
    }
  })
})
