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

  it('counts a judge score that no expert gave, and items with one expert score, as the naive count does', async () => {
    const dir = tempDir()
    const rows: Row[] = []
    // experts only ever give 0 or 2; the judge gives 1 on every item, and 2 on some; i3 has one expert score
    for (const [instruction, model, scores, judge] of [
      ['i1', 'm1', [0, 2], 1],
      ['i1', 'm2', [2, 2], 2],
      ['i2', 'm1', [0, 0], 1],
      ['i2', 'm2', [0, 2], 2],
      ['i3', 'm1', [2], 1],
      ['i3', 'm2', [2], 2],
    ] as const) {
      scores.forEach((score, a) => rows.push({ instruction_id: instruction, model, criterion: 'c', annotator: `e${a}`, score }))
      rows.push({ instruction_id: instruction, model, criterion: 'c', judge: 'j', score: judge })
    }
    const data = path.join(dir, 'rows.jsonl')
    fs.writeFileSync(data, rows.map((row) => JSON.stringify({ ...row, instruction: `text ${row.instruction_id}`, answer: `answer ${row.model}`, rubric: { 0: 'no', 1: 'partly', 2: 'yes' } })).join('\n'))
    const file = path.join(dir, 'p.castor')
    const db = openProject(file, { create: true })
    try {
      await importFile(db, data, { format: 'generic-jsonl' })
    } finally {
      db.close()
    }
    const judge = (await computeProjectStats(file)).judges.j
    const naive = naiveVoter(rows, 'j')
    // (2/3 + 2/3 + 2/3 + 2/3 + 1/2 + 1) / 6 by hand
    expect(naive.all).toBeCloseTo((4 * (2 / 3) + 0.5 + 1) / 6, 12)
    expect(judge.verdictConfidence.value).toBeCloseTo(naive.all, 12)
    for (const [model, value] of naive.byModel) expect(judge.byModel[model].verdictConfidence.value, model).toBeCloseTo(value, 12)
  })
})
