import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectFileFromArgs } from '../../../../../src/main/transports/desktop/projectArguments'

describe('projectFileFromArgs', () => {
  it('finds the double-clicked .castor file, resolved against the starting folder', () => {
    expect(projectFileFromArgs(['/opt/Castor/castor-desktop', '/home/a/Study.castor'], '/')).toBe(path.resolve('/home/a/Study.castor'))
    expect(projectFileFromArgs(['C:\\Castor\\Castor.exe', 'data/ru.CASTOR'], '/work')).toBe(path.resolve('/work', 'data/ru.CASTOR'))
  })

  it('skips the executable, Chromium switches and the app folder that development starts pass', () => {
    expect(projectFileFromArgs(['electron', '.', '--no-sandbox', '--allow-file-access-from-files'], '/repo')).toBeNull()
    expect(projectFileFromArgs(['/x/project.castor'], '/')).toBeNull()
    expect(projectFileFromArgs(['electron', '--flag=a.castor', '/repo', 'b.castor'], '/repo')).toBe(path.resolve('/repo/b.castor'))
    expect(projectFileFromArgs(['castor', 'notes.txt', 'archive.castor.bak'], '/')).toBeNull()
  })
})
