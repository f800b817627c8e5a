import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { latestSchemaVersion, openProject, schemaVersion } from '../../../../../src/main/services/db'
import { tempDir } from '../../../../helpers/tempDir'

describe('openProject', () => {
  it('creates a migrated WAL file with foreign keys on', () => {
    const file = path.join(tempDir(), 'a.castor')
    const db = openProject(file, { create: true })
    expect(schemaVersion(db)).toBe(latestSchemaVersion)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.prepare("SELECT value FROM project_meta WHERE key = 'name'").pluck().get()).toBe('a')
    db.close()
  })

  it('refuses a missing file unless asked to create it', () => {
    expect(() => openProject(path.join(tempDir(), 'missing.castor'))).toThrow(/No project file/)
  })

  it('refuses a SQLite file that is not a Castor project, and leaves it alone', () => {
    const file = path.join(tempDir(), 'other.db')
    const other = new Database(file)
    other.exec('CREATE TABLE t (x)')
    other.close()
    const before = fs.readFileSync(file)
    expect(() => openProject(file)).toThrow(/not a Castor project/)
    expect(fs.readFileSync(file).equals(before)).toBe(true)
  })

  it('opens read-only without writing', () => {
    const file = path.join(tempDir(), 'b.castor')
    openProject(file, { create: true }).close()
    const db = openProject(file, { readOnly: true })
    expect(db.readonly).toBe(true)
    expect(() => db.exec("INSERT INTO project_meta VALUES ('x', 'y')")).toThrow(/readonly/)
    db.close()
  })

  it('refuses a file from a newer Castor', () => {
    const file = path.join(tempDir(), 'c.castor')
    const db = openProject(file, { create: true })
    db.pragma(`user_version = ${latestSchemaVersion + 1}`)
    db.close()
    expect(() => openProject(file)).toThrow(/newer than this Castor/)
  })
})

describe('openProject read-only', () => {
  it('leaves no -wal or -shm files behind', () => {
    const file = path.join(tempDir(), 'd.castor')
    openProject(file, { create: true }).close()
    expect(fs.existsSync(`${file}-wal`)).toBe(false)
    const db = openProject(file, { readOnly: true })
    db.prepare('SELECT count(*) FROM items').get()
    db.close()
    expect(fs.existsSync(`${file}-wal`)).toBe(false)
    expect(fs.existsSync(`${file}-shm`)).toBe(false)
  })
})
