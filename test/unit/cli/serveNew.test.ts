import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli'
import { tempDir } from '../../helpers/tempDir'

describe('castor serve --new', () => {
  it('refuses a file that exists, and a file given twice, before listening', () => {
    const dir = tempDir()
    const file = path.join(dir, 'there.castor')
    expect(runCli(['init', file]).status).toBe(0)
    const existing = runCli(['serve', '--new', file, '--port', '0'])
    expect(existing.status).not.toBe(0)
    expect(existing.stderr).toContain(`${file} already exists; serve it with castor serve ${file}`)
    const both = runCli(['serve', file, '--new', path.join(dir, 'other.castor'), '--port', '0'])
    expect(both.status).not.toBe(0)
    expect(both.stderr).toContain('Give the project file or --new FILE, not both')
    expect(fs.existsSync(path.join(dir, 'other.castor'))).toBe(false)
  })
})
