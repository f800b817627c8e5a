import fs from 'node:fs'

/**
 * A minimal GGUF v3 writer (https://github.com/ggml-org/ggml/blob/master/docs/gguf.md): metadata key/values and
 * F32/F16 tensors, data aligned to `general.alignment` (32). Enough to build test models llama.cpp loads.
 */

export type GgufValue =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'u64'; value: bigint }
  | { type: 'string[]'; value: readonly string[] }
  | { type: 'i32[]'; value: readonly number[] }
  | { type: 'f32[]'; value: readonly number[] }

export const GGML_TYPE_F32 = 0
export const GGML_TYPE_F16 = 1

export interface GgufTensor {
  name: string
  /** ggml order: dims[0] is the innermost (row length). */
  dims: readonly number[]
  type: typeof GGML_TYPE_F32 | typeof GGML_TYPE_F16
  /** Writes exactly `byteLength` bytes of data through `write`. */
  fill(write: (chunk: Uint8Array) => void, byteLength: number): void
}

const ALIGNMENT = 32
const enum ValueType {
  UINT32 = 4,
  INT32 = 5,
  FLOAT32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
  UINT64 = 10,
}

class ByteSink {
  private chunks: Buffer[] = []
  length = 0
  push(buffer: Buffer): void {
    this.chunks.push(buffer)
    this.length += buffer.length
  }
  u32(value: number): void {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(value)
    this.push(b)
  }
  i32(value: number): void {
    const b = Buffer.alloc(4)
    b.writeInt32LE(value)
    this.push(b)
  }
  f32(value: number): void {
    const b = Buffer.alloc(4)
    b.writeFloatLE(value)
    this.push(b)
  }
  u64(value: bigint | number): void {
    const b = Buffer.alloc(8)
    b.writeBigUInt64LE(BigInt(value))
    this.push(b)
  }
  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8')
    this.u64(bytes.length)
    this.push(bytes)
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks)
  }
}

function writeValue(sink: ByteSink, value: GgufValue): void {
  switch (value.type) {
    case 'u32':
      sink.u32(ValueType.UINT32)
      sink.u32(value.value)
      break
    case 'i32':
      sink.u32(ValueType.INT32)
      sink.i32(value.value)
      break
    case 'f32':
      sink.u32(ValueType.FLOAT32)
      sink.f32(value.value)
      break
    case 'bool':
      sink.u32(ValueType.BOOL)
      sink.push(Buffer.from([value.value ? 1 : 0]))
      break
    case 'string':
      sink.u32(ValueType.STRING)
      sink.string(value.value)
      break
    case 'u64':
      sink.u32(ValueType.UINT64)
      sink.u64(value.value)
      break
    case 'string[]':
      sink.u32(ValueType.ARRAY)
      sink.u32(ValueType.STRING)
      sink.u64(value.value.length)
      for (const item of value.value) sink.string(item)
      break
    case 'i32[]':
      sink.u32(ValueType.ARRAY)
      sink.u32(ValueType.INT32)
      sink.u64(value.value.length)
      for (const item of value.value) sink.i32(item)
      break
    case 'f32[]':
      sink.u32(ValueType.ARRAY)
      sink.u32(ValueType.FLOAT32)
      sink.u64(value.value.length)
      for (const item of value.value) sink.f32(item)
      break
  }
}

export function tensorByteLength(tensor: Pick<GgufTensor, 'dims' | 'type'>): number {
  const elements = tensor.dims.reduce((product, dim) => product * dim, 1)
  return elements * (tensor.type === GGML_TYPE_F32 ? 4 : 2)
}

const align = (offset: number) => Math.ceil(offset / ALIGNMENT) * ALIGNMENT

/** Writes a GGUF v3 file; returns its size in bytes. */
export function writeGguf(file: string, metadata: ReadonlyArray<[string, GgufValue]>, tensors: readonly GgufTensor[]): number {
  const header = new ByteSink()
  header.push(Buffer.from('GGUF', 'ascii'))
  header.u32(3)
  header.u64(tensors.length)
  header.u64(metadata.length + 1)
  header.string('general.alignment')
  writeValue(header, { type: 'u32', value: ALIGNMENT })
  for (const [key, value] of metadata) {
    header.string(key)
    writeValue(header, value)
  }
  let offset = 0
  const offsets: number[] = []
  for (const tensor of tensors) {
    header.string(tensor.name)
    header.u32(tensor.dims.length)
    for (const dim of tensor.dims) header.u64(dim)
    header.u32(tensor.type)
    header.u64(offset)
    offsets.push(offset)
    offset = align(offset + tensorByteLength(tensor))
  }
  const fd = fs.openSync(file, 'w')
  try {
    let position = 0
    const write = (chunk: Uint8Array) => {
      fs.writeSync(fd, chunk)
      position += chunk.length
    }
    write(header.toBuffer())
    write(Buffer.alloc(align(position) - position))
    const dataStart = position
    tensors.forEach((tensor, index) => {
      const pad = dataStart + offsets[index] - position
      if (pad > 0) write(Buffer.alloc(pad))
      const before = position
      const length = tensorByteLength(tensor)
      tensor.fill(write, length)
      if (position - before !== length) throw new Error(`tensor ${tensor.name} wrote ${position - before} bytes, expected ${length}`)
    })
    write(Buffer.alloc(align(position) - position))
    return position
  } finally {
    fs.closeSync(fd)
  }
}

/** IEEE half precision bits of a float (round to nearest). */
export function toHalf(value: number): number {
  const f32 = new Float32Array([value])
  const bits = new Uint32Array(f32.buffer)[0]
  const sign = (bits >>> 16) & 0x8000
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15
  const mantissa = bits & 0x7fffff
  if (exponent <= 0) {
    if (exponent < -10) return sign
    const m = (mantissa | 0x800000) >> (1 - exponent)
    return sign | ((m + 0x1000) >> 13)
  }
  if (exponent >= 31) return sign | 0x7c00
  return (sign | (exponent << 10) | (mantissa >> 13)) + ((mantissa >> 12) & 1)
}
