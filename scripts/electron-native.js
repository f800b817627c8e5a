#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI in .cache/electron-native/better-sqlite3, leaving node_modules
// (built for Node: CLI, tests) alone. The desktop app loads the copy (src/main/transports/desktop/nativeBinding.ts).
// `npm start`/`npm run dev` build it for this machine; `npm run dist` builds it per installer arch through the
// beforePack hook (`--arch=x64|arm64`, no Electron executable needed: node-gyp fetches Electron's headers).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const require = createRequire(path.join(root, 'package.json'))
const target = path.join(root, '.cache', 'electron-native', 'better-sqlite3')
const binding = path.join(target, 'build', 'Release', 'better_sqlite3.node')
const stampFile = path.join(target, '.castor-stamp.json')

function electronBinary() {
  try {
    const binary = require('electron') // the path of the Electron executable, or a throw when it was never downloaded
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

const archArgument = process.argv.find((argument) => argument.startsWith('--arch='))
const arch = archArgument ? archArgument.slice('--arch='.length) : process.arch

if (!archArgument && !electronBinary()) {
  console.log(
    'electron-native: no Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?), so the desktop app cannot run ' +
      'and better-sqlite3 is not rebuilt for it. The CLI, `castor serve` and the tests do not need it.',
  )
  process.exit(0)
}

const electronVersion = require('electron/package.json').version
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'))
const sqliteVersion = JSON.parse(fs.readFileSync(path.join(sqliteDir, 'package.json'), 'utf8')).version
const stamp = { electron: electronVersion, betterSqlite3: sqliteVersion, arch }

try {
  if (fs.existsSync(binding) && JSON.stringify(JSON.parse(fs.readFileSync(stampFile, 'utf8'))) === JSON.stringify(stamp)) {
    console.log(`electron-native: better-sqlite3 ${sqliteVersion} is already built for Electron ${electronVersion} (${arch})`)
    process.exit(0)
  }
} catch {
  // no stamp yet: build
}

/** node-gyp as npm ships it (npm sets npm_config_node_gyp when it runs this script), else from npm's folder. */
function nodeGyp() {
  if (process.env.npm_config_node_gyp && fs.existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp
  const nodeDir = path.dirname(process.execPath)
  // Unix installs keep npm in <prefix>/lib/node_modules, Windows beside node.exe.
  const npmRoots = [path.resolve(nodeDir, '..', 'lib', 'node_modules', 'npm'), path.join(nodeDir, 'node_modules', 'npm')]
  const candidates = npmRoots.map((npmRoot) => path.join(npmRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? null
}

const gyp = nodeGyp()
if (!gyp) {
  console.error('electron-native: cannot find node-gyp (it comes with npm); install npm or run `npx @electron/rebuild -o better-sqlite3`')
  process.exit(1)
}

console.log(`electron-native: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${arch}) in ${path.relative(root, target)}`)
fs.rmSync(target, { recursive: true, force: true })
fs.mkdirSync(path.dirname(target), { recursive: true })
fs.cpSync(sqliteDir, target, { recursive: true, filter: (source) => path.relative(sqliteDir, source) !== 'build' })

const result = spawnSync(
  process.execPath,
  [
    gyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    '--dist-url=https://electronjs.org/headers',
    `--devdir=${path.join(root, '.cache', 'node-gyp')}`,
  ],
  { cwd: target, stdio: 'inherit', env: { ...process.env, npm_config_runtime: 'electron' } },
)
if (result.status !== 0 || !fs.existsSync(binding)) {
  console.error(
    `electron-native: the build failed (exit ${result.status}). It downloads Electron's headers from electronjs.org and needs ` +
      'a C++ toolchain (python3, make, g++). Without it the desktop app cannot open projects; the CLI and `castor serve` still work.',
  )
  process.exit(1)
}
fs.writeFileSync(stampFile, JSON.stringify(stamp))
console.log(`electron-native: built ${path.relative(root, binding)}`)
