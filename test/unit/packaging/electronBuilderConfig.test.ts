import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEV_SQLITE_BINDING, PACKAGED_SQLITE_BINDING } from '../../../src/main/transports/desktop/nativeBinding'
import { repoRoot } from '../../helpers/cli'

// electron-builder.yml as electron-builder itself loads and validates it, and its file patterns checked against the
// built tree (`npm test` builds out/ first; by hand: npm run build). Installers themselves are built only where
// Electron can be downloaded (.github/workflows/desktop.yml).

const require = createRequire(path.join(repoRoot, 'node_modules', 'app-builder-lib', 'package.json'))
const { getConfig, validateConfiguration } = require('./out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Config>
  validateConfiguration(config: Config, debugLogger: unknown): Promise<void>
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
const { minimatch } = require('minimatch') as { minimatch(path: string, pattern: string, options: { dot: boolean }): boolean }

interface FileSet {
  from: string
  to: string
}
interface Config {
  appId: string
  productName: string
  directories: { output: string; buildResources: string }
  beforePack: string
  npmRebuild: boolean
  /** getConfig normalises the list into file sets. */
  files: (string | { filter: string[] })[]
  asarUnpack: string[]
  extraResources: FileSet[]
  fileAssociations: { ext: string }[]
  linux: { icon: string; executableName: string; target: { target: string }[] }
  mac: { icon: string; target: { target: string; arch: string[] }[] }
  win: { icon: string; target: { target: string }[] }
}

const OS_MACRO = { darwin: 'mac', linux: 'linux', win32: 'win' }[process.platform as 'darwin' | 'linux' | 'win32']
/** electron-builder's file macros, for the platform and arch this test runs on. */
const expand = (pattern: string) => pattern.replaceAll('${os}', OS_MACRO).replaceAll('${arch}', process.arch)

/** The folder a pattern can match under: its segments up to the first one with glob characters. */
function staticPrefix(pattern: string): string {
  const segments = pattern.split('/')
  const fixed = segments.slice(0, segments.findIndex((segment) => /[*?{[!]/.test(segment)))
  return fixed.length === 0 ? pattern : fixed.join('/')
}

function filesUnder(relative: string): string[] {
  const absolute = path.join(repoRoot, relative)
  if (!fs.existsSync(absolute)) return []
  if (!fs.statSync(absolute).isDirectory()) return [relative]
  return (fs.readdirSync(absolute, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
}

/** Files a pattern selects: matched themselves, or inside a matched folder (asarUnpack names folders). */
function matches(pattern: string): string[] {
  const glob = expand(pattern.replace(/^!/, ''))
  return filesUnder(staticPrefix(glob)).filter((file) => {
    const segments = file.split('/')
    return segments.some((_, index) => minimatch(segments.slice(0, index + 1).join('/'), glob, { dot: true }))
  })
}

/** electron-builder's rule for `files`: the last pattern that matches a file decides; node_modules start included. */
function isPacked(file: string): boolean {
  let packed = file.startsWith('node_modules/')
  for (const pattern of filePatterns) {
    const negated = pattern.startsWith('!')
    if (minimatch(file, expand(negated ? pattern.slice(1) : pattern), { dot: true })) packed = !negated
  }
  return packed
}

let config: Config
let filePatterns: string[]

beforeAll(async () => {
  if (!fs.existsSync(path.join(repoRoot, 'out', 'main', 'index.js'))) throw new Error('out/ is not built: run `npm run build` first')
  config = await getConfig(repoRoot, null, null)
  filePatterns = config.files.flatMap((set) => (typeof set === 'string' ? [set] : set.filter))
})

describe('electron-builder.yml', () => {
  it('is what electron-builder loads, and passes its schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    expect(config).toMatchObject({ appId: 'org.castor.workbench', productName: 'Castor', npmRebuild: false })
    expect(config.directories.output).toBe('dist')
    expect(config.fileAssociations.map((association) => association.ext)).toEqual(['castor'])
    expect(config.linux.target.map((target) => target.target)).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }])
    expect(config.win.target.map((target) => target.target)).toEqual(['nsis'])
  })

  it('has every files and asarUnpack pattern match files of the built tree', () => {
    expect(filePatterns.length).toBeGreaterThan(10)
    for (const pattern of [...filePatterns, ...config.asarUnpack]) expect(matches(pattern).length, pattern).toBeGreaterThan(0)
  })

  it('packs what the app reads at run time, in the layout resources.ts and index.ts expect, and leaves the rest out', () => {
    const packed = [
      'package.json',
      'out/main/index.js',
      'out/main/cli.js',
      'out/main/jsonlWorker.js',
      'out/main/dashboardWorker.js',
      'out/main/bootstrapWorker.js',
      'out/main/simulationWorker.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'resources/demo/demo.jsonl',
      'resources/demo/criteria.json',
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/node-llama-cpp/dist/index.js',
      ...matches('node_modules/@node-llama-cpp/${os}-${arch}/bins/**/*'),
    ]
    for (const file of packed) expect(fs.existsSync(path.join(repoRoot, file)) && isPacked(file), file).toBe(true)
    const otherPlatforms = filesUnder('node_modules/@node-llama-cpp').filter(
      (file) => /\/bins\//.test(file) && !file.startsWith(`node_modules/@node-llama-cpp/${OS_MACRO}-${process.arch}`),
    )
    const left = [
      'out/main/bench.js',
      'resources/bin/castor',
      'resources/icons/icon.ico',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/node-llama-cpp/llama/gitRelease.bundle',
      ...otherPlatforms,
    ]
    for (const file of left) expect(isPacked(file), file).toBe(false)
    const llamaBinaries = packed.filter((file) => file.startsWith('node_modules/@node-llama-cpp/'))
    expect(llamaBinaries.length).toBeGreaterThan(0)
    for (const file of llamaBinaries) expect(config.asarUnpack.some((pattern) => matches(pattern).includes(file)), file).toBe(true)
  })

  it('ships the launchers and the Electron build of better-sqlite3 where the app and the launchers look', () => {
    expect(config.extraResources).toEqual([
      { from: DEV_SQLITE_BINDING, to: PACKAGED_SQLITE_BINDING },
      { from: 'resources/bin', to: 'bin' },
    ])
    // The binding is built by the beforePack hook (scripts/electron-native.js); the launchers are in the repo.
    for (const launcher of ['castor', 'castor.cmd']) expect(fs.existsSync(path.join(repoRoot, 'resources', 'bin', launcher)), launcher).toBe(true)
    if (process.platform !== 'win32') expect(fs.statSync(path.join(repoRoot, 'resources', 'bin', 'castor')).mode & 0o111).not.toBe(0)
    for (const launcher of ['castor', 'castor.cmd']) {
      expect(fs.readFileSync(path.join(repoRoot, 'resources', 'bin', launcher), 'utf8')).toContain(PACKAGED_SQLITE_BINDING.split('/')[0])
    }
  })

  it('names a beforePack hook and icons that exist', async () => {
    const hook = (await import(pathToFileURL(path.join(repoRoot, config.beforePack)).href)) as { default: unknown }
    expect(typeof hook.default).toBe('function')
    const icons = path.join(repoRoot, config.linux.icon)
    expect(fs.readdirSync(icons)).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '256x256.png', '512x512.png']))
    expect(fs.readFileSync(path.join(repoRoot, config.mac.icon)).subarray(0, 4).toString('ascii')).toBe('icns')
    expect([...fs.readFileSync(path.join(repoRoot, config.win.icon)).subarray(0, 4)]).toEqual([0, 0, 1, 0])
  })
})
