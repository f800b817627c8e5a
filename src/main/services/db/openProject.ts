import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { CastorError } from '@shared/api/errors'
import { latestSchemaVersion, migrate, requireKnownSchema, schemaVersion } from './migrations'

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
  /** How long a statement waits for another connection's write lock before it fails as `busy`. */
  busyTimeoutMs?: number
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000

const PROJECT_ID = 0x43535452 // "CSTR", SQLite application_id of Castor project files

/** The project file each open connection reads (a read-only copy in memory has no file name of its own). */
const projectFiles = new WeakMap<Db, string>()

/** The absolute path of the project file `db` was opened from. */
export function projectFileOf(db: Db): string {
  return projectFiles.get(db) ?? path.resolve(db.name)
}

/** Opens (or creates) a project file: WAL, foreign keys on, migrated to the latest schema unless read-only. */
export function openProject(file: string, options: OpenOptions = {}): Db {
  const resolved = path.resolve(file)
  const exists = fs.existsSync(resolved)
  if (!exists && !options.create) throw new CastorError('not-found', `No project file at ${resolved}`, { file: resolved })
  if (exists && !options.create && fs.statSync(resolved).size === 0) {
    throw new CastorError('invalid-input', `${resolved} is an empty file, not a Castor project; create a project with castor init`, { file: resolved })
  }
  if (exists && options.create && fs.statSync(resolved).size > 0 && !isProjectFile(resolved)) {
    throw new CastorError('conflict', `${resolved} exists and is not a Castor project`, { file: resolved })
  }
  if (options.create) fs.mkdirSync(path.dirname(resolved), { recursive: true })
  if (exists && !options.readOnly) requireWritableFile(resolved)

  const sidecars = [`${resolved}-wal`, `${resolved}-shm`]
  const sidecarsExisted = sidecars.map((sidecar) => fs.existsSync(sidecar))
  const db = connect(resolved, options)
  projectFiles.set(db, resolved)
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`)
    const appId = db.pragma('application_id', { simple: true }) as number
    const version = schemaVersion(db)
    const hasTables = (db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number) > 0
    if (appId !== PROJECT_ID && (version !== 0 || hasTables || !options.create)) {
      throw new CastorError('invalid-input', `${resolved} is a SQLite file but not a Castor project`, { file: resolved })
    }
    requireKnownSchema(version, resolved)
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
  if (options.readOnly && !db.memory) removeSidecarsOnClose(db, sidecars, sidecarsExisted)
  return db
}

function connect(resolved: string, options: OpenOptions): Db {
  const nativeBinding = process.env[NATIVE_BINDING_ENV]
  const open = (source: string | Buffer) =>
    new Database(source, {
      readonly: options.readOnly === true,
      fileMustExist: !options.create,
      ...(nativeBinding ? { nativeBinding } : {}),
    })
  let db: Db | undefined
  try {
    db = open(resolved)
    // SQLite opens lazily: the first read is where a WAL file without a creatable -shm fails.
    if (options.readOnly) db.prepare('SELECT count(*) FROM sqlite_master').get()
    return db
  } catch (error) {
    db?.close()
    if (options.readOnly && cannotCreateSidecars(error)) return readOnlyCopy(resolved, open)
    throw new CastorError('invalid-input', `Cannot open ${resolved}: ${(error as Error).message}`, { file: resolved })
  }
}

/** SQLite reads a WAL file only with a -shm next to it, which it cannot make in a folder it may not write. */
function cannotCreateSidecars(error: unknown): boolean {
  const code = (error as { code?: string }).code
  return code === 'SQLITE_READONLY_DIRECTORY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY_CANTINIT'
}

/**
 * A project in a folder this process may not write (and with no -wal of pending writes) is read from a copy in
 * memory: better-sqlite3 has no URI support for SQLite's `immutable=1`. Its header is switched from WAL to the
 * rollback journal, which a copy in memory needs; the copy is read-only like the file.
 */
function readOnlyCopy(resolved: string, open: (source: Buffer) => Db): Db {
  const wal = `${resolved}-wal`
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) {
    throw new CastorError('read-only', `Cannot read ${resolved}: it has pending writes in ${wal} and its folder is not writable`, { file: resolved })
  }
  let bytes: Buffer
  try {
    bytes = fs.readFileSync(resolved)
  } catch (error) {
    throw new CastorError('invalid-input', `Cannot open ${resolved}: ${(error as Error).message}`, { file: resolved })
  }
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1
  try {
    return open(bytes)
  } catch (error) {
    throw new CastorError('invalid-input', `Cannot open ${resolved}: ${(error as Error).message}`, { file: resolved })
  }
}

/** A write needs the file and its folder (for -wal and -shm): refuse up front, naming the file, rather than fail later. */
function requireWritableFile(resolved: string): void {
  for (const target of [resolved, path.dirname(resolved)]) {
    try {
      fs.accessSync(target, fs.constants.W_OK)
    } catch {
      const what = target === resolved ? 'the file' : 'its folder'
      throw new CastorError('read-only', `${resolved} is read-only (${what} is not writable); open it read-only, or copy it somewhere writable`, {
        file: resolved,
      })
    }
  }
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
