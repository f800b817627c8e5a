import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openProject } from '../../../src/main/services/db'
import { callerForToken } from '../../../src/main/services/workbench/identity'
import { runCli } from '../../helpers/cli'
import { tempDir } from '../../helpers/tempDir'

const tokenOf = (url: string) => new URL(url).searchParams.get('token') as string

describe('castor annotators', () => {
  it('adds annotators with links, lists them, re-issues and revokes links', () => {
    const file = path.join(tempDir(), 'team.castor')
    expect(runCli(['init', file]).status).toBe(0)

    const added = runCli(['annotators', 'add', file, 'Анна', '--language', 'ru', '--quota', '5', '--base-url', 'http://10.1.2.3:4817/'])
    expect(added.status).toBe(0)
    const [, firstUrl] = added.stdout.trim().split('\n')
    expect(firstUrl).toMatch(/^http:\/\/10\.1\.2\.3:4817\/\?token=[\w-]{43}$/)
    const lead = runCli(['annotators', 'add', file, 'Вера', '--lead', '--json'])
    expect(JSON.parse(lead.stdout)).toMatchObject({ annotator: { name: 'Вера', role: 'lead' }, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:4817\/\?token=/) })
    expect(runCli(['annotators', 'add', file, 'Анна']).status).toBe(1)

    const list = JSON.parse(runCli(['annotators', 'list', file, '--json']).stdout)
    expect(list).toMatchObject([
      { name: 'Анна', role: 'annotator', language: 'ru', quota: 5, hasLink: true },
      { name: 'Вера', role: 'lead', hasLink: true },
    ])

    const again = runCli(['annotators', 'link', file, 'Анна']).stdout.trim()
    expect(runCli(['annotators', 'revoke', file, 'Вера']).status).toBe(0)
    const db = openProject(file, { readOnly: true })
    try {
      expect(callerForToken(db, tokenOf(firstUrl))).toBeNull()
      expect(callerForToken(db, tokenOf(again))).toMatchObject({ role: 'annotator', name: 'Анна' })
      expect(callerForToken(db, tokenOf(JSON.parse(lead.stdout).url))).toBeNull()
    } finally {
      db.close()
    }
    const missing = runCli(['annotators', 'link', file, 'Никто'])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('No annotator')
  })
})
