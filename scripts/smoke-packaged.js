#!/usr/bin/env node
// After `npm run dist` (.github/workflows/desktop.yml runs it; needs a display, so xvfb-run on Linux): uses the
// unpacked app that electron-builder left in dist/ as an installed copy is used. The bundled `castor` launcher
// (the app's executable as Node, with its own better-sqlite3) creates the demo and computes its statistics, then the
// Electron spec runs against the packaged executable (first start: demo project in user data, window security).
// Prints the installers and their sizes (also into the GitHub job summary).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const dist = path.join(root, 'dist')
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version

/** Where electron-builder leaves the unpacked app for this platform and arch (its *-unpacked or mac* folders). */
function unpackedApp() {
  if (process.platform === 'darwin') {
    const bundle = path.join(dist, process.arch === 'arm64' ? 'mac-arm64' : 'mac', 'Castor.app')
    return { executable: path.join(bundle, 'Contents', 'MacOS', 'Castor'), launcher: path.join(bundle, 'Contents', 'Resources', 'bin', 'castor') }
  }
  if (process.platform === 'win32') {
    const folder = path.join(dist, 'win-unpacked')
    return { executable: path.join(folder, 'Castor.exe'), launcher: path.join(folder, 'resources', 'bin', 'castor.cmd') }
  }
  const folder = path.join(dist, process.arch === 'x64' ? 'linux-unpacked' : `linux-${process.arch}-unpacked`)
  return { executable: path.join(folder, 'castor-desktop'), launcher: path.join(folder, 'resources', 'bin', 'castor') }
}

function run(command, args, options = {}) {
  console.log(`\n> ${[command, ...args].join(' ')}`)
  // A .cmd file runs only through the shell (Node refuses to spawn it directly), so quote for cmd.exe there.
  const shell = process.platform === 'win32'
  const quoted = shell ? args.map((arg) => `"${arg}"`) : args
  const result = spawnSync(shell ? `"${command}"` : command, quoted, { encoding: 'utf8', shell, ...options })
  if (result.stdout) process.stdout.write(result.stdout.length > 2000 ? `${result.stdout.slice(0, 2000)}…\n` : result.stdout)
  if (result.stderr) process.stderr.write(result.stderr)
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args[0] ?? ''} exited with ${result.status ?? result.signal}`)
  return result.stdout
}

function installerSizes() {
  const installers = fs
    .readdirSync(dist)
    .filter((name) => /\.(AppImage|deb|dmg|exe)$/.test(name))
    .map((name) => `| ${name} | ${(fs.statSync(path.join(dist, name)).size / 1024 ** 2).toFixed(1)} MB |`)
  const table = ['| installer | size |', '| --- | --- |', ...installers].join('\n')
  console.log(`\n${table}`)
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, `### Installers (${process.platform})\n\n${table}\n`)
}

const { executable, launcher } = unpackedApp()
for (const file of [executable, launcher]) if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run dist first`)

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'castor-packaged-'))
try {
  const printed = run(launcher, ['--version']).trim()
  if (printed !== version) throw new Error(`castor --version printed ${printed}, expected ${version}`)
  const demo = path.join(work, 'demo.castor')
  run(launcher, ['demo', '--out', demo])
  run(launcher, ['info', demo])
  const stats = JSON.parse(run(launcher, ['stats', demo, '--json']))
  if (typeof stats !== 'object' || stats === null) throw new Error('castor stats --json printed no report')

  run(path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'playwright.cmd' : 'playwright'), ['test', 'test/e2e/electron.spec.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CASTOR_ELECTRON_EXECUTABLE: executable, CASTOR_REQUIRE_ELECTRON: '1' },
  })
  installerSizes()
} finally {
  fs.rmSync(work, { recursive: true, force: true })
}
