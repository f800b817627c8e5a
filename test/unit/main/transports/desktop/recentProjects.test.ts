import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { recentProjectsFile } from '../../../../../src/main/transports/desktop/recentProjects'
import { tempDir } from '../../../../helpers/tempDir'

describe('recentProjectsFile', () => {
  it('keeps projects newest first, once each, across instances', () => {
    const file = path.join(tempDir(), 'user', 'recent.json')
    let tick = 0
    const recent = recentProjectsFile(file, () => new Date(Date.UTC(2025, 0, 1, 0, 0, tick++)))
    expect(recent.list()).toEqual([])
    recent.touch('/data/a.castor', 'a')
    recent.touch('/data/b.castor', 'b')
    recent.touch('/data/./a.castor', 'a')
    expect(recentProjectsFile(file).list()).toEqual([
      { path: '/data/a.castor', name: 'a', openedAt: '2025-01-01T00:00:02.000Z' },
      { path: '/data/b.castor', name: 'b', openedAt: '2025-01-01T00:00:01.000Z' },
    ])
    expect(recent.remove('/data/a.castor').map((p) => p.name)).toEqual(['b'])
    expect(recentProjectsFile(file).list().map((p) => p.name)).toEqual(['b'])
  })

  it('keeps at most twelve', () => {
    const recent = recentProjectsFile(path.join(tempDir(), 'recent.json'))
    for (let i = 0; i < 15; i++) recent.touch(`/p/${i}.castor`, String(i))
    const names = recent.list().map((p) => p.name)
    expect(names).toHaveLength(12)
    expect(names[0]).toBe('14')
  })

  it('reads a damaged or foreign file as empty, and replaces it on the next write', () => {
    const file = path.join(tempDir(), 'recent.json')
    fs.writeFileSync(file, '{"not": "a list"')
    const recent = recentProjectsFile(file)
    expect(recent.list()).toEqual([])
    fs.writeFileSync(file, JSON.stringify([{ path: 1 }]))
    expect(recent.list()).toEqual([])
    recent.touch('/p/x.castor', 'x')
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual([expect.objectContaining({ path: '/p/x.castor', name: 'x' })])
  })
})
