import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SimulationReport } from '../../../../src/shared/api/simulationModels'
import { dispatch } from '../../../../src/main/handlers/dispatch'
import { createHost } from '../../../../src/main/host/createHost'
import { writeCompleteProject } from '../../../helpers/completeProject'
import { tempDir } from '../../../helpers/tempDir'

describe('simulate-start', () => {
  it('runs the simulation on the open project as a job for a lead; annotators are refused', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'complete.castor')
    writeCompleteProject(file, { instructions: 60, models: 2, criteria: 2, experts: 3 })
    const host = createHost({ transport: 'web', canSwitchProjects: true, demoProjectPath: path.join(dir, 'demo.castor'), suggestedLanguage: 'en' })
    host.project.open(file)
    const lead = { role: 'lead' as const, annotatorId: 1, name: 'Lead' }
    const settings = { policy: 'judge-guided', judge: 'judge', alpha: 'ceiling', delta: 0.1, calibration: 60, minItems: 20, repeats: 12, seed: 2 }
    const reply = await dispatch(host, 'simulate-start', settings, lead)
    expect(reply).toMatchObject({ ok: true })
    const job = await host.jobs.settled((reply as { result: { jobId: string } }).result.jobId)
    expect(job).toMatchObject({ kind: 'simulate', status: 'done', done: 12, total: 12 })
    const report = SimulationReport.parse(job.result)
    expect(report.repeats).toBe(12)
    expect(report.calibration).toEqual({ answers: 60, chosenBy: 'set' })
    const annotator = { role: 'annotator' as const, annotatorId: 2, name: 'Анна' }
    expect(await dispatch(host, 'simulate-start', settings, annotator)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await dispatch(host, 'simulate-start', { ...settings, policy: 'greedy' }, lead)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })
})
