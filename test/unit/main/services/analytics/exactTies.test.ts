import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeProjectStats } from '../../../../../src/main/services/analytics'
import { exactScale, fromUnits, toUnits } from '../../../../../src/main/services/analytics/engine/exactMeans'
import { openProject } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { repoRoot } from '../../../../helpers/cli'
import { tempDir } from '../../../../helpers/tempDir'

const fixtures = path.join(repoRoot, 'test/fixtures/stats/ties')
const reference = JSON.parse(fs.readFileSync(path.join(fixtures, 'reference.json'), 'utf8'))

describe('exact ties between model means', () => {
  it('gives equal doubles for means equal as fractions, whatever the order of the items', () => {
    const thirds = [1 / 3, 2 / 3, 4 / 3, 5 / 3, 1 / 3, 4 / 3]
    const reordered = [4 / 3, 1 / 3, 5 / 3, 1 / 3, 2 / 3, 4 / 3]
    const scale = exactScale([0, 1, 2], [1, 3])
    const exact = (list: number[]) => fromUnits(list.reduce((a, v) => a + toUnits(v, scale), 0), list.length, scale)
    expect(scale).toBe(3)
    expect(exact(thirds)).toBe(exact(reordered))
    expect(exact(thirds)).toBe(17 / 18)
    // halves and two or four scores per item
    expect(exactScale([0, 0.5, 1], [2, 4])).toBe(8)
    // no small grid: plain floating-point sums
    expect(exactScale([0.1234567], [1])).toBe(0)
  })

  it("reports scipy's system-level Spearman and τ-b when two pairs of models tie exactly (11 models)", async () => {
    const file = path.join(tempDir(), 'ties.castor')
    const db = openProject(file, { create: true })
    try {
      await importFile(db, path.join(fixtures, 'ties.jsonl'), { format: 'generic-jsonl' })
    } finally {
      db.close()
    }
    const report = await computeProjectStats(file)
    const system = report.judges['judge-ties'].systemLevel
    expect(system.models).toHaveLength(reference.models)
    const mean = (model: string) => system.models.find((m) => m.model === model)!.expertMean
    for (const [a, b] of reference.tiedPairs) expect(mean(a)).toBe(mean(b))
    expect(Math.abs(system.spearman.value! - reference.systemLevel.spearman)).toBeLessThan(1e-12)
    expect(Math.abs(system.kendallTauB.value! - reference.systemLevel.kendallTauB)).toBeLessThan(1e-12)
    // the floating-point sums would have given other values
    expect(Math.abs(reference.floatingPoint.spearman - reference.systemLevel.spearman)).toBeGreaterThan(1e-4)
  })
})
