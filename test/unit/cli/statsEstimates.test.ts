import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openProject } from '../../../src/main/services/db'
import { runCli } from '../../helpers/cli'
import { writeCompleteProject } from '../../helpers/completeProject'
import { tempDir } from '../../helpers/tempDir'

describe('castor stats: estimates', () => {
  it('--json carries `estimates` per run with probabilities; the text lists the ranking with both intervals', () => {
    const file = path.join(tempDir('castor-stats-est-'), 'p.castor')
    writeCompleteProject(file, { instructions: 60, models: 3, criteria: 1, experts: 2, committee: 1 })
    const db = openProject(file)
    db.prepare('DELETE FROM annotations WHERE item_id IN (SELECT id FROM items WHERE ((response_id - 1) / 3) % 3 <> 0)').run()
    db.close()
    const json = runCli(['stats', file, '--json'])
    expect(json.status).toBe(0)
    const report = JSON.parse(json.stdout)
    // vote-1 stored no probabilities: no estimate for it
    expect(Object.keys(report.estimates)).toEqual(['judge', 'noise'])
    expect(report.estimates.judge.byModel['model-1']).toMatchObject({ labeled: 20, unlabeled: 40 })
    expect(report.estimates.judge.ranking).toHaveLength(3)
    const text = runCli(['stats', file])
    expect(text.status).toBe(0)
    expect(text.stdout).toContain('Estimated mean scores, judge corrected by the experts (PPI++')
    const first = report.estimates.judge.ranking[0]
    expect(text.stdout).toMatch(new RegExp(`1\\. ${first.model} +20 +40 +${first.value.toFixed(3)} \\[${first.ci[0].toFixed(3)}, ${first.ci[1].toFixed(3)}\\]`))
  })
})
