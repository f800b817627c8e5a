import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli'
import { tempDir } from '../../helpers/tempDir'
import { createSmallProject } from '../main/services/exporters/smallProject'
import { addScoreStates } from '../main/services/exporters/scoreStates'

const BOM = Buffer.from([0xef, 0xbb, 0xbf])

describe('castor export CSV options', () => {
  it('writes a BOM and neutralised cells by default, neither with --no-bom --raw-csv', () => {
    const dir = tempDir()
    const { file, db } = createSmallProject(dir)
    addScoreStates(db)
    db.close()
    const safe = path.join(dir, 'safe.csv')
    const raw = path.join(dir, 'raw.csv')
    const first = runCli(['export', file, '--format', 'csv', '--out', safe])
    expect(first.status, first.stderr).toBe(0)
    const second = runCli(['export', file, '--format', 'csv', '--out', raw, '--no-bom', '--raw-csv'])
    expect(second.status, second.stderr).toBe(0)
    const safeBytes = fs.readFileSync(safe)
    const rawBytes = fs.readFileSync(raw)
    expect(safeBytes.subarray(0, 3)).toEqual(BOM)
    expect(rawBytes.subarray(0, 3)).not.toEqual(BOM)
    expect(safeBytes.toString('utf8')).toContain(`"'=HYPERLINK(`)
    expect(rawBytes.toString('utf8')).toContain(`"=HYPERLINK(`)
  })
})
