import { describe, expect, it } from 'vitest'
import { generator } from '../../../../../../src/main/services/analytics/engine/bootstrap'
import { mace, type MaceInput } from '../../../../../../src/main/services/analytics/engine/mace'

/** Annotators with known competences: each knows the true label with probability θ, else guesses by its own habit. */
function simulate(competences: number[], habits: (number[] | null)[], items: number, labels: number, seed: number): { input: MaceInput; truth: Int32Array } {
  const random = generator(seed)
  const truth = Int32Array.from({ length: items }, () => Math.floor(random() * labels))
  const item: number[] = []
  const annotator: number[] = []
  const label: number[] = []
  competences.forEach((theta, j) => {
    const habit = habits[j] ?? Array.from({ length: labels }, () => 1 / labels)
    for (let i = 0; i < items; i++) {
      let a = truth[i]
      if (random() >= theta) {
        let u = random()
        a = 0
        while (a < labels - 1 && u >= habit[a]) u -= habit[a++]
      }
      item.push(i)
      annotator.push(j)
      label.push(a)
    }
  })
  return {
    truth,
    input: { items, annotators: competences.length, labels, item: Int32Array.from(item), annotator: Int32Array.from(annotator), label: Int32Array.from(label), length: item.length },
  }
}

describe('MACE', () => {
  // four annotators of decreasing competence, a uniform spammer and one who always answers 2
  const competences = [0.95, 0.8, 0.6, 0.4, 0, 0]
  const habits = [null, null, null, null, null, [0, 0, 1, 0, 0]]
  const { input, truth } = simulate(competences, habits, 400, 5, 7)

  it('recovers the order of known competences and gives spammers a competence near 0', () => {
    const result = mace(input, { restarts: 10, seed: 3 })
    const theta = Array.from(result.competence)
    const order = theta.map((t, j) => ({ t, j })).sort((a, b) => b.t - a.t).map(({ j }) => j)
    expect(order.slice(0, 4)).toEqual([0, 1, 2, 3])
    for (let j = 0; j < 4; j++) expect(Math.abs(theta[j] - competences[j])).toBeLessThan(0.1)
    expect(theta[4]).toBeLessThan(0.1)
    expect(theta[5]).toBeLessThan(0.1)
    // the posterior labels beat the majority vote of all six, and almost always name the truth
    let right = 0
    for (let i = 0; i < truth.length; i++) if (result.label[i] === truth[i]) right++
    expect(right / truth.length).toBeGreaterThan(0.95)
  })

  it('gives identical output for a fixed seed', () => {
    const a = mace(input, { restarts: 4, seed: 11 })
    const b = mace(input, { restarts: 4, seed: 11 })
    expect(Array.from(b.competence)).toEqual(Array.from(a.competence))
    expect(Array.from(b.posterior)).toEqual(Array.from(a.posterior))
    expect(b.logLikelihood).toBe(a.logLikelihood)
  })

  it('keeps the allowed labels and leaves unobserved items and annotators undefined', () => {
    const small: MaceInput = {
      items: 3,
      annotators: 3,
      labels: 3,
      item: Int32Array.from([0, 0, 1, 1]),
      annotator: Int32Array.from([0, 1, 0, 1]),
      label: Int32Array.from([1, 1, 2, 2]),
      length: 4,
      allowed: Uint8Array.from([1, 1, 0, 1, 1, 1, 1, 1, 1]),
    }
    const result = mace(small, { restarts: 2 })
    expect(result.posterior[2]).toBe(0)
    expect(Array.from(result.label)).toEqual([1, 2, -1])
    expect(Number.isNaN(result.competence[2])).toBe(true)
  })
})
