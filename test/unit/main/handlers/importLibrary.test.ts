import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/handlers/dispatch'
import { createHost } from '../../../../src/main/host/createHost'
import { openProject } from '../../../../src/main/services/db'
import { tempDir } from '../../../helpers/tempDir'

/** A host like `castor serve`'s: one project, no host paths. */
function servedProject() {
  const dir = tempDir()
  const file = path.join(dir, 'p.castor')
  openProject(file, { create: true }).close()
  const host = createHost({ transport: 'web', canSwitchProjects: false, demoProjectPath: path.join(dir, 'demo.castor'), suggestedLanguage: 'ru' })
  host.project.open(file)
  return host
}

describe('import-start from the built-in POLLUX library', () => {
  it('imports the criteria library and the task taxonomy as jobs whose summaries count what was added', async () => {
    const host = servedProject()
    const criteria = await dispatch(host, 'import-start', { source: { library: 'pollux-criteria' } })
    if (!criteria.ok) throw new Error(criteria.error.message)
    const criteriaJob = await host.jobs.settled((criteria.result as { jobId: string }).jobId)
    expect(criteriaJob).toMatchObject({ status: 'done', result: { file: 'pollux/criteria.json', format: 'pollux-criteria', rows: 295, added: { criteria: 295 } } })

    // The library implies its format, whatever the request says.
    const tasks = await dispatch(host, 'import-start', { source: { library: 'pollux-tasks' }, format: 'generic-jsonl' })
    if (!tasks.ok) throw new Error(tasks.error.message)
    expect(await host.jobs.settled((tasks.result as { jobId: string }).jobId)).toMatchObject({ status: 'done', result: { format: 'pollux-tasks', added: { tasks: 198 } } })
    expect(await dispatch(host, 'project-info', {})).toMatchObject({ ok: true, result: { counts: { criteria: 295 } } })
  })

  it('is the owner’s alone, and takes only the known libraries', async () => {
    const host = servedProject()
    const lead = { role: 'lead' as const, annotatorId: 1, name: 'Lead' }
    expect(await dispatch(host, 'import-start', { source: { library: 'pollux-criteria' } }, lead)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await dispatch(host, 'import-start', { source: { library: '../../etc/passwd' } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })
})
