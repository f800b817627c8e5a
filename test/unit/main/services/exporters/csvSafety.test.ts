import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { neutraliseCell, protectQuotedCell, restoreCell } from '@shared/domain/spreadsheetCells'
import { openProject } from '../../../../../src/main/services/db'
import { exportProject } from '../../../../../src/main/services/exporters'
import { importFile } from '../../../../../src/main/services/importers'
import { tempDir } from '../../../../helpers/tempDir'
import { createSmallProject } from './smallProject'
import { addScoreStates, formulaTexts } from './scoreStates'

const BOM = Buffer.from([0xef, 0xbb, 0xbf])
const trigger = /^[=+\-@\t\r]/

function cellsOf(file: string): string[][] {
  return parse(fs.readFileSync(file), { bom: true, relax_column_count: true }) as string[][]
}

describe('spreadsheet safety of CSV exports', () => {
  it('neutralises every text cell that a spreadsheet would run as a formula, and starts with a UTF-8 BOM', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    addScoreStates(db)
    const out = path.join(dir, 'long.csv')
    await exportProject(db, 'csv', out)
    db.close()
    expect(fs.readFileSync(out).subarray(0, 3)).toEqual(BOM)
    const cells = cellsOf(out).flat()
    expect(cells.filter((cell) => trigger.test(cell))).toEqual([])
    expect(cells).toContain(`'${formulaTexts[0]}`)
    expect(cells).toContain("'-1+2")
    expect(cells).toContain("'@SUM(A1:A2)")
    expect(cells).toContain("'\tx")
    expect(cells).toContain("'+7 (900) 000-00-00")
    expect(cells).toContain("''=уже с кавычкой")
  })

  it('writes trigger cells as they are with rawCsv, and no BOM with bom: false', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    addScoreStates(db)
    const out = path.join(dir, 'raw.csv')
    await exportProject(db, 'csv', out, { rawCsv: true, bom: false })
    db.close()
    expect(fs.readFileSync(out).subarray(0, 3)).not.toEqual(BOM)
    const cells = cellsOf(out).flat()
    for (const text of formulaTexts.slice(0, 4)) expect(cells).toContain(text)
    expect(cells).toContain("''=уже с кавычкой")
  })

  it('always neutralises the item summary CSV, header cells included', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    db.exec(`UPDATE annotators SET name = '=cmd|'' /C calc''!A0' WHERE id = 1; UPDATE judge_runs SET name = '@judge' WHERE id = 1;
             UPDATE responses SET model = '-m' WHERE id = 2`)
    const out = path.join(dir, 'summary.csv')
    await exportProject(db, 'aggregate', out, { rawCsv: true })
    db.close()
    const rows = cellsOf(out)
    expect(rows[0]).toContain("'=cmd|' /C calc'!A0")
    expect(rows[0]).toContain('judge:@judge')
    expect(rows.flat().filter((cell) => trigger.test(cell))).toEqual([])
    expect(rows.flat()).toContain("'-m")
  })

  it('imports a CSV that starts with a BOM (Excel writes one), Cyrillic intact', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'excel.csv')
    fs.writeFileSync(file, Buffer.concat([BOM, Buffer.from('instruction_id,instruction,model,answer,criterion,rubric,annotator,score\nq1,Вопрос,m,Ответ,c1,"{""0"": ""нет"", ""1"": ""да""}",Анна,1\n')]))
    const db = openProject(path.join(dir, 'p.castor'), { create: true })
    try {
      await importFile(db, file, { format: 'auto' })
      expect(db.prepare('SELECT external_id, text FROM instructions').get()).toEqual({ external_id: 'q1', text: 'Вопрос' })
    } finally {
      db.close()
    }
  })

  it('restores exactly what either mode wrote', () => {
    const texts = ['', 'plain', "'", "''", "'plain", '=1', "'=1", "''=1", '-', "'-", '+', '@', '\t', '\r\n', "'\t", 'a=1', ' =1', "x'=1", ...formulaTexts]
    for (const text of texts) {
      expect(restoreCell(neutraliseCell(text))).toBe(text)
      expect(restoreCell(protectQuotedCell(text))).toBe(text)
      expect(trigger.test(neutraliseCell(text))).toBe(false)
    }
  })
})
