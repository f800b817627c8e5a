import { describe, expect, it } from 'vitest'
import { blockLines } from '../../../../../../src/main/services/importers/sources/blockLines'
import { parseJsonlBlock } from '../../../../../../src/main/services/importers/sources/jsonl'

/** What decoding each line with toString gives: the reference the fast path must equal. */
function perLine(bytes: Buffer): string[] {
  return bytes.toString('utf8').split('\n')
}

describe('blockLines', () => {
  const cases: [string, string][] = [
    ['ASCII', '{"a":1}\n{"b":2}\n'],
    ['Cyrillic', '{"текст":"Ответ модели"}\n{"оценка":2}\n'],
    ['no final newline', '{"a":"ё"}\n{"b":"ж"}'],
    ['blank and CRLF lines', '{"a":"я"}\r\n\r\n\n{"b":"😀 emoji, 中文"}\r\n'],
    ['one line', '"только одна строка"'],
    ['mixed ASCII then Cyrillic lines', `${'{"x":1}\n'.repeat(100)}{"y":"щ"}\n`],
  ]
  for (const [label, text] of cases) {
    it(`splits ${label} exactly as decoding line by line`, () => {
      const bytes = Buffer.from(text, 'utf8')
      expect(blockLines(bytes)).toEqual(perLine(bytes))
    })
  }

  it('joins pieces of a block larger than one transcoded piece (1 MiB) without losing or splitting a line', () => {
    const lines = Array.from({ length: 9_000 }, (_, i) => JSON.stringify({ i, текст: 'Ответ модели '.repeat(1 + (i % 17)) }))
    for (const text of [`${lines.join('\n')}\n`, lines.join('\n'), `${lines.join('\r\n')}\r\n\n`]) {
      const bytes = Buffer.from(text, 'utf8')
      expect(bytes.length).toBeGreaterThan(2 << 20)
      expect(blockLines(bytes)).toEqual(perLine(bytes))
    }
  })

  it('gives nothing for an empty block', () => {
    expect(blockLines(Buffer.alloc(0))).toEqual([])
  })
})

describe('parseJsonlBlock', () => {
  it('numbers lines from the first one, skipping blank and whitespace lines, in Cyrillic and ASCII blocks', () => {
    for (const text of ['{"a":"ы"}\n\n  \n{"b":"й"}\r\n{"c":3}\n', '{"a":"y"}\n\n  \n{"b":"j"}\r\n{"c":3}\n']) {
      const seen: [unknown, number][] = []
      parseJsonlBlock(Buffer.from(text), 41, { name: 'rows.jsonl', unit: 'line' }, (value, line) => seen.push([value, line]))
      expect(seen.map(([, line]) => line)).toEqual([41, 44, 45])
      expect(seen[2][0]).toEqual({ c: 3 })
    }
  })

  it('names the line of a malformed record after decoding the block at once', () => {
    const text = '{"a":"ы"}\n\n{"b": оценка}\n'
    expect(() => parseJsonlBlock(Buffer.from(text), 10, { name: 'rows.jsonl', unit: 'line' }, () => {})).toThrow(/rows\.jsonl.*line 12/)
  })
})
