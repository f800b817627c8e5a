import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { openProject } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { repoRoot } from '../../../../helpers/cli'
import { tempDir } from '../../../../helpers/tempDir'
import { fixture, tableCounts } from './importTestKit'

const ROWS = 200_000

/** A generic JSONL file of ROWS score rows (about 100 MB, so the import's pages spill into the WAL). */
function writeLargeFile(file: string): void {
  const out = fs.openSync(file, 'w')
  const rubric = { '0': 'Нет.', '1': 'Частично.', '2': 'Да.' }
  const rationale = 'Ответ в целом логичен, но часть рассуждений опущена, а вывод сделан без достаточных оснований. '.repeat(2)
  let chunk = ''
  for (let i = 0; i < ROWS; i++) {
    const instruction = i >> 4
    chunk +=
      JSON.stringify({
        instruction_id: `crash-${instruction}`,
        instruction: `Задание номер ${instruction}: объясните явление подробно.`,
        model: `model-${(i >> 2) & 3}`,
        answer: `Ответ модели ${(i >> 2) & 3} на задание ${instruction}.`,
        criterion: 'crash-criterion',
        rubric,
        annotator: `Эксперт ${i & 3}`,
        score: i % 3,
        rationale,
      }) + '\n'
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk)
      chunk = ''
    }
  }
  fs.writeSync(out, chunk)
  fs.closeSync(out)
}

describe('importFile crash safety', () => {
  it('leaves the project exactly as before when the importing process is killed midway', async () => {
    const dir = tempDir('castor-crash-')
    const project = path.join(dir, 'crash.castor')
    const db = openProject(project, { create: true })
    await importFile(db, fixture('generic.jsonl'))
    const before = tableCounts(db)
    db.close()
    const file = path.join(dir, 'large.jsonl')
    writeLargeFile(file)

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/helpers/importChild.ts'), project, file], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()))
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
    let killedAt: { fraction: number; rows: number; walBytes: number } | null = null
    let finished = false
    for await (const line of createInterface({ input: child.stdout })) {
      if (line === 'done') finished = true
      const match = /^progress (\d+) (\d+) (\d+)$/.exec(line)
      if (!match || killedAt) continue
      // Kill once past 30% and once uncommitted pages have spilled into the WAL, so recovery is really exercised.
      const walBytes = fs.statSync(`${project}-wal`).size
      if (Number(match[1]) / Number(match[2]) >= 0.3 && walBytes > 4 << 20) {
        child.kill('SIGKILL')
        killedAt = { fraction: Number(match[1]) / Number(match[2]), rows: Number(match[3]), walBytes }
      }
    }
    const exit = await exited
    expect(finished, `the child finished before it could be killed: ${stderr}`).toBe(false)
    expect(exit.signal).toBe('SIGKILL')
    expect(killedAt, 'the WAL never grew past 4 MB before the import ended').not.toBeNull()
    expect(killedAt!.rows).toBeGreaterThan(0.2 * ROWS)
    expect(killedAt!.rows).toBeLessThan(ROWS)
    // Uncommitted pages had reached the WAL when the process died: the test exercises recovery, not a no-op.
    expect(killedAt!.walBytes).toBeGreaterThan(4 << 20)

    const reopened = openProject(project)
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(tableCounts(reopened)).toEqual(before)
    expect(reopened.prepare("SELECT count(*) FROM criteria WHERE external_id = 'crash-criterion'").pluck().get()).toBe(0)
    reopened.close()
  }, 180_000)
})
