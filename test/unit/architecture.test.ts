import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../helpers/cli'

/** Every import specifier of every source file, resolved to a path under src/ when it is relative or @shared. */
function sourceImports(): { file: string; specifier: string; target: string | null }[] {
  const found: { file: string; specifier: string; target: string | null }[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (/\.(ts|tsx)$/.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8')
        for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
          const specifier = match[1] ?? match[2]
          const target = specifier.startsWith('.')
            ? path.relative(repoRoot, path.resolve(path.dirname(full), specifier))
            : specifier.startsWith('@shared/')
              ? path.join('src/shared', specifier.slice('@shared/'.length))
              : null
          found.push({ file: path.relative(repoRoot, full), specifier, target })
        }
      }
    }
  }
  walk(path.join(repoRoot, 'src'))
  return found
}

const imports = sourceImports()
const under = (folder: string) => (p: string | null) => p !== null && (p === folder || p.startsWith(`${folder}/`))

describe('the layering of the code', () => {
  it('sees the imports of the whole source tree', () => {
    expect(imports.length).toBeGreaterThan(200)
  })

  it('keeps src/shared free of anything outside it but zod', () => {
    const offending = imports.filter(
      ({ file, specifier, target }) => under('src/shared')(file) && (target ? !under('src/shared')(target) : specifier !== 'zod'),
    )
    expect(offending).toEqual([])
  })

  it('keeps the renderer on the contract: no main-process, CLI or Node code', () => {
    const offending = imports.filter(
      ({ file, specifier, target }) =>
        under('src/renderer')(file) && (under('src/main')(target) || under('src/cli')(target) || /^(node:|electron$|better-sqlite3$)/.test(specifier)),
    )
    expect(offending).toEqual([])
  })

  it('keeps Electron out of services, handlers, the host and the CLI (they run in plain Node)', () => {
    const plainNode = ['src/main/services', 'src/main/handlers', 'src/main/host', 'src/cli', 'src/main/transports/http'].map(under)
    const offending = imports.filter(({ file, specifier }) => plainNode.some((inside) => inside(file)) && /^electron(\/|$)/.test(specifier))
    expect(offending).toEqual([])
  })

  it('keeps services below handlers and transports', () => {
    const offending = imports.filter(
      ({ file, target }) => under('src/main/services')(file) && (under('src/main/handlers')(target) || under('src/main/transports')(target) || under('src/cli')(target)),
    )
    expect(offending).toEqual([])
  })
})
