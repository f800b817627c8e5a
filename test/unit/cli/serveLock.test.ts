import { spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { serveLockPath } from '../../../src/cli/serveLock'
import { spawnCli } from '../../helpers/cli'
import { tempDir } from '../../helpers/tempDir'
import { createSmallProject } from '../main/services/exporters/smallProject'

const children: ChildProcess[] = []

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null) continue
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
})

/** Starts `castor serve` and resolves once it printed its URL, with what it wrote to stderr so far (and later). */
async function startServe(file: string): Promise<{ child: ChildProcess; url: URL; stderr: () => string }> {
  const child = spawnCli(['serve', file, '--port', '0'])
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0])
    })
    child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)))
  })
  // The warning, if any, follows the URL: wait for the line that says how to stop.
  const deadline = Date.now() + 10_000
  while (!stderr.includes('Ctrl+C') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
  return { child, url: new URL(line), stderr: () => stderr }
}

function project(): string {
  const { file, db } = createSmallProject(tempDir())
  db.close()
  return file
}

describe('castor serve on a file another server holds', () => {
  it("warns the second server, naming the first's URL and pid; the first removes its lock when it stops", async () => {
    const file = project()
    const first = await startServe(file)
    expect(first.stderr()).not.toContain('another castor serve')
    expect(JSON.parse(fs.readFileSync(serveLockPath(file), 'utf8'))).toMatchObject({ pid: first.child.pid, url: first.url.origin })

    const second = await startServe(file)
    expect(second.stderr()).toContain(`another castor serve (pid ${first.child.pid}, ${first.url.origin}) already serves ${file}`)

    first.child.kill('SIGTERM')
    await once(first.child, 'exit')
    expect(fs.existsSync(serveLockPath(file))).toBe(false)
  })

  it('takes over a stale lock whose process is gone, without a warning', async () => {
    const file = project()
    const dead = spawnSync(process.execPath, ['-e', '0']).pid
    fs.writeFileSync(serveLockPath(file), JSON.stringify({ pid: dead, url: 'http://127.0.0.1:1', startedAt: '2026-01-01T00:00:00Z' }))
    const server = await startServe(file)
    expect(server.stderr()).not.toContain('another castor serve')
    expect(JSON.parse(fs.readFileSync(serveLockPath(file), 'utf8')).pid).toBe(server.child.pid)
  })
})
