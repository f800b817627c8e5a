import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openProject } from '../../../src/main/services/db'
import { runCli } from '../../helpers/cli'
import { tempDir } from '../../helpers/tempDir'
import { createSmallProject, smallCounts } from '../main/services/exporters/smallProject'

function smallProject(): { dir: string; file: string } {
  const dir = tempDir()
  const { file, db } = createSmallProject(dir)
  db.close()
  return { dir, file }
}

const exportTo = (file: string, out: string, ...flags: string[]) => runCli(['export', file, '--format', 'csv', '--out', out, ...flags])

function expectProjectIntact(file: string): void {
  const db = openProject(file, { readOnly: true })
  try {
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(smallCounts.items)
  } finally {
    db.close()
  }
}

describe('castor export/report --out refuse to destroy what is there', () => {
  it('refuses the project file itself, through another spelling of its path too', () => {
    const { dir, file } = smallProject()
    for (const out of [file, path.join(dir, '.', 'sub', '..', path.basename(file))]) {
      const result = exportTo(file, out, '--force')
      expect(result.status).toBe(1)
      expect(result.stderr).toContain('is the project file')
    }
    const report = runCli(['report', file, '--out', file, '--force'])
    expect(report.status).toBe(1)
    expect(report.stderr).toContain('is the project file')
    expectProjectIntact(file)
  })

  it("refuses the project's -wal and -shm, and a hard link to the project", () => {
    const { dir, file } = smallProject()
    const link = path.join(dir, 'same-inode.csv')
    fs.linkSync(file, link)
    for (const out of [`${file}-wal`, `${file}-shm`, link]) {
      const result = exportTo(file, out, '--force')
      expect(result.status, out).toBe(1)
      expect(result.stderr).toContain('is the project file')
    }
    expect(fs.existsSync(`${file}-wal`)).toBe(false)
    expectProjectIntact(file)
  })

  it('refuses an existing file unless --force', () => {
    const { dir, file } = smallProject()
    const out = path.join(dir, 'old.csv')
    fs.writeFileSync(out, 'keep me')
    const refused = exportTo(file, out)
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain(`${out} already exists; pass --force to replace it`)
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me')
    const report = runCli(['report', file, '--out', out])
    expect(report.status).toBe(1)
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me')

    const forced = exportTo(file, out, '--force')
    expect(forced.status, forced.stderr).toBe(0)
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^\uFEFFinstruction_id,/)
    const forcedReport = runCli(['report', file, '--out', out, '--force'])
    expect(forcedReport.status, forcedReport.stderr).toBe(0)
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/)
  })

  it('refuses a symlink, even with --force, and leaves it and its target alone', () => {
    const { dir, file } = smallProject()
    const target = path.join(dir, 'target.txt')
    fs.writeFileSync(target, 'target')
    const link = path.join(dir, 'link.csv')
    fs.symlinkSync(target, link)
    for (const args of [['export', file, '--format', 'csv', '--out', link, '--force'], ['report', file, '--out', link, '--force']]) {
      const result = runCli(args)
      expect(result.status).toBe(1)
      expect(result.stderr).toContain('is a symbolic link')
    }
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true)
    expect(fs.readFileSync(target, 'utf8')).toBe('target')
  })

  it('refuses a FIFO, even with --force, and leaves it a FIFO', () => {
    const { dir, file } = smallProject()
    const fifo = path.join(dir, 'pipe.csv')
    execFileSync('mkfifo', [fifo])
    for (const args of [['export', file, '--format', 'csv', '--out', fifo, '--force'], ['report', file, '--out', fifo, '--force']]) {
      const result = runCli(args)
      expect(result.status).toBe(1)
      expect(result.stderr).toContain('is not a regular file')
    }
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true)
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([])
  })
})
