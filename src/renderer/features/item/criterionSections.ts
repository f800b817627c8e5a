/** Who a part of a POLLUX criterion description is written for ("У КРАУДА:", "У ВСЕХ ОСТАЛЬНЫХ:"); null: everyone. */
export type Audience = 'crowd' | 'others'

/** A paragraph of a description: plain text, or a marked note ("ВНИМАНИЕ:" / "ATTENTION:", "ИСКЛЮЧЕНИЕ:" / "EXCEPTION:"). */
export interface DescriptionBlock {
  kind: 'text' | 'note' | 'exception'
  text: string
}

export interface DescriptionSection {
  audience: Audience | null
  blocks: DescriptionBlock[]
}

const AUDIENCE_MARKERS: [RegExp, Audience][] = [
  [/^(?:У КРАУДА|FOR THE CROWD)\s*:\s*/i, 'crowd'],
  [/^(?:У ВСЕХ ОСТАЛЬНЫХ|FOR EVERYONE ELSE)\s*:\s*/i, 'others'],
]
const BLOCK_MARKERS: [RegExp, DescriptionBlock['kind']][] = [
  [/^(?:ВНИМАНИЕ|ATTENTION)\s*:\s*/, 'note'],
  [/^(?:ИСКЛЮЧЕНИЕ|EXCEPTION)\s*:\s*/, 'exception'],
]

/**
 * Splits a criterion description into its audience sections (text before the first marker is for everyone) and
 * each section into paragraphs, marking notes and exceptions. Plain text with no markers is one section of text
 * paragraphs. Pure, so the item screen and tests share it.
 */
export function describeSections(description: string): DescriptionSection[] {
  const sections: DescriptionSection[] = [{ audience: null, blocks: [] }]
  let paragraph: string[] = []
  const flush = () => {
    const text = paragraph.join('\n').trim()
    paragraph = []
    if (!text) return
    const marker = BLOCK_MARKERS.find(([pattern]) => pattern.test(text))
    const body = marker ? text.replace(marker[0], '').trim() : text
    if (marker && !body) return
    sections[sections.length - 1].blocks.push({ kind: marker ? marker[1] : 'text', text: body })
  }
  for (const rawLine of description.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim()
    const audience = AUDIENCE_MARKERS.find(([pattern]) => pattern.test(line))
    if (audience) {
      flush()
      sections.push({ audience: audience[1], blocks: [] })
      const rest = line.replace(audience[0], '')
      if (rest) paragraph.push(rest)
      continue
    }
    if (!line) flush()
    else paragraph.push(line)
  }
  flush()
  return sections.filter((section) => section.blocks.length > 0)
}

/** Whether a description has anything to format beyond plain paragraphs. */
export function hasMarkedSections(sections: readonly DescriptionSection[]): boolean {
  return sections.some((section) => section.audience !== null || section.blocks.some((block) => block.kind !== 'text'))
}
