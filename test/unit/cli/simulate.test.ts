import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli'
import { writeCompleteProject } from '../../helpers/completeProject'
import { tempDir } from '../../helpers/tempDir'

describe('castor simulate', () => {
  it('--json prints progress lines, then one report with expertScores, itemLevel, estimates and byCriterion', () => {
    const file = path.join(tempDir('castor-simulate-'), 'complete.castor')
    writeCompleteProject(file, { instructions: 150, models: 3, criteria: 2, experts: 3, committee: 2, seed: 5 })
    const result = runCli(['simulate', file, '--policy', 'judge-guided', '--judge', 'judge', '--alpha', 'ceiling', '--delta', '0.1', '--calibration', '200', '--max-experts', '3', '--repeats', '40', '--seed', '3', '--threads', '2', '--json'])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line))
    const report = lines.at(-1)
    expect(lines.slice(0, -1).every((line) => line.event === 'progress')).toBe(true)
    expect(lines.at(-2)).toMatchObject({ event: 'progress', done: 40, total: 40 })
    expect(report.expertScores.fixedK).toBe(150 * 3 * 2 * 3)
    expect(report.expertScores.used).toBeLessThan(report.expertScores.fixedK)
    expect(report.expertScores.savedShare).toBeCloseTo(1 - report.expertScores.used / report.expertScores.fixedK, 12)
    expect(Object.keys(report.itemLevel).sort()).toEqual(['acceptedShare', 'alpha', 'delta', 'disagreementOnAccepted', 'populationViolationRate', 'violationRate'])
    expect(report.itemLevel.delta).toBe(0.1)
    expect(report.alphaMode).toBe('ceiling')
    expect(Object.keys(report.estimates).sort()).toEqual(['ciWidthRatio', 'coverage', 'rankingKendallTau'])
    expect(Object.keys(report.byCriterion)).toEqual(['Критерий 1', 'Критерий 2'])
    expect(report.calibration).toEqual({ answers: 200, chosenBy: 'set' })

    const committee = runCli(['simulate', file, '--policy', 'judge-guided', '--judge', 'judge', '--committee', 'vote-1', '--committee', 'vote-2', '--repeats', '5', '--seed', '1', '--json'])
    expect(committee.status).toBe(0)
    expect(JSON.parse(committee.stdout.trim().split('\n').at(-1)!).committee).toEqual(['vote-1', 'vote-2'])
  })

  it('refuses an unknown run and a run without probabilities, naming it', () => {
    const file = path.join(tempDir('castor-simulate-'), 'complete.castor')
    writeCompleteProject(file, { instructions: 5, models: 2, criteria: 1, experts: 2, committee: 1 })
    const unknown = runCli(['simulate', file, '--policy', 'judge-guided', '--judge', 'nope', '--repeats', '1', '--seed', '1'])
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toMatch(/No judge run named "nope".*judge, noise, vote-1/)
    const bare = runCli(['simulate', file, '--policy', 'judge-guided', '--judge', 'vote-1', '--repeats', '1', '--seed', '1'])
    expect(bare.status).toBe(1)
    expect(bare.stderr).toMatch(/"vote-1" stored no score probabilities/)
  })
})
