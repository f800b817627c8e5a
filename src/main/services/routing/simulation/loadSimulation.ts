import { CastorError } from '@shared/api/errors'
import type { Db } from '../../db'
import { roundHalfUp } from '../../analytics/engine/compare'
import { loadProject } from '../../analytics/load/loadProject'
import { committeeProbabilities, judgeConfidence } from '../guarantee'
import type { SimulationData } from './simulate'

export interface LoadedSimulation {
  data: SimulationData
  /** The project's k: the most expert scores an item has. */
  k: number
}

/**
 * Reads a complete project for the simulation: every item's expert scores (submitted, applicable; the project's
 * agreement source) and the judge's probabilities on it: the run's stored score probabilities, or, with a committee,
 * the vote shares of the judge's and the committee runs' scores.
 */
export function loadSimulation(db: Db, judge: string, committee: string[], measure: 'top' | 'entropy'): LoadedSimulation {
  const input = loadProject(db)
  const runNames = input.judges.map((j) => j.name)
  const runOf = (name: string) => {
    const run = input.judges.find((j) => j.name === name)
    if (!run) throw new CastorError('not-found', `No judge run named "${name}" with successful judgments (runs: ${runNames.join(', ') || 'none'})`, { field: 'judge', value: name })
    return run
  }
  const main = runOf(judge)
  const voters = committee.map(runOf)
  const N = input.itemCount
  // answers
  const itemResponse = new Map<number, number>()
  for (const [id, response] of db.prepare('SELECT id, response_id FROM items').raw().iterate() as Iterable<[number, number]>) itemResponse.set(id, response)
  const answerIndex = new Map<number, number>()
  const itemAnswer = new Int32Array(N)
  for (let i = 0; i < N; i++) {
    const response = itemResponse.get(input.itemId[i])!
    let a = answerIndex.get(response)
    if (a === undefined) answerIndex.set(response, (a = answerIndex.size))
    itemAnswer[i] = a
  }
  // expert scores per item (CSR)
  const expertOffsets = new Int32Array(N + 1)
  for (let k = 0; k < input.scores.length; k++) expertOffsets[input.scores.item[k] + 1]++
  for (let i = 0; i < N; i++) expertOffsets[i + 1] += expertOffsets[i]
  const cursor = expertOffsets.slice(0, N)
  const expertValues = new Float64Array(input.scores.length)
  for (let k = 0; k < input.scores.length; k++) expertValues[cursor[input.scores.item[k]]++] = input.scores.value[k]
  let k = 0
  for (let i = 0; i < N; i++) {
    const count = expertOffsets[i + 1] - expertOffsets[i]
    if (count === 0) {
      throw new CastorError('invalid-input', `The simulation needs a complete project: item ${input.itemId[i]} has no expert score`, { field: 'item', value: input.itemId[i] })
    }
    k = Math.max(k, count)
  }
  const levels = input.criterionLevels.map((l, c) => (l ? Array.from(l) : distinctScores(input, expertValues, expertOffsets, c)))
  const fullMean = new Float64Array(N)
  const consensus = new Float64Array(N)
  for (let i = 0; i < N; i++) {
    let sum = 0
    for (let j = expertOffsets[i]; j < expertOffsets[i + 1]; j++) sum += expertValues[j]
    fullMean[i] = sum / (expertOffsets[i + 1] - expertOffsets[i])
    consensus[i] = roundHalfUp(fullMean[i], Float64Array.from(levels[input.itemCriterion[i]]))
  }
  // the judge's probabilities over each item's allowed scores
  const probabilities: (number[] | null)[] = new Array(N).fill(null)
  if (voters.length) {
    const votes: number[][] = Array.from({ length: N }, () => [])
    for (const run of [main, ...voters]) for (let j = 0; j < run.length; j++) votes[run.item[j]].push(run.score[j])
    for (let i = 0; i < N; i++) if (votes[i].length) probabilities[i] = committeeProbabilities(votes[i], levels[input.itemCriterion[i]])
  } else {
    const stored = db.prepare('SELECT j.item_id, j.score_probabilities FROM judgments j JOIN judge_runs r ON r.id = j.run_id WHERE r.name = ? AND j.error IS NULL AND j.score IS NOT NULL AND j.not_applicable = 0').raw()
    const itemIndex = new Map<number, number>()
    input.itemId.forEach((id, i) => itemIndex.set(id, i))
    let withProbabilities = 0
    for (const [itemId, json] of stored.iterate(judge) as Iterable<[number, string | null]>) {
      const i = itemIndex.get(itemId)
      if (i === undefined || !json) continue
      const parsed = JSON.parse(json) as Record<string, number>
      probabilities[i] = levels[input.itemCriterion[i]].map((score) => Number(parsed[String(score)] ?? 0))
      withProbabilities++
    }
    if (withProbabilities === 0) {
      throw new CastorError('invalid-input', `Judge run "${judge}" stored no score probabilities: give a committee (--committee RUN …) to use vote shares`, { field: 'judge', value: judge })
    }
  }
  const judgeTop = new Float64Array(N).fill(Number.NaN)
  const judgeExpected = new Float64Array(N).fill(Number.NaN)
  const confidence = new Float64Array(N).fill(Number.NaN)
  for (let i = 0; i < N; i++) {
    const p = probabilities[i]
    const allowed = levels[input.itemCriterion[i]]
    const total = p ? p.reduce((s, v) => s + v, 0) : 0
    if (!p || !(total > 0)) continue
    let best = 0
    let expected = 0
    for (let s = 0; s < p.length; s++) {
      if (p[s] > p[best]) best = s
      expected += (p[s] / total) * allowed[s]
    }
    judgeTop[i] = allowed[best]
    judgeExpected[i] = expected
    confidence[i] = judgeConfidence(p, measure)
  }
  return {
    k,
    data: {
      items: N,
      answers: answerIndex.size,
      itemAnswer,
      itemCriterion: input.itemCriterion,
      itemModel: input.itemModel,
      criterionNames: input.criterionNames,
      criterionLevels: levels,
      modelNames: input.modelNames,
      expertOffsets,
      expertValues,
      fullMean,
      consensus,
      judgeTop,
      judgeExpected,
      confidence,
    },
  }
}

/** A criterion without levels: the distinct expert scores seen on it. */
function distinctScores(input: ReturnType<typeof loadProject>, values: Float64Array, offsets: Int32Array, c: number): number[] {
  const seen = new Set<number>()
  for (let i = 0; i < input.itemCount; i++) if (input.itemCriterion[i] === c) for (let j = offsets[i]; j < offsets[i + 1]; j++) seen.add(values[j])
  return [...seen].sort((a, b) => a - b)
}
