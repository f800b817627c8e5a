import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeProjectStats } from '../../../src/main/services/analytics'
import { AGREEMENT_MEASURES, COMPARE_MEASURES } from '../../../src/shared/api/statsMeasures'
import { repoRoot, runCli } from '../../helpers/cli'
import { tempDir } from '../../helpers/tempDir'

const fixtures = path.join(repoRoot, 'test/fixtures/stats')
const reference = JSON.parse(fs.readFileSync(path.join(fixtures, 'reference.json'), 'utf8')).project

function importedProject(): string {
  const project = path.join(tempDir(), 'p.castor')
  expect(runCli(['init', project]).status).toBe(0)
  const imported = runCli(['import', project, path.join(fixtures, 'project.jsonl')])
  expect(imported.status, imported.stderr).toBe(0)
  return project
}

describe('castor stats', () => {
  it('prints with --json the same figures as the engine, under the contract names', async () => {
    const project = importedProject()
    const result = runCli(['stats', project, '--json'])
    expect(result.status, result.stderr).toBe(0)
    const printed = JSON.parse(result.stdout)
    expect(printed).toEqual(JSON.parse(JSON.stringify(await computeProjectStats(project))))
    // the names other scripts rely on
    const a = printed.agreement
    for (const key of ['items', 'annotations', 'verdictConfidence', 'percentAgreement', 'krippendorffAlpha', 'fleissKappa', 'gwetAC1', 'byCriterion']) expect(a).toHaveProperty(key)
    expect(Object.keys(a.krippendorffAlpha).sort()).toEqual(['interval', 'nominal', 'ordinal'])
    const judge = printed.judges['judge-good']
    for (const key of ['n', 'spearman', 'kendallTauB', 'pearson', 'mae', 'rmse', 'accuracy', 'macroF1', 'systemLevel', 'perInstruction', 'byModel', 'byCriterion', 'verdictConfidence', 'averageOverModels']) expect(judge).toHaveProperty(key)
    for (const m of Object.values(judge.byModel) as { verdictConfidence: unknown }[]) expect(m).toHaveProperty('verdictConfidence')
    // and they are the scipy reference values
    expect(Math.abs(a.krippendorffAlpha.ordinal.value - reference.agreement.alphaOrdinal)).toBeLessThan(1e-6)
    expect(Math.abs(judge.kendallTauB.value - reference.judges['judge-good'].kendallTauB)).toBeLessThan(1e-6)
    expect(a.fleissKappa.value).toBeNull()
    expect(a.fleissKappa.reason).toMatch(/unequal numbers of scores/)
  })

  it('adds seeded bootstrap intervals with --bootstrap N, equal to the engine run with the same seed', async () => {
    const project = importedProject()
    const result = runCli(['stats', project, '--json', '--bootstrap', '40', '--seed', '5'])
    expect(result.status, result.stderr).toBe(0)
    const printed = JSON.parse(result.stdout)
    expect(printed.options.bootstrap).toBe(40)
    expect(printed.agreement.krippendorffAlpha.nominal.ci).toHaveLength(2)
    expect(printed).toEqual(JSON.parse(JSON.stringify(await computeProjectStats(project, { bootstrap: 40, seed: 5, threads: 1 }))))
  })

  it('prints a readable table without --json, and a coded error for a missing file', () => {
    const project = importedProject()
    const result = runCli(['stats', project])
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^Agreement: 63 items with ≥ 2 scores/)
    expect(result.stdout).toMatch(/judge-good/)
    // every measure of the one table is a column, ICC(2,k) included
    for (const m of [...AGREEMENT_MEASURES, ...COMPARE_MEASURES]) expect(result.stdout).toContain(m.short)
    expect(result.stdout).toMatch(/Avg\. over \d+ answer models: Spearman/)
    expect(result.stdout).toMatch(/Fleiss' κ needs the same number of raters per item/)
    const missing = runCli(['stats', path.join(tempDir(), 'none.castor'), '--json'])
    expect(missing.status).toBe(1)
    expect(JSON.parse(missing.stdout).error.code).toBe('not-found')
  })
})
