/**
 * JSON as the source wrote it, for the few records that JSON.parse would silently change: an integer beyond
 * 2^53 keeps its exact text (a string), a duplicated key is refused, a number out of range is refused with its
 * text, and nesting is bounded (no recursion, so no stack overflow). Every failure carries its offset and the
 * top-level field it is in. JSON.parse stays the fast path: `needsExactParse` picks the lines that come here.
 */

export const MAX_JSON_DEPTH = 1_000

export type ExactJsonFailure =
  | { kind: 'duplicate-key'; key: string }
  | { kind: 'number-out-of-range'; token: string }
  | { kind: 'too-deep'; depth: number }
  | { kind: 'syntax'; detail: string }

export class ExactJsonError extends Error {
  constructor(
    readonly failure: ExactJsonFailure,
    /** Offset in the text (UTF-16 units). */
    readonly offset: number,
    /** The record's key the failure is under (of the root object, or of an object in a root array), if any. */
    readonly field: string | undefined,
  ) {
    super(`${failure.kind} at ${offset}`)
    this.name = 'ExactJsonError'
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }

type Frame = { object: Record<string, unknown>; key: string; keys: Set<string> } | { array: unknown[] }

export function parseExactJson(text: string): unknown {
  const length = text.length
  let at = 0
  let field: string | undefined
  const stack: Frame[] = []
  let result: unknown
  /** Where a record's fields are: the root object, or the objects of a root array (an instruction set). */
  let recordDepth = 1

  const fail = (failure: ExactJsonFailure, offset = at): never => {
    throw new ExactJsonError(failure, offset, field)
  }
  const skipSpace = () => {
    for (; at < length; at++) {
      const c = text.charCodeAt(at)
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break
    }
  }
  const unexpected = (): never =>
    fail({ kind: 'syntax', detail: at < length ? `unexpected ${JSON.stringify(text[at])}` : 'unexpected end of the text' })

  const readString = (): string => {
    let out = ''
    let from = ++at
    for (;;) {
      if (at >= length) fail({ kind: 'syntax', detail: 'unterminated string' })
      const c = text.charCodeAt(at)
      if (c === 34) {
        out += text.slice(from, at++)
        return out
      }
      if (c === 92) {
        out += text.slice(from, at)
        const escape = text[at + 1]
        if (escape === 'u') {
          const hex = text.slice(at + 2, at + 6)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail({ kind: 'syntax', detail: 'bad \\u escape' })
          out += String.fromCharCode(parseInt(hex, 16))
          at += 6
        } else {
          const plain = ESCAPES[escape]
          if (plain === undefined) fail({ kind: 'syntax', detail: 'bad escape' })
          out += plain
          at += 2
        }
        from = at
        continue
      }
      if (c < 0x20) fail({ kind: 'syntax', detail: 'control character in a string' })
      at++
    }
  }

  const readNumber = (): unknown => {
    NUMBER.lastIndex = at
    const match = NUMBER.exec(text)
    if (!match) return unexpected()
    const token = match[0]
    const value = Number(token)
    if (!match[1] && !match[2] && !Number.isSafeInteger(value)) {
      at += token.length
      return token
    }
    if (!Number.isFinite(value)) fail({ kind: 'number-out-of-range', token })
    at += token.length
    return value
  }

  const readKey = (frame: { object: Record<string, unknown>; key: string; keys: Set<string> }) => {
    skipSpace()
    if (text.charCodeAt(at) !== 34) unexpected()
    const start = at
    const key = readString()
    if (stack.length === recordDepth) field = key
    if (frame.keys.has(key)) fail({ kind: 'duplicate-key', key }, start)
    frame.keys.add(key)
    frame.key = key
    skipSpace()
    if (text.charCodeAt(at) !== 58) unexpected()
    at++
  }

  const put = (value: unknown) => {
    const top = stack[stack.length - 1]
    if (!top) result = value
    else if ('array' in top) top.array.push(value)
    else if (top.key === '__proto__') Object.defineProperty(top.object, top.key, { value, enumerable: true, writable: true, configurable: true })
    else top.object[top.key] = value
  }

  let wantValue = true
  for (;;) {
    skipSpace()
    if (wantValue) {
      const c = text.charCodeAt(at)
      if (c === 123 || c === 91) {
        if (stack.length >= MAX_JSON_DEPTH) fail({ kind: 'too-deep', depth: MAX_JSON_DEPTH })
        at++
        const frame: Frame = c === 123 ? { object: {}, key: '', keys: new Set() } : { array: [] }
        if (stack.length === 0 && c === 91) recordDepth = 2
        put('array' in frame ? frame.array : frame.object)
        stack.push(frame)
        skipSpace()
        if (text.charCodeAt(at) === (c === 123 ? 125 : 93)) {
          at++
          stack.pop()
          wantValue = false
        } else if (!('array' in frame)) readKey(frame)
        continue
      }
      if (c === 34) put(readString())
      else if (c === 45 || (c >= 48 && c <= 57)) put(readNumber())
      else if (text.startsWith('true', at)) (put(true), (at += 4))
      else if (text.startsWith('false', at)) (put(false), (at += 5))
      else if (text.startsWith('null', at)) (put(null), (at += 4))
      else unexpected()
      wantValue = false
      continue
    }
    const top = stack[stack.length - 1]
    if (!top) {
      if (at < length) unexpected()
      return result
    }
    const c = text.charCodeAt(at)
    if (c === 44) {
      at++
      if (!('array' in top)) readKey(top)
      wantValue = true
    } else if (c === ('array' in top ? 93 : 125)) {
      at++
      stack.pop()
    } else unexpected()
  }
}

/**
 * Whether JSON.parse may have changed this record: a number beyond ±2^53 or out of range (a big id, 1e400),
 * nesting deeper than the walk goes, or more `"…":` key tokens in the text than keys in the value (a duplicated
 * key). Texts that merely look so (`":` inside strings) only cost an exact parse. One walk over the parsed value
 * and one native `indexOf` pass over the text: the common record pays little (measured in the import bench).
 */
export function needsExactParse(source: string, value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value === 'number' && isUnsafe(value)
  walkedKeys = 0
  if (!walk(value, 0)) return true
  let tokens = 0
  for (let at = source.indexOf(':'); at !== -1; at = source.indexOf(':', at + 1)) {
    let before = at - 1
    while (before > 0 && source.charCodeAt(before) <= 32) before--
    if (source.charCodeAt(before) === 34 && ++tokens > walkedKeys) return true
  }
  return false
}

const WALK_DEPTH = 64
let walkedKeys = 0

const isUnsafe = (number: number) => !(number <= Number.MAX_SAFE_INTEGER && number >= -Number.MAX_SAFE_INTEGER)

/** Counts keys into `walkedKeys`; false when a number is unsafe or the value is nested deeper than WALK_DEPTH. */
function walk(value: object, depth: number): boolean {
  if (depth > WALK_DEPTH) return false
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      if (typeof item === 'number') {
        if (isUnsafe(item)) return false
      } else if (item !== null && typeof item === 'object' && !walk(item, depth + 1)) return false
    }
    return true
  }
  for (const key in value) {
    walkedKeys++
    const item = (value as Record<string, unknown>)[key]
    if (typeof item === 'number') {
      if (isUnsafe(item)) return false
    } else if (item !== null && typeof item === 'object' && !walk(item, depth + 1)) return false
  }
  return true
}
