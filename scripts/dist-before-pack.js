// electron-builder's beforePack hook (electron-builder.yml), once per installer arch, before files are copied:
// better-sqlite3 is built for Electron's ABI and that arch (the one path for it: scripts/electron-native.js), and
// the arch's node-llama-cpp binaries must be installed, since npm installs only the running machine's.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { Arch } from 'electron-builder'

const root = path.resolve(import.meta.dirname, '..')
const PLATFORM_NAMES = { darwin: 'mac', linux: 'linux', win32: 'win' }

/** @param {import('electron-builder').BeforePackContext} context */
export default async function beforePack(context) {
  const arch = Arch[context.arch]
  const platform = PLATFORM_NAMES[context.electronPlatformName] ?? context.electronPlatformName

  const llamaPackage = `@node-llama-cpp/${platform}-${arch}${platform === 'mac' && arch === 'arm64' ? '-metal' : ''}`
  if (!fs.existsSync(path.join(root, 'node_modules', llamaPackage, 'package.json'))) {
    const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'node-llama-cpp', 'package.json'), 'utf8')).version
    throw new Error(
      `${llamaPackage} is not installed, so the ${platform} ${arch} installer would have no judge engine. ` +
        `Install it first: npm install --no-save --force ${llamaPackage}@${version}`,
    )
  }

  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'electron-native.js'), `--arch=${arch}`], {
    cwd: root,
    stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error(`better-sqlite3 could not be built for Electron (${platform} ${arch}); see the output above`)
}
