import { afterEach, describe, expect, it } from 'vitest'
import { openProject, type Db } from '../../../../../src/main/services/db'
import { progress } from '../../../../../src/main/services/workbench'
import { cachedView } from '../../../../../src/main/services/workbench/viewCache'
import { makeWorkbenchProject } from './workbenchKit'

/** Lead views are reused only while the project is unchanged: by this connection, another one, or a rollback. */
describe('cachedView', () => {
  const open: Db[] = []
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close()
  })

  const project = () => {
    const made = makeWorkbenchProject({ answers: 3 })
    open.push(made.db)
    return made
  }
  const annotators = (db: Db) => cachedView(db, 'count', () => (db.prepare('SELECT count(*) FROM annotators').pluck().get() as number))

  it('computes once while nothing changes, again after a write on the same connection', () => {
    const { db } = project()
    let computed = 0
    const view = () => cachedView(db, 'progress', () => (computed++, progress(db)))
    const first = view()
    expect(view()).toBe(first)
    expect(computed).toBe(1)
    db.prepare("INSERT INTO annotators (name, role) VALUES ('Анна', 'annotator')").run()
    view()
    expect(computed).toBe(2)
  })

  it('sees a commit made by another connection to the same file', () => {
    const { db, file } = project()
    expect(annotators(db)).toBe(0)
    const other = openProject(file)
    open.push(other)
    other.prepare("INSERT INTO annotators (name, role) VALUES ('Борис', 'annotator')").run()
    expect(annotators(db)).toBe(1)
  })

  it('keeps nothing inside a transaction, so rows rolled back are not shown afterwards', () => {
    const { db } = project()
    expect(annotators(db)).toBe(0)
    db.exec('BEGIN IMMEDIATE')
    db.prepare("INSERT INTO annotators (name, role) VALUES ('Вера', 'annotator')").run()
    expect(annotators(db)).toBe(1)
    db.exec('ROLLBACK')
    expect(annotators(db)).toBe(0)
  })

  it('keys views apart', () => {
    const { db } = project()
    expect(cachedView(db, 'a', () => 'A')).toBe('A')
    expect(cachedView(db, 'b', () => 'B')).toBe('B')
    expect(cachedView(db, 'a', () => 'other')).toBe('A')
  })
})
