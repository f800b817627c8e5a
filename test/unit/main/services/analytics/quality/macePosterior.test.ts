import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readProject } from '../../../../../../src/main/services/analytics'
import { fitMace } from '../../../../../../src/main/services/analytics/quality'
import { macePosteriorOf, pooledMace } from '../../../../../../src/main/services/analytics/quality/macePosterior'
import { startServer } from '../../../../../../src/main/transports/http/server'
import { repoRoot, runCli } from '../../../../../helpers/cli'
import { call } from '../../../transports/http/httpClient'

// one imported project for the whole file (tempDir's folders go after each test)
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'castor-mace-'))
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }))

function project(): string {
  const file = path.join(folder, 'q.castor')
  expect(runCli(['init', file]).status).toBe(0)
  const result = runCli(['import', file, path.join(repoRoot, 'test/fixtures/quality/project.jsonl')])
  expect(result.status, result.stderr).toBe(0)
  return file
}

/** Item indexes by number of expert scores. */
function scoreCounts(input: ReturnType<typeof readProject>): Int32Array {
  const counts = new Int32Array(input.itemCount)
  for (let r = 0; r < input.scores.length; r++) counts[input.scores.item[r]]++
  return counts
}

describe('MACE posterior of one item (the adjudication panel)', () => {
  const file = project()

  it("gives each item the pooled fit's label and its posterior over the scores", () => {
    const input = readProject(file)
    const fit = fitMace(input, { perCriterion: false })
    const pooled = pooledMace(input)
    const counts = scoreCounts(input)
    let fitted = 0
    let single = 0
    input.itemId.forEach((id, i) => {
      const posterior = macePosteriorOf(pooled, id)
      if (counts[i] === 0) return expect(posterior).toBeNull()
      expect(posterior!.label).toBe(fit.label[i])
      const entries = Object.entries(posterior!.probabilities)
      if (counts[i] === 1) {
        single++
        return expect(posterior!.probabilities).toEqual({ [String(fit.label[i])]: 1 })
      }
      fitted++
      expect(posterior!.fit).toEqual({ items: 56, experts: input.annotatorNames.length, weak: false })
      const total = entries.reduce((sum, [, p]) => sum + p, 0)
      expect(total).toBeGreaterThan(0.98)
      expect(total).toBeLessThanOrEqual(1 + 1e-9)
      const [best, bestP] = entries.reduce((a, b) => (b[1] > a[1] ? b : a))
      expect(Number(best)).toBe(fit.label[i])
      expect(Math.abs(bestP - fit.labelProbability[i])).toBeLessThan(1e-12)
    })
    expect(fitted).toBeGreaterThan(10)
    expect(single).toBe(0) // the fixture's items all have ≥ 2 scores: the single-score case is the next test's
    expect(macePosteriorOf(pooled, 987654321)).toBeNull()
  })

  it('gives an item with one expert score that score with probability 1', () => {
    const input = readProject(file)
    const target = input.scores.item[0]
    const keep = Array.from({ length: input.scores.length }, (_, r) => r).filter((r) => input.scores.item[r] !== target || r === 0)
    const pick = <T extends Int32Array | Float64Array>(array: T) => array.filter((_, r) => keep.includes(r)) as T
    const { item, rater, value, timeMs } = input.scores
    const oneScore = { ...input, scores: { item: pick(item), rater: pick(rater), value: pick(value), timeMs: pick(timeMs), length: keep.length } }
    expect(macePosteriorOf(pooledMace(oneScore), input.itemId[target])).toMatchObject({ label: value[0], probabilities: { [String(value[0])]: 1 } })
  })

  it('fits once while the expert scores are the same, and again when one changes', () => {
    const input = readProject(file)
    const first = pooledMace(input)
    expect(pooledMace(readProject(file))).toBe(first) // a new read of unchanged scores: no refit
    const changed = { ...input, scores: { ...input.scores, value: input.scores.value.slice() } }
    changed.scores.value[0] = changed.scores.value[0] === 0 ? 1 : 0
    expect(pooledMace(changed)).not.toBe(first)
  })

  it('reaches the lead in adjudication-item (through the analytics worker)', async () => {
    const input = readProject(file)
    const counts = scoreCounts(input)
    const i = counts.findIndex((n) => n >= 2)
    const expected = macePosteriorOf(pooledMace(input), input.itemId[i])
    const server = await startServer({ projectPath: file, rendererDir: '/nonexistent' })
    try {
      const reply = await call(`http://127.0.0.1:${server.port}`, server.token, 'adjudication-item', { itemId: input.itemId[i] })
      expect(reply.status, reply.body).toBe(200)
      const { mace } = reply.json<{ result: { mace: unknown } }>().result
      expect(mace).toEqual(expected)
    } finally {
      await server.close()
    }
  })
})
