import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeProjectStats } from '../../../../../../src/main/services/analytics'
import { computeProjectQuality } from '../../../../../../src/main/services/analytics/quality'
import { openProject } from '../../../../../../src/main/services/db'
import { repoRoot, runCli } from '../../../../../helpers/cli'
import { tempDir } from '../../../../../helpers/tempDir'

const fixtures = path.join(repoRoot, 'test/fixtures/quality')
type Figures = Record<string, unknown> & { n: number; byCriterion: Record<string, Figures>; kappaWithPeers: Record<string, { n: number; value: number | null }> }
const reference = JSON.parse(fs.readFileSync(path.join(fixtures, 'reference.json'), 'utf8')) as Record<string, Figures>

function project(): string {
  const file = path.join(tempDir(), 'q.castor')
  expect(runCli(['init', file]).status).toBe(0)
  const result = runCli(['import', file, path.join(fixtures, 'project.jsonl')])
  expect(result.status, result.stderr).toBe(0)
  return file
}

const close = (actual: { value: number | null } | undefined, expected: unknown) => {
  if (expected === null) expect(actual?.value ?? null).toBeNull()
  else expect(Math.abs((actual?.value ?? Number.NaN) - (expected as number))).toBeLessThan(1e-9)
}

function expectFigures(actual: Record<string, { value: number | null; n: number }>, expected: Figures, overall: boolean) {
  expect(actual.n).toBe(expected.n)
  close(actual.agreementWithConsensus, expected.agreementWithConsensus)
  expect(actual.agreementWithConsensus.n).toBe(expected.consensusN)
  close(actual.spearmanVsOthers, expected.spearmanVsOthers)
  close(actual.maeVsOthers, expected.maeVsOthers)
  close(actual.medianActiveSeconds, expected.medianActiveSeconds)
  close(actual.rushedShare, expected.rushedShare)
  close(actual.naShare, expected.naShare)
  close(actual.revisionRate, expected.revisionRate)
  if (overall) {
    close(actual.straightLiningShare, expected.straightLiningShare)
    expect(actual.straightLiningShare.n).toBe(expected.straightLiningN)
  }
  const judge = (actual as unknown as { agreementWithJudges: Record<string, { value: number; n: number }> }).agreementWithJudges['judge-a']
  const expectedJudge = expected.agreementWithJudge as { n: number; value: number }
  expect(judge.n).toBe(expectedJudge.n)
  close(judge, expectedJudge.value)
  const kappas = (actual as unknown as { kappaWithPeers: Record<string, { value: number | null; n: number }> }).kappaWithPeers
  expect(Object.keys(kappas).sort()).toEqual(Object.keys(expected.kappaWithPeers).sort())
  for (const [peer, k] of Object.entries(expected.kappaWithPeers)) {
    expect(kappas[peer].n).toBe(k.n)
    close(kappas[peer], k.value)
  }
}

describe('per-annotator quality', () => {
  it('equals the figures computed independently with numpy/scipy/sklearn (test/fixtures/quality/generate.py)', () => {
    const report = computeProjectQuality(project())
    expect(Object.keys(report.annotators).sort()).toEqual(Object.keys(reference).sort())
    for (const [name, expected] of Object.entries(reference)) {
      const actual = report.annotators[name] as unknown as Record<string, { value: number | null; n: number }> & { byCriterion: Record<string, Record<string, { value: number | null; n: number }>> }
      expectFigures(actual, expected, true)
      expect(Object.keys(actual.byCriterion).sort()).toEqual(Object.keys(expected.byCriterion).sort())
      for (const [criterion, figures] of Object.entries(expected.byCriterion)) expectFigures(actual.byCriterion[criterion], figures, false)
      expect(actual.controlAccuracy).toEqual({ value: null, reason: 'no control items', n: 0 })
    }
  })

  it('reuses the human ceiling of castor stats: the same agreement, Spearman and MAE per annotator', async () => {
    const file = project()
    const stats = await computeProjectStats(file)
    const quality = computeProjectQuality(file)
    for (const [name, ceiling] of Object.entries(stats.ceiling.byAnnotator)) {
      const q = quality.annotators[name]
      expect(q.agreementWithConsensus.value).toBe(ceiling.accuracy.value)
      expect(q.spearmanVsOthers.value).toBe(ceiling.spearman.value)
      expect(q.maeVsOthers.value).toBe(ceiling.mae.value)
    }
  })

  it('ranks the spammer last by MACE competence and is identical for a fixed seed', () => {
    const file = project()
    const a = computeProjectQuality(file, { seed: 4, bootstrap: 50 })
    const b = computeProjectQuality(file, { seed: 4, bootstrap: 50 })
    expect(b).toEqual(a)
    const theta = Object.entries(a.annotators).map(([name, f]) => [name, f.maceCompetence.value!] as const)
    const lowest = theta.reduce((x, y) => (y[1] < x[1] ? y : x))
    expect(lowest[0]).toBe('Спамер')
    expect(lowest[1]).toBeLessThan(0.2)
    // intervals hold their estimate
    for (const f of Object.values(a.annotators)) {
      for (const figure of [f.agreementWithConsensus, f.maeVsOthers]) {
        expect(figure.ci).toHaveLength(2)
        expect(figure.ci![0]).toBeLessThanOrEqual(figure.value!)
        expect(figure.ci![1]).toBeGreaterThanOrEqual(figure.value!)
      }
    }
  })

  it('reads control accuracy from control_items by the one rule: the blind first submission counts, not a later revision', () => {
    const file = path.join(tempDir(), 'controls.castor')
    fs.copyFileSync(project(), file)
    const db = openProject(file)
    let revisedItem: number
    let firstScore: number
    try {
      const item = db.prepare("SELECT a.item_id, a.score FROM annotations a JOIN annotators p ON p.id = a.annotator_id WHERE p.name = 'Эксперт 1' AND a.score IS NOT NULL ORDER BY a.item_id LIMIT 2").raw().all() as [number, number][]
      ;[revisedItem] = item[0]
      firstScore = db
        .prepare("SELECT r.score FROM annotation_revisions r JOIN annotations a ON a.id = r.annotation_id JOIN annotators p ON p.id = a.annotator_id WHERE p.name = 'Эксперт 1' AND a.item_id = ? AND r.revision = 1")
        .pluck()
        .get(revisedItem) as number
      expect(firstScore).not.toBe(item[0][1]) // the fixture revised this one (first_score 0, score 2)
      db.prepare("INSERT INTO control_items (item_id, score, source) VALUES (?, ?, 'typed')").run(item[0][0], item[0][1])
      db.prepare("INSERT INTO control_items (item_id, score, source) VALUES (?, ?, 'typed')").run(item[1][0], item[1][1] + 10)
    } finally {
      db.close()
    }
    // Before the one rule this read the latest score and gave 0.5: the reference equals the revision, not the blind
    // first submission, and a revision made after the feedback would always be right. Both are wrong now.
    expect(computeProjectQuality(file).annotators['Эксперт 1'].controlAccuracy).toEqual({ value: 0, n: 2 })
    const again = openProject(file)
    try {
      again.prepare('UPDATE control_items SET score = ? WHERE item_id = ?').run(firstScore, revisedItem)
    } finally {
      again.close()
    }
    expect(computeProjectQuality(file).annotators['Эксперт 1'].controlAccuracy).toEqual({ value: 0.5, n: 2 })
  })
})

describe('castor quality', () => {
  it('prints the table as JSON in the documented shape, equal to the service', () => {
    const file = project()
    const result = runCli(['quality', file, '--json', '--bootstrap', '30', '--seed', '2'])
    expect(result.status, result.stderr).toBe(0)
    const printed = JSON.parse(result.stdout)
    const keys = ['n', 'agreementWithConsensus', 'spearmanVsOthers', 'maeVsOthers', 'maceCompetence', 'medianActiveSeconds', 'rushedShare', 'naShare', 'revisionRate', 'straightLiningShare', 'controlAccuracy', 'byCriterion']
    for (const figures of Object.values(printed.annotators) as Record<string, unknown>[]) {
      for (const key of keys) expect(figures).toHaveProperty(key)
      expect(Object.keys(figures.byCriterion as object).sort()).toEqual(['Логичность', 'Полнота'])
      expect(figures.controlAccuracy).toMatchObject({ value: null, reason: 'no control items' })
    }
    expect(printed.annotators).toEqual(JSON.parse(JSON.stringify(computeProjectQuality(file, { bootstrap: 30, seed: 2 }).annotators)))
  })

  it('prints a readable table, and a coded error for a missing file', () => {
    const result = runCli(['quality', project(), '--rushed', '5'])
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^Quality of 4 annotators \(rushed: under 5 s/)
    expect(result.stdout).toMatch(/Спамер/)
    const missing = runCli(['quality', path.join(tempDir(), 'none.castor')])
    expect(missing.status).not.toBe(0)
    expect(missing.stderr).toMatch(/none\.castor/)
  })
})

describe('MACE posterior labels in exports', () => {
  it('writes mace_label on every long row (the pooled fit of the quality screen), and the file imports back with the same stats', async () => {
    const { exportProject } = await import('../../../../../../src/main/services/exporters')
    const { fitMace } = await import('../../../../../../src/main/services/analytics/quality')
    const { readProject } = await import('../../../../../../src/main/services/analytics')
    const file = project()
    const out = path.join(tempDir(), 'long.jsonl')
    const db = openProject(file)
    try {
      await exportProject(db, 'jsonl', out)
    } finally {
      db.close()
    }
    const input = readProject(file)
    const fit = fitMace(input)
    const expected = new Map<string, number>()
    input.itemId.forEach((_, i) => {
      if (Number.isNaN(fit.label[i])) return
      const key = `${input.instructionNames[input.itemInstruction[i]]}|${input.modelNames[input.itemModel[i]]}|${input.criterionNames[input.itemCriterion[i]]}`
      expected.set(key, fit.label[i])
    })
    const rows = fs.readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    let labelled = 0
    for (const row of rows) {
      const label = expected.get(`${row.instruction_id}|${row.model}|${row.criterion_name}`)
      if (label === undefined) expect(row).not.toHaveProperty('mace_label')
      else {
        expect(row.mace_label).toBe(label)
        labelled++
      }
    }
    expect(labelled).toBeGreaterThan(100)
    const copy = path.join(tempDir(), 'copy.castor')
    expect(runCli(['init', copy]).status).toBe(0)
    const reimported = runCli(['import', copy, out])
    expect(reimported.status, reimported.stderr).toBe(0)
    const [before, after] = [await computeProjectStats(file), await computeProjectStats(copy)]
    expect(after.agreement).toEqual(before.agreement)
    expect(after.ceiling).toEqual(before.ceiling)
    // MACE sees the same scores (in another order within an item: equal up to rounding)
    const [q1, q2] = [computeProjectQuality(file).annotators, computeProjectQuality(copy).annotators]
    for (const name of Object.keys(q1)) expect(Math.abs(q2[name].maceCompetence.value! - q1[name].maceCompetence.value!)).toBeLessThan(1e-9)
  })
})

describe('the items behind a figure', () => {
  it('lists exactly the items each figure counts', async () => {
    const { readQualitySource, qualityItems, qualityOf } = await import('../../../../../../src/main/services/analytics/quality')
    const db = openProject(project(), { readOnly: true })
    try {
      const source = readQualitySource(db)
      const report = qualityOf(source).report
      const list = (annotator: string, figure: Parameters<typeof qualityItems>[1]['figure'], extra: { criterionId?: number; other?: string } = {}) =>
        qualityItems(source, { annotator, figure, rushedSeconds: 3, limit: 50_000, ...extra })
      for (const [name, f] of Object.entries(report.annotators)) {
        expect(list(name, 'scores').total).toBe(f.n)
        expect(list(name, 'consensus').total).toBe(f.agreementWithConsensus.n)
        expect(list(name, 'disagreeWithConsensus').total).toBe(Math.round(f.agreementWithConsensus.n * (1 - f.agreementWithConsensus.value!)))
        expect(list(name, 'notApplicable').total).toBe(Math.round(f.n * f.naShare.value!))
        expect(list(name, 'rushed').total).toBe(Math.round(f.rushedShare.n * f.rushedShare.value!))
        expect(list(name, 'revised').total).toBe(Math.round(f.n * f.revisionRate.value!))
        expect(list(name, 'judge', { other: 'judge-a' }).total).toBe(f.agreementWithJudges['judge-a'].n)
        for (const [peer, k] of Object.entries(f.kappaWithPeers)) expect(list(name, 'peer', { other: peer }).total).toBe(k.n)
        for (const criterion of report.criteria) expect(list(name, 'scores', { criterionId: criterion.id }).total).toBe(f.byCriterion[criterion.label]?.n ?? 0)
        const rows = list(name, 'disagreeWithConsensus').rows
        for (const row of rows) expect(row.score).not.toBe(row.consensus)
      }
      expect(list('nobody', 'scores')).toEqual({ total: 0, rows: [] })
    } finally {
      db.close()
    }
  })
})
