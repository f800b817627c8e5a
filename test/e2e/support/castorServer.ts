import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { createDemoProject } from '../../../src/main/services/demo/demoProject'

export const repoRoot = path.resolve(import.meta.dirname, '../../..')
const cliPath = path.join(repoRoot, 'out/main/cli.js')

export interface CastorServer {
  /** The printed URL, with its one-time ?token=. */
  url: string
  /** http://HOST:PORT, without the token. */
  origin: string
  token: string
  projectPath: string
  stop(): Promise<void>
}

/** A fresh copy of the demo project in its own temp folder. */
export async function demoProjectCopy(): Promise<{ dir: string; projectPath: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'castor-e2e-'))
  const projectPath = path.join(dir, 'demo.castor')
  await createDemoProject(projectPath)
  return { dir, projectPath }
}

function firstUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const lines = readline.createInterface({ input: child.stdout! })
    const timer = setTimeout(() => fail(`no URL within ${timeoutMs} ms`), timeoutMs)
    function fail(why: string) {
      clearTimeout(timer)
      lines.close()
      reject(new Error(`castor serve: ${why}\n${stderr}`))
    }
    lines.on('line', (line) => {
      const match = /https?:\/\/\S+[?&]token=[\w-]+/.exec(line)
      if (!match) return
      clearTimeout(timer)
      lines.close()
      resolve(match[0])
    })
    child.once('exit', (code) => fail(`exited with ${code} before printing its URL`))
    child.once('error', (error) => fail(error.message))
  })
}

/**
 * Starts the built CLI's `castor serve` on a demo project (or `projectPath`), as a user would, and returns its
 * URL. Needs `npm run build` first (npm test builds).
 */
export async function startCastorServer(options: { projectPath?: string; create?: boolean } = {}): Promise<CastorServer> {
  if (!fs.existsSync(cliPath)) throw new Error(`${cliPath} is missing: run npm run build`)
  const demo = options.projectPath ? null : await demoProjectCopy()
  const projectPath = options.projectPath ?? demo!.projectPath
  // create: `castor serve --new FILE`, the start screen makes the project.
  const args = [cliPath, 'serve', ...(options.create ? ['--new'] : []), projectPath, '--port', '0']
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  let url: string
  try {
    url = await firstUrl(child, 30_000)
  } catch (error) {
    child.kill('SIGKILL')
    if (demo) fs.rmSync(demo.dir, { recursive: true, force: true })
    throw error
  }
  const parsed = new URL(url)
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    projectPath,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(timer)
      }
      if (demo) fs.rmSync(demo.dir, { recursive: true, force: true })
    },
  }
}

/** Imports `file` (relative to the repository) into the project through the built CLI, as a user would. */
export function importWithCli(projectPath: string, file: string): void {
  execFileSync(process.execPath, [cliPath, 'import', projectPath, path.join(repoRoot, file)], { cwd: repoRoot, stdio: 'pipe' })
}

/**
 * A Playwright `castor` fixture: `castor serve` on the project that `prepare` makes in its own temp folder; the
 * server stops and the folder goes after the test. Use as `base.extend<{ castor: CastorServer }>({ castor: servedProject(...) })`.
 */
export function servedProject(prepare: () => Promise<{ dir: string; projectPath: string }>) {
  // Playwright reads a fixture's dependencies from its first parameter, which must be an object pattern.
  return async ({}, use: (server: CastorServer) => Promise<void>) => {
    const { dir, projectPath } = await prepare()
    const server = await startCastorServer({ projectPath })
    try {
      await use(server)
    } finally {
      await server.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}
