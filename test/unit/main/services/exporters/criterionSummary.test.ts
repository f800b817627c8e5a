import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { computeProjectStats } from '../../../../../src/main/services/analytics'
import { exportProject } from '../../../../../src/main/services/exporters'
import { tempDir } from '../../../../helpers/tempDir'
import { createSmallProject } from './smallProject'

describe('criterion summary export', () => {
  it('writes one record per criterion with the agreement figures and judge measures of castor stats', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    const report = await computeProjectStats(db)
    const out = path.join(dir, 'criteria.jsonl')
    const result = await exportProject(db, 'criterion-summary', out)
    db.close()
    const records = fs.readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(result.rows).toBe(records.length)
    expect(records.map((r) => r.criterion)).toEqual(Object.keys(report.agreement.byCriterion))
    const correct = records.find((r) => r.criterion === 'Правильность ответа')!
    const group = report.agreement.byCriterion['Правильность ответа']
    expect(correct).toMatchObject({
      items: group.items,
      annotations: group.annotations,
      percent_agreement: group.percentAgreement.value,
      krippendorff_alpha_ordinal: group.krippendorffAlpha.ordinal.value,
      judges: { 'judge-x': { n: report.judges['judge-x'].byCriterion['Правильность ответа'].n } },
    })
    expect(group.items).toBe(2)
  })

  it('writes CSV with a column per figure, neutralising a criterion name that looks like a formula', async () => {
    const dir = tempDir()
    const { db } = createSmallProject(dir)
    db.prepare("UPDATE criteria SET name = '=1+1' WHERE id = 1").run()
    const out = path.join(dir, 'criteria.csv')
    await exportProject(db, 'criterion-summary', out)
    db.close()
    const rows = parse(fs.readFileSync(out, 'utf8'), { bom: true, columns: true }) as Record<string, string>[]
    expect(rows.map((r) => r.criterion)).toContain("'=1+1")
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['percent_agreement', 'krippendorff_alpha_ordinal', 'judge:judge-x:spearman']))
  })
})
