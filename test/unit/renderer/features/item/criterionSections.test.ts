import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeSections, hasMarkedSections } from '../../../../../src/renderer/features/item/criterionSections'

describe('describeSections', () => {
  it('splits a POLLUX description by audience and marks its notes', () => {
    const library = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../../resources/pollux/criteria.json'), 'utf8')) as Record<string, { desc: { ru: string } }>
    const sections = describeSections(library.value.desc.ru)
    expect(sections.map((section) => section.audience)).toEqual(['crowd', 'others'])
    expect(sections[0].blocks[0]).toEqual({ kind: 'note', text: 'субъективный критерий — можно отвечать, как чувствуете.' })
    expect(sections[1].blocks.map((block) => block.kind)).toEqual(['note', 'text'])
    expect(sections[1].blocks[1].text).toMatch(/^Что интересно узнать:\n— Можно ли/)
    expect(JSON.stringify(sections)).not.toMatch(/У КРАУДА|У ВСЕХ ОСТАЛЬНЫХ|ВНИМАНИЕ:/)
    expect(hasMarkedSections(sections)).toBe(true)
  })

  it('keeps text before the first marker for everyone, and plain text as paragraphs', () => {
    expect(describeSections('Общее.\n\nУ КРАУДА: коротко\nEXCEPTION: nothing')).toEqual([
      { audience: null, blocks: [{ kind: 'text', text: 'Общее.' }] },
      { audience: 'crowd', blocks: [{ kind: 'text', text: 'коротко\nEXCEPTION: nothing' }] },
    ])
    const plain = describeSections('One.\n\nTwo.')
    expect(plain).toEqual([{ audience: null, blocks: [{ kind: 'text', text: 'One.' }, { kind: 'text', text: 'Two.' }] }])
    expect(hasMarkedSections(plain)).toBe(false)
    expect(describeSections('ИСКЛЮЧЕНИЕ: если просят')[0].blocks).toEqual([{ kind: 'exception', text: 'если просят' }])
  })
})
