import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli'
import { tinyQwen3Gguf } from '../../helpers/gguf/qwen3Gguf'
import type { JudgeCatalog } from '../../../src/shared/api/judgeCatalog'
import { tempDir } from '../../helpers/tempDir'

describe('castor models', () => {
  it('lists a models folder as JSON lines and as text', () => {
    const dir = tempDir()
    fs.copyFileSync(tinyQwen3Gguf(), path.join(dir, 'judge-tiny.gguf'))
    const json = runCli(['models', 'list', dir, '--json'])
    expect(json.status, json.stderr).toBe(0)
    const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ fileName: 'judge-tiny.gguf', architecture: 'qwen3', fileType: 'F32', contextLength: 8192, layers: 2 })
    const text = runCli(['models', 'list', dir])
    expect(text.stdout).toMatch(/^judge-tiny\.gguf {2}qwen3 · 95\.2K · F32 · ctx 8192 · /m)
  })

  it('inspects a file (the GPU fit estimate itself is tested on the service)', () => {
    const result = runCli(['models', 'inspect', tinyQwen3Gguf(), '--no-fit'])
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^ {2}architecture +qwen3$/m)
    expect(result.stdout).toMatch(/^ {2}parameters +95\.2K \(95168\)$/m)
    expect(result.stdout).toMatch(/^ {2}chat template +yes/m)
    const missing = runCli(['models', 'inspect', '/nonexistent/model.gguf', '--json', '--no-fit'])
    expect(missing.status).toBe(1)
    expect(JSON.parse(missing.stdout.trim())).toMatchObject({ error: { code: 'not-found' } })
  })

  it('fails a pull without internet clearly, with a non-zero exit, instead of hanging', () => {
    const dir = tempDir()
    const result = runCli(['models', 'pull', 'hf:ai-forever/pollux-judge-7b/pollux-judge-7b-Q4_K_M.gguf', '--dir', dir, '--timeout', '2', '--json'])
    expect(result.status).toBe(1)
    const { error } = JSON.parse(result.stdout.trim().split('\n').pop() as string) as { error: { code: string; message: string } }
    expect(error.code).toBe('unsupported')
    expect(error.message).toContain('https://huggingface.co is not reachable from this machine')
    expect(result.stderr).toContain(`copy it into ${dir}`)
  })
  it('lists the POLLUX judges catalog: each GGUF quantization with its size and fit, the 7B/32B judges with their vLLM command', () => {
    const result = runCli(['models', 'catalog', '--no-fit', '--json'])
    expect(result.status, result.stderr).toBe(0)
    const catalog = JSON.parse(result.stdout) as JudgeCatalog
    expect(catalog.entries.map((e) => e.id)).toEqual(['pollux-4b-judge', 'pollux-judge-7b', 'pollux-judge-32b'])
    const [fourB, sevenB] = catalog.entries
    expect(fourB.gguf?.quantizations[0]).toMatchObject({ quant: 'Q4_K_M', uri: 'hf:ledgergap/Pollux-4B-Judge-GGUF:Q4_K_M', fit: expect.stringMatching(/^(gpu|ram|no)$/) })
    expect(fourB.gguf?.quantizations.every((q) => q.bytes > 1e9)).toBe(true)
    expect(sevenB.serve).toMatchObject({ command: 'vllm serve ai-forever/pollux-judge-7b --port 8000', endpoint: 'http://127.0.0.1:8000/v1', model: 'ai-forever/pollux-judge-7b' })
    const text = runCli(['models', 'catalog', '--no-fit'])
    expect(text.stdout).toContain('castor models pull pollux-4b-judge:QUANT')
    expect(text.stdout).toContain('--endpoint http://127.0.0.1:8000/v1 --api-model ai-forever/pollux-judge-32b')
  })

  it('pulls a catalog entry by its id, and offline fails at once (not after the timeout) saying to copy the file', () => {
    const dir = tempDir()
    const started = Date.now()
    const result = runCli(['models', 'pull', 'pollux-4b-judge:Q8_0', '--dir', dir, '--timeout', '60', '--json'])
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(result.status).toBe(1)
    const { error } = JSON.parse(result.stdout.trim().split('\n').pop() as string) as { error: { code: string; message: string } }
    expect(error).toMatchObject({ code: 'unsupported', message: expect.stringContaining('Cannot download hf:ledgergap/Pollux-4B-Judge-GGUF:Q8_0') })
    expect(error.message).toContain(`copy it into ${dir}`)
  })
})
