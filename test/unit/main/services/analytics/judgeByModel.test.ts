import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { JUDGE_MODEL_MEASURES } from '@shared/api/statsMeasures'
import { computeProjectStats } from '../../../../../src/main/services/analytics'
import { openProject } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { repoRoot } from '../../../../helpers/cli'
import { tempDir } from '../../../../helpers/tempDir'

const FIXTURE = path.join(repoRoot, 'test/fixtures/stats/project.jsonl')

interface Row { instruction_id: string; model: string; criterion: string; annotator?: string; judge?: string; score: number | null }

/** The model cards' verdict confidence, counted naively from the rows: per item, experts' scores + the judge's. */
function naiveVoter(rows: Row[], judge: string) {
  const experts = new Map<string, number[]>()
  const judged = new Map<string, { model: string; score: number }>()
  for (const row of rows) {
    if (row.score === null || row.score === undefined) continue
    const key = `${row.instruction_id}|${row.model}|${row.criterion}`
    if (row.annotator) experts.set(key, [...(experts.get(key) ?? []), row.score])
    else if (row.judge === judge) judged.set(key, { model: row.model, score: row.score })
  }
  const byModel = new Map<string, number[]>()
  const all: number[] = []
  for (const [key, { model, score }] of judged) {
    const votes = experts.get(key)
    if (!votes) continue
    const assigned = [...votes, score]
    const vc = Math.max(...assigned.map((v) => assigned.filter((w) => w === v).length)) / assigned.length
    all.push(vc)
    byModel.set(model, [...(byModel.get(model) ?? []), vc])
  }
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length
  return { all: mean(all), byModel: new Map([...byModel].map(([model, list]) => [model, mean(list)])) }
}

describe("a judge per answer model, as the model cards tabulate it", () => {
  it('gives verdict confidence with the judge as one more voter, per model, and the average over models', async () => {
    const file = path.join(tempDir(), 'p.castor')
    const db = openProject(file, { create: true })
    try {
      await importFile(db, FIXTURE, { format: 'generic-jsonl' })
    } finally {
      db.close()
    }
    const report = await computeProjectStats(file)
    const rows = fs.readFileSync(FIXTURE, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Row)
    for (const [name, judge] of Object.entries(report.judges)) {
      const naive = naiveVoter(rows, name)
      expect(judge.verdictConfidence.value, name).toBeCloseTo(naive.all, 12)
      expect(Object.keys(judge.byModel).sort()).toEqual([...naive.byModel.keys()].sort())
      for (const [model, value] of naive.byModel) expect(judge.byModel[model].verdictConfidence.value, `${name} ${model}`).toBeCloseTo(value, 12)
      // "Avg.": the mean over answer models, not the pooled figure
      const models = Object.values(judge.byModel)
      expect(judge.averageOverModels.models).toBe(models.length)
      for (const measure of JUDGE_MODEL_MEASURES) {
        const defined = models.map((m) => measure.pick(m).value).filter((v): v is number => v !== null)
        const average = measure.pick(judge.averageOverModels as never)
        if (defined.length === 0) expect(average.value).toBeNull()
        else expect(average.value, `${name} ${measure.key}`).toBeCloseTo(defined.reduce((a, b) => a + b, 0) / defined.length, 12)
      }
    }
    expect(Object.keys(report.judges).length).toBeGreaterThan(0)
  })
})
