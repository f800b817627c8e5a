import fs from 'node:fs'
import path from 'node:path'

/** What `castor serve` leaves next to the project while it runs: who serves it, and where. */
export interface ServeLock {
  pid: number
  url: string
  startedAt: string
}

export const serveLockPath = (projectFile: string): string => `${path.resolve(projectFile)}.serve-lock`

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // alive, but another user's
  }
}

function readLock(file: string): ServeLock | null {
  try {
    const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as ServeLock
    return Number.isInteger(lock.pid) && lock.pid > 0 && typeof lock.url === 'string' ? lock : null
  } catch {
    return null
  }
}

/**
 * An advisory lock: SQLite lets two servers write one file, but each keeps its own sessions and pushes its own
 * events, so annotators of one never hear of the other's changes. The second server is told who holds the file (a
 * lock whose process is gone is stale and taken over); nothing is refused. A folder that cannot be written (a
 * read-only project) gets no lock.
 */
export function acquireServeLock(projectFile: string, url: string): { holder: ServeLock | null; release(): void } {
  const file = serveLockPath(projectFile)
  const holder = readLock(file)
  if (holder && holder.pid !== process.pid && isAlive(holder.pid)) return { holder, release: () => undefined }
  const mine: ServeLock = { pid: process.pid, url, startedAt: new Date().toISOString() }
  try {
    fs.rmSync(file, { force: true })
    fs.writeFileSync(file, JSON.stringify(mine) + '\n', { flag: 'wx' })
  } catch {
    const racer = readLock(file)
    if (racer && racer.pid !== process.pid && isAlive(racer.pid)) return { holder: racer, release: () => undefined }
    return { holder: null, release: () => undefined }
  }
  return {
    holder: null,
    release: () => {
      if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true })
    },
  }
}

export function describeHolder(projectFile: string, holder: ServeLock): string {
  return (
    `castor serve: warning: another castor serve (pid ${holder.pid}, ${holder.url}) already serves ${path.resolve(projectFile)}; ` +
    'annotators of one server do not see the other’s live updates. Stop one of them, or serve a copy.\n'
  )
}
