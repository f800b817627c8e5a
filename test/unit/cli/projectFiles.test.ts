import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { latestSchemaVersion, openProject } from '../../../src/main/services/db'
import { cliArgs, repoRoot, runCli } from '../../helpers/cli'
import { tempDir } from '../../helpers/tempDir'
import { createSmallProject, smallCounts } from '../main/services/exporters/smallProject'

const NOBODY = 65534
const asRoot = process.getuid?.() === 0
const hasSetpriv = fs.existsSync('/usr/bin/setpriv')

/**
 * Root ignores file modes, so as root the CLI runs as `nobody` (setpriv), for whom a root-owned 0555 folder and
 * 0444 file are truly read-only; as any other user it runs as that user.
 */
function unprivileged(args: string[]): string[] {
  const node = [process.execPath, ...cliArgs(), ...args]
  return asRoot ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...node] : node
}

function runUnprivileged(args: string[]) {
  const [command, ...rest] = unprivileged(args)
  return spawnSync(command, rest, { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 })
}

/** A small project in a folder that the unprivileged user may read but not write. */
function readOnlyProject(options: { folderWritable: boolean }): { dir: string; file: string } {
  const dir = tempDir()
  const { file, db } = createSmallProject(dir)
  db.close()
  fs.chmodSync(file, 0o444)
  fs.chmodSync(dir, options.folderWritable && !asRoot ? 0o755 : 0o555)
  if (options.folderWritable && asRoot) fs.chmodSync(dir, 0o777)
  return { dir, file }
}

const sidecars = (dir: string) => fs.readdirSync(dir).filter((name) => /-(wal|shm|journal)$/.test(name))

describe.skipIf(asRoot && !hasSetpriv)('read-only project files', () => {
  for (const folderWritable of [false, true]) {
    const where = folderWritable ? 'a read-only file' : 'a read-only folder'
    it(`castor info and stats read ${where}, and leave no -wal/-shm`, () => {
      const { dir, file } = readOnlyProject({ folderWritable })
      const info = runUnprivileged(['info', file, '--json'])
      expect(info.status, info.stderr).toBe(0)
      expect(JSON.parse(info.stdout)).toEqual(smallCounts)
      const stats = runUnprivileged(['stats', file, '--json'])
      expect(stats.status, stats.stderr).toBe(0)
      expect(sidecars(dir)).toEqual([])
    })

    it(`a write to ${where} fails naming the file, and changes nothing`, () => {
      const { dir, file } = readOnlyProject({ folderWritable })
      const before = fs.readFileSync(file)
      const result = runUnprivileged(['annotators', 'add', file, 'Новый'])
      expect(result.status).toBe(1)
      expect(result.stderr).toContain(`${file} is read-only`)
      expect(fs.readFileSync(file).equals(before)).toBe(true)
      expect(sidecars(dir)).toEqual([])
    })
  }

  it('castor serve --read-only serves a project in a read-only folder', async () => {
    const { dir, file } = readOnlyProject({ folderWritable: false })
    const [command, ...rest] = unprivileged(['serve', file, '--read-only', '--port', '0'])
    const child = spawn(command, rest, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const url = await new Promise<string>((resolve, reject) => {
        let stdout = ''
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString()
          if (stdout.includes('\n')) resolve(stdout.split('\n')[0])
        })
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)))
      })
      const { origin, searchParams } = new URL(url)
      const response = await fetch(`${origin}/api/project-info`, { method: 'POST', headers: { Authorization: `Bearer ${searchParams.get('token')}` } })
      const body = (await response.json()) as { ok: boolean; result: { readOnly: boolean; counts: unknown } }
      expect(body.ok, JSON.stringify(body)).toBe(true)
      expect(body.result).toMatchObject({ readOnly: true, counts: smallCounts })
      expect(sidecars(dir)).toEqual([])
    } finally {
      child.kill('SIGTERM')
    }
  })
})

describe('files Castor does not make', () => {
  function newerProject(): { dir: string; file: string } {
    const dir = tempDir()
    const { file, db } = createSmallProject(dir)
    db.pragma(`user_version = ${latestSchemaVersion + 1}`)
    db.close()
    return { dir, file }
  }

  it('every command calls a file from a newer schema newer, never asks to migrate it', () => {
    const { dir, file } = newerProject()
    const input = path.join(dir, 'in.jsonl')
    fs.writeFileSync(input, '{}\n')
    const commands = [
      ['info', file],
      ['stats', file],
      ['export', file, '--format', 'csv', '--out', path.join(dir, 'x.csv')],
      ['report', file, '--out', path.join(dir, 'x.html')],
      ['import', file, input],
      ['annotators', 'list', file],
      ['serve', file, '--read-only', '--port', '0'],
      ['serve', file, '--port', '0'],
    ]
    for (const args of commands) {
      const result = runCli(args)
      expect(result.status, args.join(' ')).toBe(1)
      expect(result.stderr, args.join(' ')).toContain(`newer than this Castor understands (${latestSchemaVersion})`)
      expect(result.stderr, args.join(' ')).not.toContain('migrate')
    }
  })

  it('import refuses a 0-byte file, naming it, and leaves it empty', () => {
    const dir = tempDir()
    const file = path.join(dir, 'empty.castor')
    fs.writeFileSync(file, '')
    const input = path.join(dir, 'in.jsonl')
    fs.writeFileSync(input, JSON.stringify({ instruction_id: 'q1', instruction: 'Q', model: 'm', answer: 'A' }) + '\n')
    const result = runCli(['import', file, input])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(`${file} is an empty file, not a Castor project`)
    expect(fs.statSync(file).size).toBe(0)
    expect(() => openProject(file)).toThrow(/empty file/)
    expect(fs.statSync(file).size).toBe(0)
  })
})
