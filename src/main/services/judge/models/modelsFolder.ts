import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { GgufFileInfo, Llama } from 'node-llama-cpp'
import { CastorError } from '../../../../shared/api/errors'
import { regressionVariantReason } from '../../../../shared/domain/judgeOutput'

/**
 * The models folder: GGUF files with what a lead needs to pick a judge (architecture, parameters, quantization,
 * training context), whether one fits this machine's GPU (node-llama-cpp's GgufInsights), and downloads from
 * Hugging Face by URI with progress and resume (node-llama-cpp's model downloader, ipull underneath).
 */

export interface GgufModelInfo {
  file: string
  fileName: string
  sizeBytes: number
  architecture: string | null
  name: string | null
  /** Sum of the tensors' element counts. */
  parameters: number | null
  /** Quantization / file type, e.g. `Q4_K_M`, `F16`. */
  fileType: string | null
  contextLength: number | null
  layers: number | null
  hasChatTemplate: boolean
  /** Why the judge refuses this model (the -r regression variants), or null. */
  refused: string | null
}

export interface GgufFitEstimate {
  /** The GPU backend node-llama-cpp found (`cuda`, `vulkan`, `metal`), or false for CPU only. */
  gpu: string | false
  contextSize: number
  sequences: number
  gpuLayers: number
  totalLayers: number
  /** `gpu`: every layer and the context on the GPU; `partial-gpu`: some layers; `cpu`: none; `does-not-fit`: not enough memory. */
  verdict: 'gpu' | 'partial-gpu' | 'cpu' | 'does-not-fit'
  vramBytes: number
  ramBytes: number
  /** node-llama-cpp's compatibility score, 0–1. */
  compatibilityScore: number
}

/** The default models folder: CASTOR_MODELS_DIR, else ~/.castor/models. */
export function defaultModelsDir(): string {
  return process.env.CASTOR_MODELS_DIR ?? path.join(os.homedir(), '.castor', 'models')
}

/** GGUF magic, version 2 or 3 and sane counts: node-llama-cpp's reader can spin on garbage that starts with "GGUF". */
async function checkHeader(file: string): Promise<string | null> {
  const handle = await fs.promises.open(file, 'r')
  try {
    const header = Buffer.alloc(24)
    const { bytesRead } = await handle.read(header, 0, 24, 0)
    if (bytesRead < 24 || header.toString('latin1', 0, 4) !== 'GGUF') return 'no GGUF header'
    const version = header.readUInt32LE(4)
    if (version !== 2 && version !== 3) return `unsupported GGUF version ${version}`
    const tensors = header.readBigUInt64LE(8)
    const keys = header.readBigUInt64LE(16)
    if (tensors > 10_000_000n || keys > 1_000_000n) return 'corrupt GGUF header (impossible tensor or key counts)'
    return null
  } finally {
    await handle.close()
  }
}

async function readInfo(file: string): Promise<GgufFileInfo> {
  const { readGgufFileInfo } = await import('node-llama-cpp')
  const bad = await checkHeader(file).catch((error: unknown) => (error instanceof Error ? error.message : String(error)))
  if (bad) throw new CastorError('invalid-input', `${file} is not a readable GGUF file: ${bad}`, { file })
  try {
    return await readGgufFileInfo(file, { logWarnings: false, ignoreKeys: ['tokenizer.ggml.tokens', 'tokenizer.ggml.token_type', 'tokenizer.ggml.merges', 'tokenizer.ggml.scores'] })
  } catch (error) {
    throw new CastorError('invalid-input', `${file} is not a readable GGUF file: ${error instanceof Error ? error.message : String(error)}`, { file })
  }
}

export async function inspectModelFile(file: string): Promise<GgufModelInfo> {
  const absolute = path.resolve(file)
  let stat: fs.Stats
  try {
    stat = await fs.promises.stat(absolute)
  } catch {
    throw new CastorError('not-found', `No model file at ${absolute}`, { file: absolute })
  }
  if (!stat.isFile()) throw new CastorError('invalid-input', `${absolute} is not a file`, { file: absolute })
  return describe(absolute, stat.size, await readInfo(absolute))
}

function describe(file: string, sizeBytes: number, info: GgufFileInfo): GgufModelInfo {
  const metadata = info.metadata as unknown as Record<string, Record<string, unknown> | undefined>
  const general = metadata.general ?? {}
  const architecture = typeof general.architecture === 'string' ? general.architecture : null
  const archMetadata = architecture ? (metadata[architecture] ?? {}) : {}
  const number = (value: unknown) => (typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : null)
  const parameters = info.fullTensorInfo?.reduce((sum, tensor) => sum + tensor.dimensions.reduce<number>((product, dim) => product * Number(dim), 1), 0) ?? null
  const tokenizer = metadata.tokenizer ?? {}
  return {
    file,
    fileName: path.basename(file),
    sizeBytes,
    architecture,
    name: typeof general.name === 'string' ? general.name : null,
    parameters,
    fileType: fileTypeName(number(general.file_type)),
    contextLength: number(archMetadata.context_length),
    layers: number(archMetadata.block_count),
    hasChatTemplate: typeof tokenizer.chat_template === 'string' && tokenizer.chat_template !== '',
    refused: regressionVariantReason(file),
  }
}

// llama.cpp's llama_ftype names (GgufFileType in node-llama-cpp), without the MOSTLY_/ALL_ prefix.
const FILE_TYPES: Record<number, string> = {
  0: 'F32', 1: 'F16', 2: 'Q4_0', 3: 'Q4_1', 7: 'Q8_0', 8: 'Q5_0', 9: 'Q5_1', 10: 'Q2_K', 11: 'Q3_K_S', 12: 'Q3_K_M', 13: 'Q3_K_L',
  14: 'Q4_K_S', 15: 'Q4_K_M', 16: 'Q5_K_S', 17: 'Q5_K_M', 18: 'Q6_K', 19: 'IQ2_XXS', 20: 'IQ2_XS', 21: 'Q2_K_S', 22: 'IQ3_XS',
  23: 'IQ3_XXS', 24: 'IQ1_S', 25: 'IQ4_NL', 26: 'IQ3_S', 27: 'IQ3_M', 28: 'IQ2_S', 29: 'IQ2_M', 30: 'IQ4_XS', 31: 'IQ1_M',
  32: 'BF16', 36: 'TQ1_0', 37: 'TQ2_0', 38: 'MXFP4',
}

function fileTypeName(value: number | null): string | null {
  if (value === null) return null
  return FILE_TYPES[value] ?? `type ${value}`
}

/** The GGUF files in `dir` (and its subfolders, one level deep), sorted by name; unreadable files are listed with nulls. */
export async function listModels(dir: string): Promise<GgufModelInfo[]> {
  const absolute = path.resolve(dir)
  let entries: fs.Dirent[]
  try {
    entries = await fs.promises.readdir(absolute, { withFileTypes: true })
  } catch {
    throw new CastorError('not-found', `No models folder at ${absolute}`, { file: absolute })
  }
  const files: string[] = []
  for (const entry of entries) {
    const full = path.join(absolute, entry.name)
    if (entry.isFile() && /\.gguf$/i.test(entry.name)) files.push(full)
    else if (entry.isDirectory()) {
      for (const inner of await fs.promises.readdir(full, { withFileTypes: true }).catch(() => [])) {
        if (inner.isFile() && /\.gguf$/i.test(inner.name)) files.push(path.join(full, inner.name))
      }
    }
  }
  // Split models: list the first part only (llama.cpp loads the rest from it).
  const firstParts = files.filter((file) => !/-0*(?:[2-9]|\d{2,})-of-\d+\.gguf$/i.test(file) || /-0*1-of-\d+\.gguf$/i.test(file)).sort()
  const models: GgufModelInfo[] = []
  for (const file of firstParts) {
    const size = (await fs.promises.stat(file)).size
    try {
      models.push(describe(file, size, await readInfo(file)))
    } catch {
      models.push({
        file, fileName: path.basename(file), sizeBytes: size, architecture: null, name: null, parameters: null, fileType: null,
        contextLength: null, layers: null, hasChatTemplate: false, refused: regressionVariantReason(file),
      })
    }
  }
  return models
}

/** Whether the model fits this machine (GPU first) with `contextSize` tokens × `sequences`. */
export async function estimateFit(file: string, llama: Llama, options: { contextSize?: number; sequences?: number } = {}): Promise<GgufFitEstimate> {
  const { GgufInsights } = await import('node-llama-cpp')
  const info = await readInfo(path.resolve(file))
  const insights = await GgufInsights.from(info, llama)
  const contextSize = options.contextSize ?? 8192
  const sequences = Math.max(1, options.sequences ?? 1)
  const resolved = await insights.configurationResolver.resolveAndScoreConfig({ targetContextSize: contextSize * sequences })
  const { gpuLayers, totalVramUsage, totalRamUsage } = resolved.resolvedValues
  const totalLayers = insights.totalLayers
  const gpu = llama.gpu
  const verdict: GgufFitEstimate['verdict'] =
    resolved.compatibilityScore === 0 ? 'does-not-fit' : gpu === false || gpuLayers === 0 ? 'cpu' : gpuLayers >= totalLayers ? 'gpu' : 'partial-gpu'
  return { gpu, contextSize, sequences, gpuLayers, totalLayers, verdict, vramBytes: totalVramUsage, ramBytes: totalRamUsage, compatibilityScore: resolved.compatibilityScore }
}

export interface PullProgress {
  downloadedBytes: number
  totalBytes: number
}

export interface PullOptions {
  dir: string
  onProgress?: (progress: PullProgress) => void
  signal?: AbortSignal
  /** How long to wait for the download to start (resolve the URI, first bytes) before giving up; default 20 s. */
  connectTimeoutMs?: number
  /** Override Hugging Face's base URL (tests, mirrors). */
  huggingFaceEndpoint?: string
}

/**
 * Downloads a GGUF into the models folder: `hf:owner/repo/file.gguf`, `hf:owner/repo:Q4_K_M` or an https URL.
 * Progress is reported as bytes; an interrupted download keeps its partial file and resumes on the next pull.
 * Without network access it fails within `connectTimeoutMs` with a message that says what to do instead.
 */
export async function pullModel(uri: string, options: PullOptions): Promise<string> {
  if (!/^(hf:[^/\s]+\/[^/\s]+|https?:\/\/\S+)/.test(uri)) {
    throw new CastorError('invalid-input', `"${uri}" is not a model URI: use hf:owner/repo/file.gguf, hf:owner/repo:QUANT or an https:// URL`, { field: 'uri', value: uri })
  }
  // The file or repository name, without a `#branch`, `?query` or `:QUANT` tail.
  const refused = regressionVariantReason(uri.replace(/[?#].*$/, '').replace(/:[^/:]+$/, ''))
  if (refused) throw new CastorError('unsupported', refused, { field: 'uri', value: uri })
  await fs.promises.mkdir(options.dir, { recursive: true })
  const { createModelDownloader } = await import('node-llama-cpp')
  const timeoutMs = options.connectTimeoutMs ?? 20_000
  const host = options.huggingFaceEndpoint ?? (uri.startsWith('hf:') ? 'https://huggingface.co' : new URL(uri).origin)
  const unreachable = (reason: string) =>
    new CastorError(
      'unsupported',
      `Cannot download ${uri}: ${host} is not reachable from this machine (${reason}). ` +
        `Download the GGUF file elsewhere and copy it into ${path.resolve(options.dir)}, then pick it from the models list.`,
      { field: 'uri', value: uri },
    )
  // Offline (no DNS, no route): say so at once instead of after the connect timeout.
  const probe = await hostProblem(host, Math.min(timeoutMs, 5000))
  if (probe) throw unreachable(probe)
  const started = new AbortController()
  let downloader: Awaited<ReturnType<typeof createModelDownloader>> | null = null
  let progressed = false
  const timer = setTimeout(() => started.abort(), timeoutMs)
  const onAbort = () => started.abort()
  options.signal?.addEventListener('abort', onAbort)
  try {
    const creating = createModelDownloader({
      modelUri: uri,
      dirPath: options.dir,
      skipExisting: true,
      deleteTempFileOnCancel: false,
      showCliProgress: false,
      ...(options.huggingFaceEndpoint ? { endpoints: { huggingFace: options.huggingFaceEndpoint } } : {}),
      onProgress: ({ downloadedSize, totalSize }) => {
        if (downloadedSize > 0 && !progressed) {
          progressed = true
          clearTimeout(timer)
        }
        options.onProgress?.({ downloadedBytes: downloadedSize, totalBytes: totalSize })
      },
    })
    downloader = await race(creating, started.signal)
    const file = await race(downloader.download({ signal: started.signal }), started.signal)
    return file
  } catch (error) {
    await downloader?.cancel({ deleteTempFile: false }).catch(() => undefined)
    if (options.signal?.aborted) throw new CastorError('cancelled', `Download of ${uri} cancelled; the partial file is kept and the next pull resumes it`)
    if (started.signal.aborted && !progressed) throw unreachable(`no answer within ${Math.round(timeoutMs / 1000)} s`)
    const message = error instanceof Error ? error.message : String(error)
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|fetch failed|network|socket/i.test(message + String((error as { cause?: unknown })?.cause ?? ''))) {
      throw unreachable(message)
    }
    if (/\b404\b|not found/i.test(message)) throw new CastorError('not-found', `Cannot download ${uri}: ${message}`, { field: 'uri', value: uri })
    throw new CastorError('internal', `Cannot download ${uri}: ${message}`, { field: 'uri', value: uri })
  } finally {
    clearTimeout(timer)
    options.signal?.removeEventListener('abort', onAbort)
  }
}

/** Why `origin`'s host cannot be reached (name not resolved, connection refused), or null when it answers a TCP connect. */
async function hostProblem(origin: string, timeoutMs: number): Promise<string | null> {
  const url = new URL(origin)
  const port = Number(url.port) || (url.protocol === 'http:' ? 80 : 443)
  const net = await import('node:net')
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port })
    const done = (problem: string | null) => {
      socket.destroy()
      resolve(problem)
    }
    socket.setTimeout(timeoutMs, () => done(`no connection within ${Math.round(timeoutMs / 1000)} s`))
    socket.once('connect', () => done(null))
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message))
  })
}

function race<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'))
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
