import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NATIVE_BINDING_ENV } from '../../../../../src/main/services/db/openProject'
import { openProject, useNativeBinding } from '../../../../../src/main/services/db'
import { repoRoot } from '../../../../helpers/cli'
import { tempDir } from '../../../../helpers/tempDir'

// The desktop app's better-sqlite3 is built for Electron; its path must reach worker threads (which copy the
// environment) and the packaged `castor` launcher (which sets it), not only the main thread's module state.
describe('the better-sqlite3 binding for another runtime', () => {
  const before = process.env[NATIVE_BINDING_ENV]
  afterEach(() => {
    if (before === undefined) delete process.env[NATIVE_BINDING_ENV]
    else process.env[NATIVE_BINDING_ENV] = before
  })

  it('is chosen once and then used by every open, through the environment', () => {
    const missing = path.join(tempDir(), 'electron', 'better_sqlite3.node')
    useNativeBinding(missing)
    expect(process.env[NATIVE_BINDING_ENV]).toBe(missing)
    expect(() => openProject(path.join(tempDir(), 'a.castor'), { create: true })).toThrow(missing)

    useNativeBinding(path.join(repoRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))
    openProject(path.join(tempDir(), 'b.castor'), { create: true }).close()

    useNativeBinding(undefined)
    expect(process.env[NATIVE_BINDING_ENV]).toBeUndefined()
    openProject(path.join(tempDir(), 'c.castor'), { create: true }).close()
  })

  it('is taken from CASTOR_SQLITE_BINDING when a launcher or a parent thread set it', () => {
    const missing = path.join(tempDir(), 'packaged', 'native', 'better_sqlite3.node')
    process.env[NATIVE_BINDING_ENV] = missing
    expect(() => openProject(path.join(tempDir(), 'a.castor'), { create: true })).toThrow(missing)
  })
})
