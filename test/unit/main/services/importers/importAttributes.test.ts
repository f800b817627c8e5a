import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { OperationName } from '../../../../../src/shared/api/operations'
import { dispatch } from '../../../../../src/main/handlers/dispatch'
import { createHost } from '../../../../../src/main/host/createHost'
import { openProject } from '../../../../../src/main/services/db'
import { importFile } from '../../../../../src/main/services/importers'
import { savedMapping } from '../../../../../src/main/services/importers/savedMappings'
import { tempDir } from '../../../../helpers/tempDir'
import { expectImportError } from './importTestKit'

/** Columns kept as instruction attributes (`meta.<name>` in a mapping) and criteria sets attached by them. */
const hosts: ReturnType<typeof createHost>[] = []
afterEach(() => {
  for (const host of hosts.splice(0)) host.project.close()
})

function servedProject() {
  const dir = tempDir('castor-attributes-')
  const file = path.join(dir, 'p.castor')
  openProject(file, { create: true }).close()
  const host = createHost({ transport: 'web', canSwitchProjects: false, demoProjectPath: path.join(dir, 'demo.castor'), suggestedLanguage: 'en' })
  host.project.open(file)
  hosts.push(host)
  return { host, dir, db: () => host.project.require().db }
}

async function call<T>(host: ReturnType<typeof createHost>, name: OperationName, input: unknown): Promise<T> {
  const reply = await dispatch(host, name, input)
  if (!reply.ok) throw new Error(`${name}: ${reply.error.code}: ${reply.error.message}`)
  return reply.result as T
}

const mapping = { instruction_id: 'qid', instruction: 'prompt', model: 'system', answer: 'response', 'meta.source': 'origin', 'meta.domain': 'area' } as const
const header = 'qid,prompt,system,response,origin,area,notes\n'

describe('instruction attributes in a mapped import', () => {
  it('keeps mapped columns in instructions.meta (domain in its own column), unmapped ones nowhere, and saves the mapping with them', async () => {
    const { dir, db } = servedProject()
    const file = path.join(dir, 'answers.csv')
    fs.writeFileSync(file, header + '1,Q one,M,A1,exam,Math,n\n2,Q two,M,A2,forum,,\n3,Q three,M,A3,,,\n')
    await importFile(db(), file, { mapping })
    expect(db().prepare('SELECT external_id, meta, domain FROM instructions ORDER BY id').raw().all()).toEqual([
      ['1', '{"source":"exam"}', 'Math'],
      ['2', '{"source":"forum"}', null],
      ['3', null, null],
    ])
    expect(savedMapping(db(), header.trim().split(','))?.mapping).toEqual(mapping)
  })

  it('lets a criteria set be attached by the attribute; answers imported later get their items', async () => {
    const { host, dir, db } = servedProject()
    const first = path.join(dir, 'first.csv')
    fs.writeFileSync(first, header + '1,Q one,M,A1,exam,,\n2,Q two,M,A2,forum,,\n')
    await importFile(db(), first, { mapping })
    const criterion = await call<{ id: number }>(host, 'criterion-save', { criterion: { name: 'Correct', levels: [{ score: 0, text: 'no' }, { score: 1, text: 'yes' }] } })
    const { set } = await call<{ set: { id: number } }>(host, 'criteria-set-save', { name: 'Exam', criterionIds: [criterion.id] })
    const attached = await call<{ added: { items: number } }>(host, 'criteria-set-attach', { setId: set.id, target: { kind: 'column', column: 'source', value: 'exam' } })
    expect(attached.added.items).toBe(1)
    const second = path.join(dir, 'second.csv')
    fs.writeFileSync(second, header + '3,Q three,M,A3,exam,,\n4,Q four,M,A4,forum,,\n')
    await importFile(db(), second, { mapping })
    expect(db().prepare('SELECT i.external_id FROM items JOIN responses r ON r.id = items.response_id JOIN instructions i ON i.id = r.instruction_id ORDER BY i.id').pluck().all()).toEqual(['1', '3'])
  })

  it('keeps attributes on rows with scores too, and names the attribute and its column in mapping errors', async () => {
    const { dir, db } = servedProject()
    const scored = path.join(dir, 'scored.jsonl')
    fs.writeFileSync(scored, JSON.stringify({ q: 'Q', a: 'A', c: 'Correct', r: { '0': 'no', '1': 'yes' }, s: 1, by: 'Ann', src: 'exam' }) + '\n')
    await importFile(db(), scored, { mapping: { instruction: 'q', answer: 'a', criterion: 'c', rubric: 'r', score: 's', annotator: 'by', 'meta.source': 'src' } })
    expect(db().prepare('SELECT meta FROM instructions').pluck().get()).toBe('{"source":"exam"}')
    const csvFile = path.join(dir, 'bad.csv')
    fs.writeFileSync(csvFile, header + '1,Q,M,A,exam,,\n')
    await expectImportError(db(), csvFile, { code: 'invalid-input', message: /column "origins" \(mapped to meta\.source\) is not in the file/ }, { mapping: { instruction: 'prompt', answer: 'response', 'meta.source': 'origins' } })
  })
})
