import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { CastorError } from '@shared/api/errors'
import { latestSchemaVersion, migrate, schemaVersion } from './migrations'

export type Db = Database.Database

/** Where a better-sqlite3 built for another runtime lives; read by every thread and child process. */
export const NATIVE_BINDING_ENV = 'CASTOR_SQLITE_BINDING'

/**
 * Electron needs better-sqlite3 built for its own ABI; main/index.ts points here before opening anything. The path
 * is kept in the environment so that worker threads (which copy it) and the packaged `castor` launcher (which
 * sets it) load the same build.
 */
export function useNativeBinding(bindingPath: string | undefined): void {
  if (bindingPath) process.env[NATIVE_BINDING_ENV] = bindingPath
  else delete process.env[NATIVE_BINDING_ENV]
}

export interface OpenOptions {
  /** Create the file when it does not exist (and refuse to open one that does not otherwise). */
  create?: boolean
  readOnly?: boolean
}

const PROJECT_ID = 0x43535452 // "CSTR", SQLite application_id of Castor project files

/** Opens (or creates) a project file: WAL, foreign keys on, migrated to the latest schema unless read-only. */
export function openProject(file: string, options: OpenOptions = {}): Db {
  const resolved = path.resolve(file)
  const exists = fs.existsSync(resolved)
  if (!exists && !options.create) throw new CastorError('not-found', `No project file at ${resolved}`, { file: resolved })
  if (exists && options.create && fs.statSync(resolved).size > 0 && !isProjectFile(resolved)) {
    throw new CastorError('conflict', `${resolved} exists and is not a Castor project`, { file: resolved })
  }
  if (options.create) fs.mkdirSync(path.dirname(resolved), { recursive: true })

  const sidecars = [`${resolved}-wal`, `${resolved}-shm`]
  const sidecarsExisted = sidecars.map((sidecar) => fs.existsSync(sidecar))
  let db: Db
  const nativeBinding = process.env[NATIVE_BINDING_ENV]
  try {
    db = new Database(resolved, {
      readonly: options.readOnly === true,
      fileMustExist: !options.create,
      ...(nativeBinding ? { nativeBinding } : {}),
    })
  } catch (error) {
    throw new CastorError('invalid-input', `Cannot open ${resolved}: ${(error as Error).message}`, { file: resolved })
  }
  try {
    db.pragma('busy_timeout = 5000')
    const appId = db.pragma('application_id', { simple: true }) as number
    const version = schemaVersion(db)
    const hasTables = (db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number) > 0
    if (appId !== PROJECT_ID && (version !== 0 || hasTables)) {
      throw new CastorError('invalid-input', `${resolved} is a SQLite file but not a Castor project`, { file: resolved })
    }
    if (!options.readOnly) db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('synchronous = NORMAL')
    if (options.readOnly) {
      if (version !== latestSchemaVersion) {
        throw new CastorError(
          'read-only',
          `${resolved} has schema version ${version}; open it once read-write to migrate it to ${latestSchemaVersion}`,
          { file: resolved },
        )
      }
    } else {
      if (version === 0) db.pragma(`application_id = ${PROJECT_ID}`)
      migrate(db, resolved)
      if (version === 0) {
        db.prepare("INSERT OR IGNORE INTO project_meta (key, value) VALUES ('created_at', ?), ('name', ?)").run(
          new Date().toISOString(),
          path.basename(resolved).replace(/\.castor$/i, ''),
        )
      }
    }
  } catch (error) {
    db.close()
    if (error instanceof CastorError) throw error
    throw new CastorError('invalid-input', `Cannot open ${resolved}: ${(error as Error).message}`, { file: resolved })
  }
  if (options.readOnly) removeSidecarsOnClose(db, sidecars, sidecarsExisted)
  return db
}

/**
 * A read-only connection to a WAL file creates empty -wal/-shm files it cannot remove; take them away again on
 * close when they were not there before and hold nothing, so `castor info` leaves a project folder as it found it.
 */
function removeSidecarsOnClose(db: Db, sidecars: string[], existed: boolean[]): void {
  const close = db.close.bind(db)
  db.close = () => {
    close()
    const wal = sidecars[0]
    if (existed[0] || (fs.existsSync(wal) && fs.statSync(wal).size > 0)) return db
    sidecars.forEach((sidecar, i) => {
      if (!existed[i]) fs.rmSync(sidecar, { force: true })
    })
    return db
  }
}

function isProjectFile(file: string): boolean {
  const header = Buffer.alloc(100)
  const fd = fs.openSync(file, 'r')
  try {
    fs.readSync(fd, header, 0, 100, 0)
  } finally {
    fs.closeSync(fd)
  }
  return header.toString('latin1', 0, 15) === 'SQLite format 3' && header.readUInt32BE(68) === PROJECT_ID
}
