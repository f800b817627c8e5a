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

  it('gives what EM item by item gives, though it runs over distinct observation patterns', () => {
    // three annotators, three labels, every annotator on every item: at most 27 patterns (× allowed sets) for 3,000 items
    const { input: base } = simulate([0.9, 0.6, 0.2], [null, null, [0.1, 0.1, 0.8]], 3000, 3, 11)
    const allowed = new Uint8Array(3000 * 3).fill(1)
    for (let i = 0; i < 3000; i += 7) allowed[i * 3 + 1] = 0 // some items cannot take label 1
    for (let n = 0; n < base.length; n++) if (!allowed[base.item[n] * 3 + base.label[n]]) allowed[base.item[n] * 3 + base.label[n]] = 1
    const input = { ...base, allowed }
    const options = { restarts: 3, iterations: 30, seed: 5, smoothing: 0.01, tolerance: 0 }
    const fast = mace(input, options)
    const slow = itemByItem(input, options)
    fast.competence.forEach((theta, j) => expect(theta, `θ ${j}`).toBeCloseTo(slow.competence[j], 9))
    fast.posterior.forEach((p, at) => expect(p, `posterior ${at}`).toBeCloseTo(slow.posterior[at], 9))
  })
})

/** MACE's EM written plainly, one item at a time (the seeded starts as mace() draws them), for comparison. */
function itemByItem(input: MaceInput & { allowed: Uint8Array }, options: { restarts: number; iterations: number; seed: number; smoothing: number; tolerance: number }) {
  const { items, annotators, labels } = input
  const byItem = Array.from({ length: items }, () => [] as [number, number][])
  for (let n = 0; n < input.length; n++) byItem[input.item[n]].push([input.annotator[n], input.label[n]])
  let best = { logLikelihood: -Infinity, competence: new Float64Array(0), posterior: new Float64Array(0) }
  for (let restart = 0; restart < options.restarts; restart++) {
    const random = generator((options.seed * 1_000_003 + restart * 7919) | 0)
    const theta: number[] = []
    const xi: number[][] = []
    for (let j = 0; j < annotators; j++) {
      theta.push(random())
      const row = Array.from({ length: labels }, () => random() + 1e-3)
      const sum = row.reduce((a, b) => a + b, 0)
      xi.push(row.map((v) => v / sum))
    }
    const posterior = new Float64Array(items * labels)
    let logLikelihood = 0
    for (let step = 0; step <= options.iterations; step++) {
      logLikelihood = 0
      const knows = new Array(annotators).fill(0)
      const spam = Array.from({ length: annotators }, () => new Array(labels).fill(0))
      for (let i = 0; i < items; i++) {
        const p = Array.from({ length: labels }, (_, k) =>
          input.allowed[i * labels + k] ? byItem[i].reduce((acc, [j, a]) => acc * ((a === k ? theta[j] : 0) + (1 - theta[j]) * xi[j][a]), 1) : 0,
        )
        const total = p.reduce((a, b) => a + b, 0)
        logLikelihood += Math.log(total)
        p.forEach((v, k) => (posterior[i * labels + k] = v / total))
        for (const [j, a] of byItem[i]) {
          const k = (posterior[i * labels + a] * theta[j]) / (theta[j] + (1 - theta[j]) * xi[j][a])
          knows[j] += k
          spam[j][a] += 1 - k
        }
      }
      if (step === options.iterations) break
      for (let j = 0; j < annotators; j++) {
        const observed = byItem.reduce((count, list) => count + list.filter(([who]) => who === j).length, 0)
        theta[j] = (knows[j] + options.smoothing) / (observed + 2 * options.smoothing)
        const sum = spam[j].reduce((a, b) => a + b + options.smoothing, 0)
        xi[j] = spam[j].map((v) => (v + options.smoothing) / sum)
      }
    }
    if (logLikelihood > best.logLikelihood) best = { logLikelihood, competence: Float64Array.from(theta), posterior: posterior.slice() }
  }
  return best
}
