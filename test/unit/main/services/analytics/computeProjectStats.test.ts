import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { StatsReport, type CompareMeasures, type Stat } from '@shared/api/statsModels'
import { computeProjectStats, loadProject, topProbability } from '../../../../../src/main/services/analytics'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { repoRoot } from '../../../../helpers/cli'
import { tempDir } from '../../../../helpers/tempDir'

/* eslint-disable @typescript-eslint/no-explicit-any */
const fixtures = path.join(repoRoot, 'test/fixtures/stats')
const reference = JSON.parse(fs.readFileSync(path.join(fixtures, 'reference.json'), 'utf8')).project

function expectStat(stat: Stat, expected: number | null, label: string) {
  if (expected === null || expected === undefined) {
    expect(stat.value, label).toBeNull()
    expect(stat.reason, label).toMatch(/\w/)
  } else {
    expect(stat.value, label).not.toBeNull()
    expect(Math.abs(stat.value! - expected), `${label}: ${stat.value} vs ${expected}`).toBeLessThan(1e-6)
  }
}

function expectAgreement(actual: any, expected: any, label: string) {
  expect(actual.items, label).toBe(expected.items)
  expect(actual.annotations, label).toBe(expected.annotations)
  expectStat(actual.verdictConfidence, expected.verdictConfidence, `${label} verdict confidence`)
  expectStat(actual.percentAgreement, expected.percentAgreement, `${label} percent agreement`)
  expectStat(actual.krippendorffAlpha.nominal, expected.alphaNominal, `${label} α nominal`)
  expectStat(actual.krippendorffAlpha.ordinal, expected.alphaOrdinal, `${label} α ordinal`)
  expectStat(actual.krippendorffAlpha.interval, expected.alphaInterval, `${label} α interval`)
  expectStat(actual.fleissKappa, expected.fleissKappa, `${label} Fleiss`)
  expectStat(actual.gwetAC1, expected.gwetAC1, `${label} AC1`)
  expectStat(actual.gwetAC2, expected.gwetAC2, `${label} AC2`)
  expectStat(actual.icc.icc21, expected.icc21, `${label} ICC(2,1)`)
  expectStat(actual.icc.icc2k, expected.icc2k, `${label} ICC(2,k)`)
  if (expected.pairwise && actual.pairwise) {
    expect(actual.pairwise.map((p: any) => [p.a, p.b, p.n]), label).toEqual(expected.pairwise.map((p: any) => [p.a, p.b, p.n]))
    actual.pairwise.forEach((p: any, k: number) => {
      for (const w of ['unweighted', 'linear', 'quadratic']) expectStat(p[w], expected.pairwise[k][w], `${label} κ ${w} ${p.a}/${p.b}`)
    })
  }
}

function expectCompare(actual: CompareMeasures, expected: any, label: string) {
  expect(actual.n, label).toBe(expected.n)
  for (const key of ['spearman', 'kendallTauB', 'pearson', 'mae', 'rmse', 'accuracy', 'macroF1'] as const) expectStat(actual[key], expected[key], `${label} ${key}`)
}

async function importedProject(): Promise<{ db: Db; file: string }> {
  const file = path.join(tempDir(), 'p.castor')
  const db = openProject(file, { create: true })
  await importFile(db, path.join(fixtures, 'project.jsonl'), { format: 'generic-jsonl' })
  return { db, file }
}

describe('computeProjectStats on an imported generic long file', () => {
  it('matches the numpy/scipy/sklearn reference for agreement, judges, system level, per instruction and the ceiling', async () => {
    const { db } = await importedProject()
    const report = await computeProjectStats(db)
    db.close()
    expect(StatsReport.parse(report)).toEqual(report)
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/)

    expectAgreement(report.agreement, reference.agreement, 'overall')
    for (const [name, expected] of Object.entries<any>(reference.agreement.byCriterion)) expectAgreement(report.agreement.byCriterion[name], expected, name)
    for (const [name, expected] of Object.entries<any>(reference.agreement.byModel)) expectAgreement(report.agreement.byModel[name], expected, name)
    expect(report.agreement.fleissKappa.value).toBeNull()

    expect(Object.keys(report.judges).sort()).toEqual(['judge-good', 'judge-noisy'])
    for (const [name, expected] of Object.entries<any>(reference.judges)) {
      const judge = report.judges[name]
      expectCompare(judge, expected, name)
      expect(judge.confusion, name).toEqual(expected.confusion)
      for (const key of ['spearman', 'kendallTauB', 'pearson'] as const) {
        expectStat(judge.systemLevel[key], expected.systemLevel[key], `${name} system ${key}`)
        expectStat(judge.perInstruction[key], expected.perInstruction[key], `${name} per instruction ${key}`)
      }
      expect(judge.perInstruction.instructions).toBe(expected.perInstruction.instructions)
      for (const [criterion, e] of Object.entries<any>(expected.byCriterion)) {
        expectCompare(judge.byCriterion[criterion], e, `${name}/${criterion}`)
        expect(judge.byCriterion[criterion].confusion).toEqual(e.confusion)
        for (const key of ['spearman', 'kendallTauB', 'pearson'] as const) {
          expectStat(judge.byCriterion[criterion].systemLevel[key], e.systemLevel[key], `${name}/${criterion} system ${key}`)
          expectStat(judge.byCriterion[criterion].perInstruction[key], e.perInstruction[key], `${name}/${criterion} per instruction ${key}`)
        }
      }
      for (const [model, e] of Object.entries<any>(expected.byModel)) expectCompare(judge.byModel[model], e, `${name}/${model}`)
      expect(judge.calibration.n).toBe(0)
      expect(judge.calibration.ece.value).toBeNull()
    }
    expectCompare(report.ceiling.pooled, reference.ceiling.pooled, 'ceiling')
    for (const [name, e] of Object.entries<any>(reference.ceiling.byAnnotator)) expectCompare(report.ceiling.byAnnotator[name], e, `ceiling ${name}`)
    for (const [name, e] of Object.entries<any>(reference.ceiling.byCriterion)) expectCompare(report.ceiling.byCriterion[name], e, `ceiling ${name}`)
  })

  it('reads the first submitted value of a revised annotation, skips drafts and not-applicable scores', async () => {
    const { db } = await importedProject()
    const before = loadProject(db)
    const [annotationId, itemId] = db.prepare("SELECT id, item_id FROM annotations WHERE score IS NOT NULL AND status = 'submitted' ORDER BY id LIMIT 1").raw().get() as [number, number]
    const original = db.prepare('SELECT score FROM annotations WHERE id = ?').pluck().get(annotationId) as number
    // revised later: the report keeps the first submitted value
    db.prepare("INSERT INTO annotation_revisions (annotation_id, revision, score, not_applicable, status) VALUES (?, 1, ?, 0, 'submitted')").run(annotationId, original)
    db.prepare('UPDATE annotations SET score = ? WHERE id = ?').run(original === 0 ? 1 : 0, annotationId)
    const revised = loadProject(db)
    const valueOf = (input: typeof before) => {
      for (let r = 0; r < input.scores.length; r++) if (input.itemId[input.scores.item[r]] === itemId && input.annotatorNames[input.scores.rater[r]] === input.annotatorNames[before.scores.rater[0]]) return input.scores.value[r]
      return undefined
    }
    expect(revised.scores.length).toBe(before.scores.length)
    expect(valueOf(revised)).toBe(valueOf(before))
    // unless the project counts the latest values (workbench setting) or the caller asks for them
    expect(valueOf(loadProject(db, undefined, 'latest'))).toBe(original === 0 ? 1 : 0)
    db.prepare("UPDATE workbench_settings SET agreement_source = 'latest'").run()
    expect(valueOf(loadProject(db))).toBe(original === 0 ? 1 : 0)
    db.prepare("UPDATE workbench_settings SET agreement_source = 'first'").run()
    // a draft never submitted is not a score
    db.prepare("UPDATE annotations SET status = 'draft' WHERE id = (SELECT max(id) FROM annotations WHERE score IS NOT NULL)").run()
    expect(loadProject(db).scores.length).toBe(before.scores.length - 1)
    db.close()
  })

  it('bootstraps in worker threads: seeded, the same for any thread count, intervals around the value', async () => {
    const { db } = await importedProject()
    const one = await computeProjectStats(db, { bootstrap: 60, seed: 3, threads: 1 })
    const two = await computeProjectStats(db, { bootstrap: 60, seed: 3, threads: 2 })
    db.close()
    expect(two).toEqual(one)
    expect(one.options.bootstrap).toBe(60)
    const alpha = one.agreement.krippendorffAlpha.interval
    expect(alpha.ci).toBeDefined()
    expect(alpha.ci![0]).toBeLessThanOrEqual(alpha.value!)
    expect(alpha.ci![1]).toBeGreaterThanOrEqual(alpha.value!)
    const judge = one.judges['judge-good']
    expect(judge.spearman.ci![0]).toBeLessThan(judge.spearman.ci![1])
    expect(one.agreement.byCriterion['Логичность'].gwetAC1.ci).toBeDefined()
    expect(one.agreement.fleissKappa.ci).toBeUndefined()
  })

  it('reads calibration from stored score probabilities', async () => {
    const { db } = await importedProject()
    const rows = db.prepare("SELECT j.id, j.score FROM judgments j JOIN judge_runs r ON r.id = j.run_id WHERE r.name = 'judge-good'").raw().all() as [number, number][]
    const update = db.prepare('UPDATE judgments SET score_probabilities = ? WHERE id = ?')
    rows.forEach(([id, score], k) => update.run(JSON.stringify({ [String(score)]: 0.55 + (k % 5) * 0.1, [String(score + 10)]: 0.05 }), id))
    const report = await computeProjectStats(db)
    db.close()
    const c = report.judges['judge-good'].calibration
    expect(c.n).toBe(report.judges['judge-good'].n)
    expect(c.bins).toHaveLength(10)
    expect(c.bins.reduce((s, b) => s + b.n, 0)).toBe(c.n)
    // argmax = the judge's score, so accuracy per bin is the judge's accuracy on that bin's items
    const hits = c.bins.reduce((s, b) => s + (b.accuracy ?? 0) * b.n, 0)
    expect(Math.abs(hits / c.n - report.judges['judge-good'].accuracy.value!)).toBeLessThan(1e-9)
    expect(c.ece.value).toBeGreaterThan(0)
    expect(topProbability('{"0": 0.2, "1": 0.5, "2": 0.3}')).toEqual([1, 0.5])
    expect(topProbability('not json')).toBeNull()
  })

  it('gives null with reasons on an empty project instead of NaN or a crash', async () => {
    const file = path.join(tempDir(), 'empty.castor')
    openProject(file, { create: true }).close()
    const report = await computeProjectStats(file, { bootstrap: 10 })
    expect(report.agreement.items).toBe(0)
    expect(report.agreement.krippendorffAlpha.nominal).toEqual({ value: null, reason: 'no item has 2 or more scores' })
    expect(report.judges).toEqual({})
    expect(report.ceiling.pooled.n).toBe(0)
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/)
  })
})
