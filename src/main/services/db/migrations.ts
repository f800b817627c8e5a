import type Database from 'better-sqlite3'
import { CastorError } from '@shared/api/errors'
import { migrationList } from './migrations/index'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const migrations: Migration[] = [...migrationList].sort((a, b) => a.version - b.version)

export const latestSchemaVersion = migrations.length ? migrations[migrations.length - 1].version : 0

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Brings the file to the latest schema, one transaction per migration. Refuses files from a newer Castor. */
/** Every command says the same of a file from a newer Castor, read-only or not. */
export function requireKnownSchema(version: number, file: string): void {
  if (version > latestSchemaVersion) {
    throw new CastorError(
      'conflict',
      `${file} has schema version ${version}, newer than this Castor understands (${latestSchemaVersion}); update Castor to open it`,
      { file },
    )
  }
}

export function migrate(db: Database.Database, file: string): void {
  const current = schemaVersion(db)
  requireKnownSchema(current, file)
  for (const migration of migrations) {
    if (migration.version <= current) continue
    db.transaction(() => {
      db.exec(migration.sql)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
}
