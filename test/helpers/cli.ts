import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const repoRoot = path.resolve(import.meta.dirname, '../..')

/**
 * How tests start the `castor` CLI. With CASTOR_CLI=built (set by `npm test`, after the build) they run the
 * bundled out/main/cli.js, as users do; otherwise the TypeScript sources through tsx, so no build is needed.
 */
export function cliArgs(): string[] {
  const built = path.join(repoRoot, 'out/main/cli.js')
  if (process.env.CASTOR_CLI === 'built') {
    if (!fs.existsSync(built)) throw new Error('CASTOR_CLI=built but out/main/cli.js is missing: run npm run build')
    return [built]
  }
  return ['--import', 'tsx', path.join(repoRoot, 'src/cli/index.ts')]
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...cliArgs(), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    input: options.input,
    timeout: 240_000,
  })
}

export function spawnCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  return spawn(process.execPath, [...cliArgs(), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}
