import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { EventName } from '@shared/api/events'
import { openProject } from '../../../../src/main/services/db'
import { createHost } from '../../../../src/main/host/createHost'
import { watchProjectData } from '../../../../src/main/host/dataWatch'
import { mayReceive } from '../../../../src/main/transports/http/eventSocket'
import { tempDir } from '../../../helpers/tempDir'

describe('watching the project for other processes’ writes', () => {
  it('sends project-changed with new counts and project-data-changed after another connection commits, and nothing for its own writes', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'p.castor')
    const host = createHost({ transport: 'web', canSwitchProjects: true, demoProjectPath: path.join(dir, 'demo.castor') })
    host.project.open(file, { create: true })
    const seen: { name: EventName; instructions?: number }[] = []
    host.events.subscribe((name, payload) => {
      seen.push({ name, ...(name === 'project-changed' && payload ? { instructions: (payload as { counts: { instructions: number } }).counts.instructions } : {}) })
    })
    const stop = watchProjectData(host.project, host.events, 20)
    const tick = () => new Promise((resolve) => setTimeout(resolve, 80))
    try {
      await tick()
      // The host's own connection writing is not "another process".
      host.project.require().db.prepare("INSERT INTO instructions (external_id, text) VALUES ('own', 'text')").run()
      await tick()
      expect(seen).toEqual([])

      const other = openProject(file)
      other.prepare("INSERT INTO instructions (external_id, text) VALUES ('cli', 'text')").run()
      other.close()
      await tick()
      expect(seen).toEqual([{ name: 'project-changed', instructions: 2 }, { name: 'project-data-changed' }])
    } finally {
      stop()
      host.project.close()
    }
  })

  it('never sends project-data-changed to annotators', () => {
    expect(mayReceive({ role: 'annotator', annotatorId: 1, name: 'a' }, 'project-data-changed')).toBe(false)
    expect(mayReceive({ role: 'lead', annotatorId: 2, name: 'b' }, 'project-data-changed')).toBe(true)
  })
})
