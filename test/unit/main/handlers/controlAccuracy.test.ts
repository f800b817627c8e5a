import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { QualityItem, QualityReport } from '../../../../src/shared/api/qualityOperations'
import { dispatch } from '../../../../src/main/handlers/dispatch'
import { createHost } from '../../../../src/main/host/createHost'
import { computeProjectQuality } from '../../../../src/main/services/analytics/quality'
import type { Db } from '../../../../src/main/services/db'
import { addAnnotator, claimNext, controlFeedback, markControl, revise, submit, updateControlSettings } from '../../../../src/main/services/workbench'
import { runCli } from '../../../helpers/cli'
import { tempDir } from '../../../helpers/tempDir'
import { itemsOf, makeWorkbenchProject } from '../services/workbench/workbenchKit'

const ok = <T>(reply: { ok: boolean; result?: unknown; error?: unknown }): T => {
  expect(reply, JSON.stringify(reply.error)).toMatchObject({ ok: true })
  return reply.result as T
}

const values = (itemId: number, score: number | null) => ({ itemId, score, notApplicable: score === null, rationale: 'r', activeMs: 1000 })

/**
 * Four answers on two criteria; three items are controls: A (answer 0, criterion 0, reference 2), B (answer 0,
 * criterion 1, reference 1) and C (answer 1, criterion 0, reference 0). With feedback on, Анна submits A = 1, is told
 * the reference and revises A to 2; she says N/A on B and 0 on C. Борис: A = 2, B = 1, C = 1. Every other item: 1.
 */
function scoredProject() {
  const { db, file, responseIds } = makeWorkbenchProject({ answers: 4, criteria: 2 })
  const [a, b] = itemsOf(db, responseIds[0])
  const [c] = itemsOf(db, responseIds[1])
  for (const [itemId, score] of [
    [a, 2],
    [b, 1],
    [c, 0],
  ]) markControl(db, { itemId, score, note: 'эталон' }, 'Вера')
  updateControlSettings(db, { rate: 0.5, feedback: true })
  const person = (name: string) => addAnnotator(db, { name, role: 'annotator', language: null, quota: null, filters: {} }).annotator.id
  const scoreAll = (who: number, scores: Map<number, number | null>) => {
    for (let claim = claimNext(db, who); claim.responseId !== null; claim = claimNext(db, who)) {
      for (const itemId of itemsOf(db, claim.responseId)) submit(db, who, values(itemId, scores.has(itemId) ? (scores.get(itemId) as number | null) : 1))
    }
  }
  const anna = person('Анна')
  scoreAll(
    anna,
    new Map([
      [a, 1],
      [b, null],
      [c, 0],
    ]),
  )
  expect(controlFeedback(db, a)).toEqual({ referenceScore: 2, note: 'эталон' })
  revise(db, anna, values(a, 2))
  scoreAll(
    person('Борис'),
    new Map([
      [a, 2],
      [b, 1],
      [c, 1],
    ]),
  )
  expect(db.prepare('SELECT count(*) FROM annotations WHERE status = ?').pluck().get('submitted')).toBe(16)
  return { db, file, controls: { a, b, c } }
}

function served(db: Db, file: string) {
  db.close()
  const dir = tempDir()
  const host = createHost({ transport: 'web', canSwitchProjects: true, demoProjectPath: path.join(dir, 'demo.castor'), suggestedLanguage: 'en' })
  host.project.open(file)
  return host
}

describe('control accuracy, one rule on every screen', () => {
  it('Team › Controls, Team › Quality, computeProjectQuality and castor quality --json count the blind first submission, N/A wrong', async () => {
    const { db, file, controls } = scoredProject()
    const host = served(db, file)

    const teamControls = ok<{ name: string; n: number; correct: number }[]>(await dispatch(host, 'control-accuracy', {}))
    expect(teamControls.map(({ name, n, correct }) => ({ name, n, correct }))).toEqual([
      { name: 'Анна', n: 3, correct: 1 }, // A first 1 (revised to 2 after the feedback), B N/A, C right
      { name: 'Борис', n: 3, correct: 2 },
    ])

    const teamQuality = ok<QualityReport>(await dispatch(host, 'quality-compute', {}))
    const library = computeProjectQuality(file)
    const cli = runCli(['quality', file, '--json'])
    expect(cli.status, cli.stderr).toBe(0)
    const printed = JSON.parse(cli.stdout) as QualityReport
    for (const report of [teamQuality, library, printed]) {
      for (const { name, n, correct } of teamControls) expect(report.annotators[name].controlAccuracy).toEqual({ value: correct / n, n })
      const anna = report.annotators['Анна']
      expect(anna.byCriterion['Критерий 0'].controlAccuracy).toEqual({ value: 0.5, n: 2 })
      expect(anna.byCriterion['Критерий 1'].controlAccuracy).toEqual({ value: 0, n: 1 })
      // controls never count for agreement: only the five ordinary items are pairs
      expect(anna.agreementWithConsensus).toMatchObject({ value: 1, n: 5 })
    }

    // the click-through lists the scores the figure counted: A's blind 1, not the revision
    const behind = ok<{ total: number; rows: QualityItem[] }>(await dispatch(host, 'quality-items', { annotator: 'Анна', figure: 'controls' }))
    expect(behind.rows.map((row) => [row.itemId, row.score, row.revised])).toEqual([
      [controls.a, 1, true],
      [controls.b, null, false],
      [controls.c, 0, false],
    ])
    host.project.close()
  })
})
