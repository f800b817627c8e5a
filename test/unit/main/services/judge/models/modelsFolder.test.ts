import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { getJudgeLlama } from '../../../../../../src/main/services/judge/llama/llamaRuntime'
import { estimateFit, inspectModelFile, listModels, pullModel } from '../../../../../../src/main/services/judge/models/modelsFolder'
import { TINY_QWEN3, testVocabulary, tinyQwen3Gguf } from '../../../../../helpers/gguf/qwen3Gguf'
import { tempDir } from '../../../../../helpers/tempDir'

const tinyParameters = (() => {
  const { embedding: e, heads, kvHeads, headDim: d, feedForward: f, layers } = TINY_QWEN3
  const perLayer = e + e * heads * d + 2 * e * kvHeads * d + heads * d * e + 2 * d + e + 3 * e * f
  return testVocabulary().tokens.length * e + e + layers * perLayer
})()

describe('the models folder', () => {
  it('inspects a GGUF: architecture, parameters, file type, context length, layers', async () => {
    const info = await inspectModelFile(tinyQwen3Gguf())
    expect(info).toMatchObject({
      fileName: path.basename(tinyQwen3Gguf()),
      architecture: 'qwen3',
      name: 'castor-tiny-qwen3',
      parameters: tinyParameters,
      fileType: 'F32',
      contextLength: TINY_QWEN3.contextLength,
      layers: TINY_QWEN3.layers,
      hasChatTemplate: true,
      refused: null,
    })
    expect(info.sizeBytes).toBe(fs.statSync(tinyQwen3Gguf()).size)
  })

  it('lists the GGUF files of a folder, flags regression variants and survives a broken file', async () => {
    const dir = tempDir()
    fs.copyFileSync(tinyQwen3Gguf(), path.join(dir, 'judge.gguf'))
    fs.mkdirSync(path.join(dir, 'pollux'))
    fs.copyFileSync(tinyQwen3Gguf(), path.join(dir, 'pollux', 'pollux-judge-7b-r-Q4_K_M.gguf'))
    fs.writeFileSync(path.join(dir, 'broken.gguf'), 'not a gguf')
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'ignored')
    const models = await listModels(dir)
    expect(models.map((m) => path.relative(dir, m.file))).toEqual(['broken.gguf', 'judge.gguf', path.join('pollux', 'pollux-judge-7b-r-Q4_K_M.gguf')])
    expect(models[0]).toMatchObject({ architecture: null, parameters: null })
    expect(models[1]).toMatchObject({ architecture: 'qwen3', refused: null })
    expect(models[2].refused).toMatch(/regression variant/)
  })

  it('says clearly when the file or folder is missing or not a GGUF', async () => {
    const dir = tempDir()
    await expect(inspectModelFile(path.join(dir, 'missing.gguf'))).rejects.toMatchObject({ code: 'not-found' })
    await expect(listModels(path.join(dir, 'nope'))).rejects.toMatchObject({ code: 'not-found' })
    fs.writeFileSync(path.join(dir, 'bad.gguf'), 'GGUF but not really')
    await expect(inspectModelFile(path.join(dir, 'bad.gguf'))).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('is not a readable GGUF file') })
  })

  it('estimates the fit on this machine (CPU here) with node-llama-cpp insights', async () => {
    const llama = await getJudgeLlama(false)
    const fit = await estimateFit(tinyQwen3Gguf(), llama, { contextSize: 1024, sequences: 2 })
    expect(fit).toMatchObject({ gpu: false, verdict: 'cpu', gpuLayers: 0, contextSize: 1024, sequences: 2 })
    expect(fit.totalLayers).toBeGreaterThanOrEqual(TINY_QWEN3.layers)
    expect(fit.ramBytes).toBeGreaterThan(0)
  })
})

describe('pulling a model without internet', () => {
  it('refuses something that is not a model URI', async () => {
    await expect(pullModel('pollux-judge-7b', { dir: tempDir() })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('hf:owner/repo/file.gguf') })
  })

  it('refuses a regression variant before downloading it', async () => {
    await expect(pullModel('hf:ai-forever/pollux-judge-7b-r:Q4_K_M', { dir: tempDir() })).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/regression variant/) })
  })

  it('fails fast and says what to do when Hugging Face refuses the connection', async () => {
    // A port nothing listens on: the connection is refused at once.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo
        server.close(() => resolve(port))
      })
    })
    const dir = tempDir()
    const error = await pullModel('hf:ai-forever/pollux-judge-7b/pollux-judge-7b-Q4_K_M.gguf', {
      dir,
      connectTimeoutMs: 2000,
      huggingFaceEndpoint: `http://127.0.0.1:${port}`,
    }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'unsupported', message: expect.stringContaining(`http://127.0.0.1:${port} is not reachable from this machine`) })
    expect((error as Error).message).toContain(`copy it into ${dir}`)
  })

  it('gives up on huggingface.co within the timeout instead of hanging', async () => {
    const dir = tempDir()
    const error = await pullModel('https://huggingface.co/ai-forever/pollux-judge-7b/resolve/main/model.gguf', { dir, connectTimeoutMs: 2000 }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'unsupported', message: expect.stringContaining('https://huggingface.co is not reachable from this machine') })
  })
})
