import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../helpers/cli'
import { tempDir } from '../../helpers/tempDir'

// resources/bin/castor in an installed layout (Linux: /opt/Castor/{castor-desktop,resources/…}). The app
// executable is stood in for by Node itself, which is what ELECTRON_RUN_AS_NODE=1 turns Electron into.
function installedCopy(): { resources: string } {
  const install = path.join(tempDir(), 'My Apps', 'Castor')
  const resources = path.join(install, 'resources')
  fs.mkdirSync(path.join(resources, 'bin'), { recursive: true })
  fs.copyFileSync(path.join(repoRoot, 'resources', 'bin', 'castor'), path.join(resources, 'bin', 'castor'))
  fs.chmodSync(path.join(resources, 'bin', 'castor'), 0o755)
  fs.writeFileSync(path.join(install, 'castor-desktop'), `#!/bin/sh\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 })
  const cli = path.join(resources, 'app.asar', 'out', 'main', 'cli.js')
  fs.mkdirSync(path.dirname(cli), { recursive: true })
  fs.writeFileSync(
    cli,
    'console.log(JSON.stringify({ script: process.argv[1], args: process.argv.slice(2), runAsNode: process.env.ELECTRON_RUN_AS_NODE, binding: process.env.CASTOR_SQLITE_BINDING }))\n',
  )
  return { resources: fs.realpathSync(resources) }
}

describe.skipIf(process.platform === 'win32')('the castor launcher of an installed copy', () => {
  it('runs the bundled CLI through the app executable as Node, with the Electron build of better-sqlite3', () => {
    const { resources } = installedCopy()
    const links = path.join(tempDir(), 'home', '.local', 'bin')
    fs.mkdirSync(links, { recursive: true })
    fs.symlinkSync(path.join(resources, 'bin', 'castor'), path.join(links, 'castor'))
    fs.symlinkSync(path.relative(links, path.join(resources, 'bin', 'castor')), path.join(links, 'castor-relative'))

    for (const launcher of [path.join(resources, 'bin', 'castor'), path.join(links, 'castor'), path.join(links, 'castor-relative')]) {
      const result = spawnSync(launcher, ['serve', 'my project.castor', '--port', '0'], { encoding: 'utf8', env: { PATH: process.env.PATH } })
      expect(result.stderr, launcher).toBe('')
      expect(result.status, launcher).toBe(0)
      expect(JSON.parse(result.stdout), launcher).toEqual({
        script: path.join(resources, 'app.asar', 'out', 'main', 'cli.js'),
        args: ['serve', 'my project.castor', '--port', '0'],
        runAsNode: '1',
        binding: path.join(resources, 'native', 'better_sqlite3.node'),
      })
    }
  })

  it('passes the CLI’s exit status on', () => {
    const { resources } = installedCopy()
    fs.writeFileSync(path.join(resources, 'app.asar', 'out', 'main', 'cli.js'), 'process.exitCode = 3\n')
    expect(spawnSync(path.join(resources, 'bin', 'castor'), ['stats'], { encoding: 'utf8' }).status).toBe(3)
  })
})

describe('castor.cmd', () => {
  it('runs Castor.exe beside resources/ as Node with the packaged binding, and keeps CRLF line ends', () => {
    const script = fs.readFileSync(path.join(repoRoot, 'resources', 'bin', 'castor.cmd'), 'utf8')
    expect(script.split('\r\n').length).toBeGreaterThan(5)
    expect(script.replace(/\r\n/g, '')).not.toContain('\n')
    expect(script).toContain('set ELECTRON_RUN_AS_NODE=1')
    expect(script).toContain('set "CASTOR_SQLITE_BINDING=%CASTOR_RESOURCES_DIR%\\native\\better_sqlite3.node"')
    expect(script).toContain('"%CASTOR_RESOURCES_DIR%\\..\\Castor.exe" "%CASTOR_RESOURCES_DIR%\\app.asar\\out\\main\\cli.js" %*')
  })
})
