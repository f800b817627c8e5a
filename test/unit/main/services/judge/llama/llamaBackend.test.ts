import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Llama } from 'node-llama-cpp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DecodingParameters, JudgeOutcome, JudgeRequest } from '../../../../../../src/main/services/judge/backend'
import { createLlamaBackend, type LlamaJudgeBackend } from '../../../../../../src/main/services/judge/llama/llamaBackend'
import { getJudgeLlama } from '../../../../../../src/main/services/judge/llama/llamaRuntime'
import { modelFileHash } from '../../../../../../src/main/services/judge/llama/modelHash'
import { buildJudgePrompt } from '../../../../../../src/shared/domain/judgePrompt'
import { CHATML_TEMPLATE, QWEN3_CHAT_TEMPLATE, testVocabulary, tinyQwen3Gguf } from '../../../../../helpers/gguf/qwen3Gguf'
import { tempDir } from '../../../../../helpers/tempDir'

// The Pollux-4B-Judge card's example, through buildJudgePrompt.
const levels = [
  { score: 0, text: 'Дан неправильный ответ или ответ отсутствует.' },
  { score: 1, text: 'Ответ модели неполный (не на все вопросы задания получен ответ, в формулировке ответа отсутствует часть информации).' },
  { score: 2, text: 'Ответ модели совпадает с эталонным или эквивалентен ему.' },
]
const CARD_PROMPT =
  '### Задание для оценки:\nСколько будет 2+2?\n### Эталонный ответ:\n4\n### Ответ для оценки:\nБудет 4\n### Критерий оценки:\nПравильность ответа\n' +
  '### Шкала оценивания по критерию:\n0: Дан неправильный ответ или ответ отсутствует.\n' +
  '1: Ответ модели неполный (не на все вопросы задания получен ответ, в формулировке ответа отсутствует часть информации).\n' +
  '2: Ответ модели совпадает с эталонным или эквивалентен ему.\n'

const criteria = ['Правильность ответа', 'Отсутствие речевых ошибок', 'Связность и логичность', 'Соответствие формату']
const answers = ['Будет 4', 'Думаю, что 5', 'Четыре']

/** Two answers × three criteria, grouped by answer as the run orchestrator sends them. */
function requests(count = 6): JudgeRequest[] {
  const list: JudgeRequest[] = []
  for (let i = 0; list.length < count; i++) {
    const answer = Math.floor(i / 3)
    list.push({
      itemId: 100 + i,
      group: answer,
      prompt: buildJudgePrompt({ instruction: 'Сколько будет 2+2?', referenceAnswer: '4', answer: answers[answer % answers.length], criterionName: criteria[i % 3], levels }),
      allowedScores: [0, 1, 2],
    })
  }
  return list
}

const decoding = (overrides: Partial<DecodingParameters> = {}): DecodingParameters => ({ temperature: 0, topP: null, maxTokens: 12, constrained: true, seed: null, ...overrides })

async function collect(backend: LlamaJudgeBackend, list: Iterable<JudgeRequest> | AsyncIterable<JudgeRequest>, decodingParameters: DecodingParameters, signal = new AbortController().signal) {
  const outcomes: JudgeOutcome[] = []
  for await (const outcome of backend.judge(list, { signal, decoding: decodingParameters })) outcomes.push(outcome)
  return outcomes
}

let llama: Llama
let modelPath: string
let backend: LlamaJudgeBackend
/** The same weights under plain ChatML (no thinking block): the 7B/32B judges' `[FEEDBACK] … [RESULT]` shape. */
let feedbackBackend: LlamaJudgeBackend
// The model-hash disk cache goes to a temp folder, not the home directory.
const hashCache = fs.mkdtempSync(path.join(os.tmpdir(), 'castor-hash-cache-'))

beforeAll(async () => {
  process.env.CASTOR_CACHE_DIR = hashCache
  modelPath = tinyQwen3Gguf()
  llama = await getJudgeLlama(false)
  // One thread: the tiny model is overhead-bound and these machines' cores are shared.
  backend = await createLlamaBackend({ modelPath, llama, parallel: 2, contextSize: 1024, threads: 1 })
  feedbackBackend = await createLlamaBackend({ modelPath: tinyQwen3Gguf({ chatTemplate: CHATML_TEMPLATE }), llama, parallel: 2, contextSize: 1024, threads: 1 })
})

afterAll(async () => {
  await backend?.close()
  await feedbackBackend?.close()
  delete process.env.CASTOR_CACHE_DIR
  fs.rmSync(hashCache, { recursive: true, force: true })
})

describe('the embedded judge backend (node-llama-cpp on CPU, tiny qwen3 GGUF)', () => {
  it('loads the written GGUF and names the model by its file hash and chat template', async () => {
    expect(backend.model.fileInfo.metadata.general.architecture).toBe('qwen3')
    // Each of the 2 sequences has the full 1024 tokens (the context holds 2 × 1024 cells).
    expect(backend.contextSize).toBe(1024)
    const expectedHash = crypto.createHash('sha256').update(fs.readFileSync(modelPath)).digest('hex')
    expect(backend.identity).toEqual({
      backend: 'llama-cpp',
      model: path.basename(modelPath),
      modelHash: expectedHash,
      endpoint: null,
      chatTemplate: `jinja:${crypto.createHash('sha256').update(QWEN3_CHAT_TEMPLATE).digest('hex')}`,
    })
  })

  it('sends the card example as the only user message through the GGUF chat template, no system prompt (golden tokens)', () => {
    const prompt = buildJudgePrompt({ instruction: 'Сколько будет 2+2?', referenceAnswer: '4', answer: 'Будет 4', criterionName: 'Правильность ответа', levels })
    expect(prompt).toBe(CARD_PROMPT)
    const vocab = testVocabulary()
    const expectedText = `<|im_start|>user\n${CARD_PROMPT}<|im_end|>\n<|im_start|>assistant\n`
    const tokens = backend.chat.tokens(prompt)
    expect(tokens).toEqual(vocab.encode(expectedText))
    expect(backend.chat.text(prompt)).toBe(expectedText)
    expect(tokens.filter((token) => token === vocab.specialIds['<|im_start|>'])).toHaveLength(2)
    expect(tokens.length).toBe(vocab.encode(expectedText).length)
    expect(backend.chat.text(prompt)).not.toContain('system')
  })

  it('gives every item of a constrained run a score from the scale and probabilities summing to 1', async () => {
    const list = requests(6)
    expect(feedbackBackend.chat.thinks).toBe(false)
    const outcomes = await collect(feedbackBackend, list, decoding({ maxTokens: 40 }))
    expect(outcomes.map((o) => o.itemId).sort()).toEqual(list.map((r) => r.itemId).sort())
    for (const outcome of outcomes) {
      expect(outcome.error, outcome.rawOutput).toBeNull()
      expect([0, 1, 2]).toContain(outcome.score)
      expect(outcome.rawOutput).toMatch(/^\[FEEDBACK\] [\s\S]*\[RESULT\] [012] \[END\]$/)
      expect(outcome.scoreProbabilities?.map((p) => p.score)).toEqual([0, 1, 2])
      const total = (outcome.scoreProbabilities ?? []).reduce((sum, p) => sum + p.probability, 0)
      expect(total).toBeCloseTo(1, 9)
      // Temperature 0: the constrained score is the most probable allowed score.
      const best = [...(outcome.scoreProbabilities ?? [])].sort((a, b) => b.probability - a.probability)[0]
      expect(outcome.score).toBe(best.score)
      const expected = (outcome.scoreProbabilities ?? []).reduce((sum, p) => sum + p.score * p.probability, 0)
      expect(outcome.expectedScore).toBeCloseTo(expected, 9)
      expect(outcome.entropy).toBeGreaterThan(0)
      expect(outcome.entropy).toBeLessThanOrEqual(Math.log(3) + 1e-9)
      expect(outcome.completionTokens).toBeGreaterThan(0)
      expect(outcome.completionTokens).toBeLessThanOrEqual(40)
    }
  })

  it('constrains a scale whose scores are several tokens (0, 5, 10) to one of its scores', async () => {
    const list = requests(3).map((r) => ({ ...r, allowedScores: [0, 5, 10] }))
    const outcomes = await collect(feedbackBackend, list, decoding({ maxTokens: 40 }))
    expect(outcomes).toHaveLength(3)
    for (const outcome of outcomes) {
      expect(outcome.error, outcome.rawOutput).toBeNull()
      expect([0, 5, 10]).toContain(outcome.score)
      expect(outcome.rawOutput).toMatch(/\[RESULT\] (0|5|10) \[END\]$/)
      // "10" is two tokens in this vocabulary: no single-position distribution exists.
      expect(outcome.scoreProbabilities).toBeNull()
    }
  })

  it('lets a thinking model (Qwen3 template) reason freely under --constrained, then allows only a score: its trained shape', async () => {
    expect(backend.chat.thinks).toBe(true)
    const list = requests(3)
    const outcomes = await collect(backend, list, decoding({ maxTokens: 40 }))
    expect(outcomes).toHaveLength(3)
    for (const outcome of outcomes) {
      expect(outcome.error, outcome.rawOutput).toBeNull()
      // `<think>` reasoning, `</think>`, a bare score: no [FEEDBACK]/[RESULT] forced on it.
      expect(outcome.rawOutput).toMatch(/^<think>\n[\s\S]*<\/think>\n\n[012]$/)
      expect(outcome.rawOutput).not.toContain('[FEEDBACK]')
      expect(outcome.scoreProbabilities?.map((p) => p.score)).toEqual([0, 1, 2])
      const best = [...(outcome.scoreProbabilities ?? [])].sort((a, b) => b.probability - a.probability)[0]
      expect(outcome.score).toBe(best.score)
      // The reasoning is bounded by the budget: the whole output fits max tokens.
      expect(outcome.completionTokens).toBeLessThanOrEqual(40)
    }
    // Several-token scales too.
    const [wide] = await collect(backend, requests(1).map((r) => ({ ...r, allowedScores: [0, 5, 10] })), decoding({ maxTokens: 30 }))
    expect(wide.rawOutput).toMatch(/<\/think>\n\n(0|5|10)$/)
    expect([0, 5, 10]).toContain(wide.score)
  })

  it('evaluates the shared prefix of one answer once: later criteria reuse the cached instruction and answer', async () => {
    const list = requests(6)
    const byId = new Map((await collect(backend, list, decoding())).map((o) => [o.itemId, o]))
    const vocab = testVocabulary()
    for (const [index, request] of list.entries()) {
      const outcome = byId.get(request.itemId) as JudgeOutcome
      const tokens = backend.chat.tokens(request.prompt)
      expect(outcome.promptTokens).toBe(tokens.length)
      if (index % 3 === 0) continue
      // The prefix shared with the previous criterion of the same answer, up to the criterion name.
      const previous = backend.chat.tokens(list[index - 1].prompt)
      let shared = 0
      while (shared < tokens.length && tokens[shared] === previous[shared]) shared++
      expect(shared).toBeGreaterThan(vocab.encode(`<|im_start|>user\n### Задание для оценки:\nСколько будет 2+2?\n`).length)
      expect(outcome.reusedPromptTokens).toBe(shared)
    }
  })

  it('judges in parallel without mixing groups and yields every item once', async () => {
    const list = requests(12).map((r, i) => ({ ...r, itemId: 1000 + i }))
    async function* stream() {
      for (const request of list) {
        await new Promise((resolve) => setImmediate(resolve))
        yield request
      }
    }
    const outcomes = await collect(backend, stream(), decoding({ maxTokens: 8 }))
    expect(outcomes.map((o) => o.itemId).sort((a, b) => a - b)).toEqual(list.map((r) => r.itemId))
    expect(outcomes.every((o) => o.score !== null)).toBe(true)
  })

  it('stores a free (unconstrained) output that names no score as an error with the raw text, never as a zero', async () => {
    const outcomes = await collect(backend, requests(2), decoding({ constrained: false, maxTokens: 6 }))
    expect(outcomes).toHaveLength(2)
    for (const outcome of outcomes) {
      // The random model writes no [RESULT]: each outcome is an error that keeps what it wrote.
      expect(outcome.score).toBeNull()
      expect(outcome.error).toEqual(expect.any(String))
      expect(outcome.completionTokens).toBeGreaterThan(0)
      expect(typeof outcome.rawOutput).toBe('string')
    }
  })

  it('reports a prompt that does not fit the context as that item’s error', async () => {
    const [long] = requests(1)
    const outcomes = await collect(backend, [{ ...long, prompt: long.prompt + 'ы'.repeat(1100) }], decoding())
    expect(outcomes[0].score).toBeNull()
    expect(outcomes[0].error).toMatch(/^the prompt \(\d+ tokens\) leaves 0 of the context's 1024 tokens per sequence for the answer/)
  })

  it('gives an item the output its context leaves when max tokens asks for more: a ceiling, not a demand', async () => {
    const [request] = requests(1)
    const promptTokens = backend.chat.tokens(request.prompt).length
    const [outcome] = await collect(backend, [request], decoding({ maxTokens: 4096 }))
    expect(outcome.error, outcome.rawOutput).toBeNull()
    expect(outcome.completionTokens).toBeLessThanOrEqual(1024 - promptTokens)
  })

  it('stops when aborted: no more outcomes after the abort, and the backend stays usable', async () => {
    const controller = new AbortController()
    const outcomes: JudgeOutcome[] = []
    for await (const outcome of backend.judge(requests(12), { signal: controller.signal, decoding: decoding() })) {
      outcomes.push(outcome)
      controller.abort()
    }
    expect(outcomes.length).toBeGreaterThanOrEqual(1)
    expect(outcomes.length).toBeLessThan(12)
    // A request source that is an async generator gets to run its finally block when judging stops early.
    let closed = false
    async function* source() {
      try {
        yield* requests(12)
      } finally {
        closed = true
      }
    }
    for await (const outcome of backend.judge(source(), { signal: new AbortController().signal, decoding: decoding() })) {
      void outcome
      break
    }
    expect(closed).toBe(true)
    const after = await collect(backend, requests(2), decoding())
    expect(after.map((o) => o.score !== null)).toEqual([true, true])
  })

  it('refuses a regression (-r) variant before loading it, saying why', async () => {
    const file = path.join(tempDir(), 'pollux-judge-7b-r-Q4_K_M.gguf')
    fs.copyFileSync(modelPath, file)
    await expect(createLlamaBackend({ modelPath: file, llama })).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/regression variant \(-r\).*regression head/s),
    })
  })

  it('caches the file hash by path, size and mtime, also across processes (disk cache)', async () => {
    const file = path.join(tempDir(), 'model.gguf')
    fs.writeFileSync(file, 'first')
    const first = await modelFileHash(file)
    expect(first).toBe(crypto.createHash('sha256').update('first').digest('hex'))
    fs.writeFileSync(file, 'other')
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000))
    expect(await modelFileHash(file)).toBe(crypto.createHash('sha256').update('other').digest('hex'))
    const onDisk = JSON.parse(fs.readFileSync(path.join(hashCache, 'model-hashes.json'), 'utf8')) as Record<string, string>
    expect(Object.values(onDisk)).toContain(crypto.createHash('sha256').update('other').digest('hex'))
    expect(Object.values(onDisk)).toContain(backend.identity.modelHash)
  })
})
