/** Zero-width space, non-joiner, joiner and the byte-order mark: invisible, so never part of a name's identity. */
const ZERO_WIDTH = /[\u200B-\u200D\uFEFF]/g

/**
 * The identity of a name or id as people read it: Unicode NFC, without zero-width characters anywhere in it.
 * Two texts with one key are one criterion, model, annotator, task or instruction; the stored text stays as given.
 */
export function identityKey(text: string): string {
  return text.normalize('NFC').replace(ZERO_WIDTH, '')
}
