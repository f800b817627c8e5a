import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { GGML_TYPE_F16, GGML_TYPE_F32, type GgufTensor, type GgufValue, toHalf, writeGguf } from './ggufWriter'

/**
 * Test models with the qwen3 architecture (llama.cpp src/llama-arch.cpp LLM_ARCH_QWEN3: per-head q/k RMS norms,
 * tied output embedding) and random weights. The vocabulary is byte-level BPE (GPT-2 byte alphabet, pre-tokenizer
 * "qwen2"): 256 byte tokens, merges that make every Cyrillic letter and `##`/`###` one token, and Qwen's specials
 * `<|endoftext|>`, `<|im_start|>`, `<|im_end|>`, `<think>`, `</think>`. The chat template is Qwen3's ChatML core.
 */

export interface Qwen3Shape {
  name: string
  embedding: number
  layers: number
  heads: number
  kvHeads: number
  headDim: number
  feedForward: number
  contextLength: number
  /** F32 for the tiny model (exact, small), F16 for realistic compute. */
  type: 'f32' | 'f16'
}

export const TINY_QWEN3: Qwen3Shape = {
  name: 'castor-tiny-qwen3',
  embedding: 64,
  layers: 2,
  heads: 4,
  kvHeads: 2,
  headDim: 16,
  feedForward: 128,
  contextLength: 8192,
  type: 'f32',
}

/** Qwen3-0.6B's shapes (28 layers, hidden 1024, 16/8 heads of 128, FFN 3072) with the small test vocabulary. */
export const QWEN3_0_6B_SHAPE: Qwen3Shape = {
  name: 'castor-qwen3-0.6b-shape',
  embedding: 1024,
  layers: 28,
  heads: 16,
  kvHeads: 8,
  headDim: 128,
  feedForward: 3072,
  contextLength: 40960,
  type: 'f16',
}

/** Qwen3's chat template reduced to its ChatML core (no tools): the user turn, then `<|im_start|>assistant\n`. */
export const QWEN3_CHAT_TEMPLATE =
  "{%- for message in messages %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}{%- endfor %}" +
  "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- if enable_thinking is defined and enable_thinking is false %}" +
  "{{- '<think>\\n\\n</think>\\n\\n' }}{%- endif %}{%- endif %}"

/** ChatML without any thinking block: a judge that answers `[FEEDBACK] … [RESULT] n` (the 7B/32B judges' shape). */
export const CHATML_TEMPLATE =
  "{%- for message in messages %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}{%- endfor %}" +
  "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"

export const SPECIAL_TOKENS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>', '<think>', '</think>'] as const

/** GPT-2's reversible byte → printable character map. */
function byteAlphabet(): string[] {
  const printable: number[] = []
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b)
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b)
  for (let b = 0xae; b <= 0xff; b++) printable.push(b)
  const map: string[] = new Array(256)
  let extra = 0
  for (let b = 0; b < 256; b++) map[b] = String.fromCodePoint(printable.includes(b) ? b : 256 + extra++)
  return map
}

export interface TestVocabulary {
  tokens: string[]
  tokenTypes: number[]
  merges: string[]
  specialIds: Record<(typeof SPECIAL_TOKENS)[number], number>
  /** Reference tokenizer of this vocabulary (specials matched literally): what llama.cpp must produce. */
  encode(text: string): number[]
}

export function testVocabulary(): TestVocabulary {
  const alphabet = byteAlphabet()
  const tokens = alphabet.slice()
  const tokenTypes = tokens.map(() => 1)
  const merges: string[] = []
  const pairIds = new Map<string, number>()
  const addMerge = (a: number[], b: number[]) => {
    const left = a.map((byte) => alphabet[byte]).join('')
    const right = b.map((byte) => alphabet[byte]).join('')
    merges.push(`${left} ${right}`)
    pairIds.set([...a, ...b].join(','), tokens.length)
    tokens.push(left + right)
    tokenTypes.push(1)
  }
  const letters = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ'
  for (const letter of letters) {
    const bytes = [...Buffer.from(letter, 'utf8')]
    addMerge([bytes[0]], [bytes[1]])
  }
  addMerge([0x23], [0x23])
  addMerge([0x23, 0x23], [0x23])
  const specialIds = {} as TestVocabulary['specialIds']
  for (const special of SPECIAL_TOKENS) {
    specialIds[special] = tokens.length
    tokens.push(special)
    tokenTypes.push(special.startsWith('<|') ? 3 : 4)
  }
  const encode = (text: string): number[] => {
    const ids: number[] = []
    const pattern = new RegExp(SPECIAL_TOKENS.map((s) => s.replace(/[|<>/]/g, '\\$&')).join('|'), 'g')
    let last = 0
    const plain = (part: string) => {
      for (const char of part) {
        const bytes = [...Buffer.from(char, 'utf8')]
        const merged = pairIds.get(bytes.join(','))
        if (merged !== undefined) ids.push(merged)
        else ids.push(...bytes)
      }
    }
    for (const match of text.matchAll(pattern)) {
      plain(text.slice(last, match.index))
      ids.push(specialIds[match[0] as (typeof SPECIAL_TOKENS)[number]])
      last = match.index + match[0].length
    }
    plain(text.slice(last))
    // `##` / `###` runs: merge greedily as BPE does for runs of '#'.
    const out: number[] = []
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] === 0x23) {
        let run = 1
        while (ids[i + run] === 0x23) run++
        let left = run
        while (left >= 3) {
          out.push(pairIds.get('35,35,35') as number)
          left -= 3
        }
        if (left === 2) out.push(pairIds.get('35,35') as number)
        if (left === 1) out.push(0x23)
        i += run - 1
      } else out.push(ids[i])
    }
    return out
  }
  return { tokens, tokenTypes, merges, specialIds, encode }
}

/** Deterministic uniform noise in [-scale, scale). */
function noise(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function writeQwen3Gguf(file: string, shape: Qwen3Shape, seed = 1, chatTemplate = QWEN3_CHAT_TEMPLATE): number {
  const vocab = testVocabulary()
  const nVocab = vocab.tokens.length
  const arch = 'qwen3'
  const metadata: [string, GgufValue][] = [
    ['general.architecture', { type: 'string', value: arch }],
    ['general.name', { type: 'string', value: shape.name }],
    ['general.file_type', { type: 'u32', value: shape.type === 'f32' ? 0 : 1 }],
    [`${arch}.context_length`, { type: 'u32', value: shape.contextLength }],
    [`${arch}.embedding_length`, { type: 'u32', value: shape.embedding }],
    [`${arch}.block_count`, { type: 'u32', value: shape.layers }],
    [`${arch}.feed_forward_length`, { type: 'u32', value: shape.feedForward }],
    [`${arch}.attention.head_count`, { type: 'u32', value: shape.heads }],
    [`${arch}.attention.head_count_kv`, { type: 'u32', value: shape.kvHeads }],
    [`${arch}.attention.key_length`, { type: 'u32', value: shape.headDim }],
    [`${arch}.attention.value_length`, { type: 'u32', value: shape.headDim }],
    [`${arch}.attention.layer_norm_rms_epsilon`, { type: 'f32', value: 1e-6 }],
    [`${arch}.rope.freq_base`, { type: 'f32', value: 1_000_000 }],
    ['tokenizer.ggml.model', { type: 'string', value: 'gpt2' }],
    ['tokenizer.ggml.pre', { type: 'string', value: 'qwen2' }],
    ['tokenizer.ggml.tokens', { type: 'string[]', value: vocab.tokens }],
    ['tokenizer.ggml.token_type', { type: 'i32[]', value: vocab.tokenTypes }],
    ['tokenizer.ggml.merges', { type: 'string[]', value: vocab.merges }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: vocab.specialIds['<|im_end|>'] }],
    ['tokenizer.ggml.padding_token_id', { type: 'u32', value: vocab.specialIds['<|endoftext|>'] }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: vocab.specialIds['<|endoftext|>'] }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: false }],
    ['tokenizer.chat_template', { type: 'string', value: chatTemplate }],
  ]

  const random = noise(seed)
  // One pool of random values reused at shifting offsets: fast for the ~0.9 GB model, still not degenerate.
  const POOL = 1 << 20
  const poolF32 = new Float32Array(POOL)
  const poolF16 = new Uint16Array(POOL)
  for (let i = 0; i < POOL; i++) {
    poolF32[i] = (random() * 2 - 1) * 0.08
    poolF16[i] = toHalf(poolF32[i])
  }
  const poolBytes = shape.type === 'f32' ? new Uint8Array(poolF32.buffer) : new Uint8Array(poolF16.buffer)
  let cursor = 0
  const randomFill = (write: (chunk: Uint8Array) => void, length: number) => {
    let left = length
    while (left > 0) {
      const start = (cursor = (cursor + 4 * 7919) % (poolBytes.length / 2)) & ~3
      const size = Math.min(left, poolBytes.length - start)
      write(poolBytes.subarray(start, start + size))
      left -= size
    }
  }
  const onesFill = (write: (chunk: Uint8Array) => void, length: number) => {
    write(new Uint8Array(new Float32Array(length / 4).fill(1).buffer))
  }
  const weight = shape.type === 'f32' ? GGML_TYPE_F32 : GGML_TYPE_F16
  const matrix = (name: string, inner: number, outer: number): GgufTensor => ({ name, dims: [inner, outer], type: weight, fill: randomFill })
  const norm = (name: string, size: number): GgufTensor => ({ name, dims: [size], type: GGML_TYPE_F32, fill: onesFill })
  const { embedding: e, heads, kvHeads, headDim, feedForward } = shape
  const tensors: GgufTensor[] = [matrix('token_embd.weight', e, nVocab), norm('output_norm.weight', e)]
  for (let layer = 0; layer < shape.layers; layer++) {
    const p = `blk.${layer}.`
    tensors.push(
      norm(`${p}attn_norm.weight`, e),
      matrix(`${p}attn_q.weight`, e, heads * headDim),
      matrix(`${p}attn_k.weight`, e, kvHeads * headDim),
      matrix(`${p}attn_v.weight`, e, kvHeads * headDim),
      matrix(`${p}attn_output.weight`, heads * headDim, e),
      norm(`${p}attn_q_norm.weight`, headDim),
      norm(`${p}attn_k_norm.weight`, headDim),
      norm(`${p}ffn_norm.weight`, e),
      matrix(`${p}ffn_gate.weight`, e, feedForward),
      matrix(`${p}ffn_up.weight`, e, feedForward),
      matrix(`${p}ffn_down.weight`, feedForward, e),
    )
  }
  return writeGguf(file, metadata, tensors)
}

/**
 * The tiny model, written once per machine into the temp folder (its name carries a hash of the writer's source
 * inputs, so a changed writer makes a new file) and reused by every test that needs it. `contextLength` sets the
 * trained context (default 8192); `chatTemplate` replaces Qwen3's (e.g. CHATML_TEMPLATE, a judge that does not think).
 */
export function tinyQwen3Gguf(options: { contextLength?: number; chatTemplate?: string } = {}): string {
  const shape = { ...TINY_QWEN3, ...(options.contextLength ? { contextLength: options.contextLength } : {}) }
  const template = options.chatTemplate ?? QWEN3_CHAT_TEMPLATE
  const key = crypto.createHash('sha256').update(JSON.stringify([shape, template, testVocabulary().merges, 1])).digest('hex').slice(0, 12)
  const file = path.join(os.tmpdir(), `castor-tiny-qwen3-${key}.gguf`)
  if (fs.existsSync(file)) return file
  const partial = `${file}.${process.pid}.partial`
  writeQwen3Gguf(partial, shape, 1, template)
  fs.renameSync(partial, file)
  return file
}
