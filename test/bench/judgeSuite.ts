import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type { LlamaContextSequence, Token } from 'node-llama-cpp'
import type { DecodingParameters, JudgeOutcome, JudgeRequest } from '../../src/main/services/judge/backend'
import { createLlamaBackend, type LlamaJudgeBackend } from '../../src/main/services/judge/llama/llamaBackend'
import { getJudgeLlama } from '../../src/main/services/judge/llama/llamaRuntime'
import { buildJudgePrompt } from '../../src/shared/domain/judgePrompt'
import { QWEN3_0_6B_SHAPE, tinyQwen3Gguf, writeQwen3Gguf } from '../helpers/gguf/qwen3Gguf'
import type { BenchContext } from './context'
import { benchRounds, LoadSampler, median, ratioText, rounded, spread as spreadOf } from './measure'
import { type BenchReport, seconds } from './report'

/**
 * The embedded judge on CPU, side by side in one run on the same model and prompts:
 * - Castor's backend vs a bare node-llama-cpp loop doing the same work (same prefix reuse, same number of
 *   generated tokens, greedy), rounds alternated: median ratio of throughputs, goal ≥ 0.95;
 * - 4 parallel sequences vs 1 (items/s);
 * - prompt tokens saved by judging the criteria of one answer back to back on one sequence;
 * - the share of wall time spent outside node-llama-cpp (tokenizing, rendering, parsing, bookkeeping), goal ≤ 5 %,
 *   and the longest event-loop stall during a run.
 * Models: the tiny test GGUF (per-token overhead dominates) and one with Qwen3-0.6B's shapes and random F16 weights
 * (realistic compute per token) written here. CASTOR_BENCH_SCALE scales the number of items.
 */

const levels = [
  { score: 0, text: 'Дан неправильный ответ или ответ отсутствует.' },
  { score: 1, text: 'Ответ модели неполный.' },
  { score: 2, text: 'Ответ модели совпадает с эталонным или эквивалентен ему.' },
]
const criteria = ['Правильность ответа', 'Отсутствие речевых ошибок', 'Связность и логичность', 'Соответствие формату']

const shortLevels = [
  { score: 0, text: 'нет' },
  { score: 1, text: 'частично' },
  { score: 2, text: 'да' },
]

function benchRequests(answers: number, criteriaPerAnswer: number, answerWords: number, short = false): JudgeRequest[] {
  const words = ['ответ', 'модель', 'решение', 'задача', 'пример', 'число', 'сумма', 'равно', 'четыре', 'верно']
  const list: JudgeRequest[] = []
  for (let a = 0; a < answers; a++) {
    const answer = Array.from({ length: answerWords }, (_, i) => words[(a * 7 + i * 3) % words.length]).join(' ')
    for (let c = 0; c < criteriaPerAnswer; c++) {
      list.push({
        itemId: a * 100 + c,
        group: a,
        prompt: buildJudgePrompt({ instruction: `Задача ${a + 1}: сколько будет 2+${a}?`, referenceAnswer: String(2 + a), answer, criterionName: criteria[c % criteria.length], levels: short ? shortLevels : levels }),
        allowedScores: [0, 1, 2],
      })
    }
  }
  return list
}

/** The longest event-loop delay over `ms` with nothing running: what the machine itself adds. */
async function idleLoopDelay(ms: number): Promise<number> {
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  await new Promise((resolve) => setTimeout(resolve, ms))
  loop.disable()
  return loop.max / 1e6
}

async function runBackend(backend: LlamaJudgeBackend, requests: JudgeRequest[], decoding: DecodingParameters) {
  const before = { ...backend.stats }
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  const started = performance.now()
  const outcomes: JudgeOutcome[] = []
  for await (const outcome of backend.judge(requests, { signal: new AbortController().signal, decoding })) outcomes.push(outcome)
  const ms = performance.now() - started
  loop.disable()
  const after = backend.stats
  return {
    ms,
    outcomes,
    llamaMs: after.llamaMs - before.llamaMs,
    promptTokens: after.promptTokens - before.promptTokens,
    reused: after.reusedPromptTokens - before.reusedPromptTokens,
    generated: after.generatedTokens - before.generatedTokens,
    maxLoopDelayMs: loop.max / 1e6,
  }
}

/** The floor: the same prompts, the same prefix reuse and the same number of generated tokens, straight on node-llama-cpp. */
async function bareLoop(sequence: LlamaContextSequence, prompts: Token[][], generate: number[]): Promise<number> {
  await sequence.clearHistory()
  const started = performance.now()
  for (const [index, tokens] of prompts.entries()) {
    const { firstDifferentIndex } = sequence.compareContextTokens(tokens)
    const reuse = Math.min(firstDifferentIndex, tokens.length - 1)
    if (sequence.nextTokenIndex > reuse) await sequence.eraseContextTokenRanges([{ start: reuse, end: sequence.nextTokenIndex }])
    let count = 0
    if (generate[index] > 0) {
      for await (const token of sequence.evaluate(tokens.slice(reuse), { temperature: 0, yieldEogToken: true })) {
        void token
        if (++count >= generate[index]) break
      }
    }
  }
  return performance.now() - started
}

/**
 * CASTOR_BENCH_THREADS, else the runtime's default (os.availableParallelism()) on an idle machine and only the
 * cores the load average leaves free (at least 1) on a busy one: ggml's threads spin on barriers, and on shared
 * CI cores two threads measured 20–150× slower than one. Both sides of every comparison use the same setting.
 */
function benchThreads(): number | undefined {
  if (process.env.CASTOR_BENCH_THREADS) return Number(process.env.CASTOR_BENCH_THREADS)
  const cores = os.availableParallelism()
  const free = Math.max(1, cores - Math.round(os.loadavg()[0]))
  return free < cores ? free : undefined
}

interface ModelCase {
  label: string
  file: string
  answers: number
  criteriaPerAnswer: number
  answerWords: number
  maxTokens: number
  contextSize: number
  rounds: number
  /** Rounds of the 4-vs-1 parallel comparison (informative; fewer on the slow model). */
  parallelRounds: number
  /** The JSON line's name for the model. */
  model: 'tiny' | 'qwen3-0.6b-shape'
  /** One-word rubric levels: shorter prompts for the slow realistic model on CPU. */
  shortRubric?: boolean
}

async function benchModel(spec: ModelCase, report: BenchReport): Promise<void> {
  const llama = await getJudgeLlama(false)
  const threads = benchThreads()
  const requests = benchRequests(spec.answers, spec.criteriaPerAnswer, spec.answerWords, spec.shortRubric)
  const decoding: DecodingParameters = { temperature: 0, topP: null, maxTokens: spec.maxTokens, constrained: false, seed: null }
  let loadMs = performance.now()
  const one = await createLlamaBackend({ modelPath: spec.file, llama, parallel: 1, contextSize: spec.contextSize, threads, skipHash: true })
  loadMs = performance.now() - loadMs
  try {
    const prompts = requests.map((request) => one.chat.tokens(request.prompt))
    // Warm-up (page in the weights), then alternate bare / Castor rounds on identical work.
    await runBackend(one, requests.slice(0, 1), decoding)
    // The floor's own context, created and warmed once like Castor's.
    const bareContext = await one.model.createContext({ contextSize: spec.contextSize, sequences: 1, ...(threads ? { threads } : {}), flashAttention: 'auto' })
    const bareSequence = bareContext.getSequence()
    await bareLoop(bareSequence, prompts.slice(0, 1), [1])
    const idleStallMs = await idleLoopDelay(1000)
    const castorRuns: Awaited<ReturnType<typeof runBackend>>[] = []
    const bareMs: number[] = []
    const load = new LoadSampler()
    // Greedy decoding: the bare loop generates as many tokens per item as Castor did (known after Castor's first run).
    let generate: number[] = []
    for (let round = 0; round < spec.rounds; round++) {
      load.sample()
      // Castor first, then bare; the next round bare first (neither side always runs first).
      const bareFirst = round % 2 === 1
      const bareBefore = bareFirst ? await bareLoop(bareSequence, prompts, generate) : 0
      await one.clearCache() // both loops start from an empty KV cache
      const run = await runBackend(one, requests, decoding)
      castorRuns.push(run)
      const byId = new Map(run.outcomes.map((outcome) => [outcome.itemId, outcome]))
      generate = requests.map((request) => byId.get(request.itemId)?.completionTokens ?? 0)
      bareMs.push(bareFirst ? bareBefore : await bareLoop(bareSequence, prompts, generate))
    }
    await bareContext.dispose()
    const broken = castorRuns.flatMap((run) => run.outcomes).find((o) => o.error && /does not fit|generation failed|cannot render/.test(o.error))
    if (broken) throw new Error(`judge bench: an item failed outside the model's output: ${broken.error}`)
    load.sample()
    // Throughput ratio per round (bare time / Castor time: ≥ 1 when Castor is as fast), its median over the rounds.
    const ratio = spreadOf(castorRuns.map((run, i) => bareMs[i] / run.ms))
    const castorMs = median(castorRuns.map((run) => run.ms))
    const floorMs = median(bareMs)
    const last = castorRuns[castorRuns.length - 1]
    const evaluated = last.promptTokens - last.reused + last.generated
    const outsideShares = castorRuns.map((run) => 1 - run.llamaMs / run.ms)
    const outsideShare = median(outsideShares)
    const rounds = `median of ${spec.rounds}`

    // Parallel: 4 sequences vs 1 on the same items, one criterion per answer so that 4 groups can run at once.
    const spread = benchRequests(Math.max(4, spec.answers), 1, spec.answerWords, spec.shortRubric)
    const four = await createLlamaBackend({ modelPath: spec.file, llama, parallel: 4, contextSize: spec.contextSize, threads, skipHash: true })
    const oneSpreadMs: number[] = []
    const fourMs: number[] = []
    try {
      if (spec.parallelRounds > 1) await runBackend(four, spread.slice(0, 1), decoding) // warm-up (the slow model's weights are already paged in)
      for (let round = 0; round < spec.parallelRounds; round++) {
        await one.clearCache()
        await four.clearCache()
        oneSpreadMs.push((await runBackend(one, spread, decoding)).ms)
        const fourRun = await runBackend(four, spread, decoding)
        const failed = fourRun.outcomes.find((o) => o.error && /does not fit|generation failed|cannot render/.test(o.error))
        if (failed) throw new Error(`judge bench: an item failed outside the model's output: ${failed.error}`)
        fourMs.push(fourRun.ms)
      }
    } finally {
      await four.close()
    }
    const oneSpread = { ms: Math.min(...oneSpreadMs) }
    const fourRun = { ms: Math.min(...fourMs) }
    const itemsPerSecond = (ms: number, count = requests.length) => (count / ms) * 1000
    const shared = last.reused / Math.max(1, last.promptTokens)
    // What "instruction and answer evaluated once per answer" allows: each later criterion of an answer reuses its
    // common prefix with the previous one.
    let withinGroup = 0
    for (let i = 1; i < requests.length; i++) {
      if (requests[i].group !== requests[i - 1].group) continue
      let common = 0
      while (common < prompts[i].length && prompts[i][common] === prompts[i - 1][common]) common++
      withinGroup += common
    }
    report.table(`judge: ${spec.label}`, [
      ['items × criteria', `${spec.answers} answers × ${spec.criteriaPerAnswer} criteria = ${requests.length} items, ≤ ${spec.maxTokens} output tokens, ${llama.gpu === false ? 'CPU' : llama.gpu}, threads ${threads ?? llama.maxThreads}`],
      ['model load', seconds(loadMs)],
      ['Castor, 1 sequence', `${rounds}: ${seconds(castorMs)}  ${((evaluated / castorMs) * 1000).toFixed(1)} evaluated tokens/s, ${((last.generated / castorMs) * 1000).toFixed(1)} generated tokens/s`],
      ['bare node-llama-cpp loop', `${rounds}: ${seconds(floorMs)}  ${((evaluated / floorMs) * 1000).toFixed(1)} evaluated tokens/s`],
      ['Castor / bare throughput (goal ≥ 0.95)', ratioText(ratio, spec.rounds, load, 3)],
      ['outside llama.cpp', `median ${(outsideShare * 100).toFixed(2)} % of wall time (min ${(Math.min(...outsideShares) * 100).toFixed(2)}, max ${(Math.max(...outsideShares) * 100).toFixed(2)}; goal ≤ 5 %); longest event-loop stall ${last.maxLoopDelayMs.toFixed(1)} ms (idle: ${idleStallMs.toFixed(1)} ms)`],
      ['prompt tokens', `${last.promptTokens} sent, ${last.reused} reused from the cache, ${last.promptTokens - last.reused} evaluated (${(shared * 100).toFixed(1)} % saved; shared instruction+answer prefixes within answers: ${withinGroup})`],
      ['items/s, 1 sequence', itemsPerSecond(castorMs).toFixed(2)],
      [
        'parallel sequences',
        `${spread.length} answers × 1 criterion: ${itemsPerSecond(oneSpread.ms, spread.length).toFixed(2)} items/s with 1, ` +
          `${itemsPerSecond(fourRun.ms, spread.length).toFixed(2)} with 4: speedup ×${(oneSpread.ms / fourRun.ms).toFixed(2)}`,
      ],
      ['scores parsed', `${last.outcomes.filter((o) => o.score !== null).length}/${last.outcomes.length} (random weights: errors expected unconstrained)`],
    ])
    report.json('judge', {
      model: spec.model,
      ratio: rounded(ratio),
      outsideShare: Number(outsideShare.toFixed(4)),
      castorMs: rounded(spreadOf(castorRuns.map((run) => run.ms)), 1),
      bareMs: rounded(spreadOf(bareMs), 1),
      threads: threads ?? llama.maxThreads,
      load: rounded(load.spread, 2),
    })
  } finally {
    await one.close()
  }
}

export async function judgeSuite(bench: BenchContext): Promise<void> {
  const { dir, scale, report } = bench
  report.line(`\njudge bench: load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores`)
  const n = (base: number) => Math.max(1, Math.round(base * scale))
  await benchModel(
    { label: 'tiny qwen3 (overhead per token)', file: tinyQwen3Gguf(), answers: n(4), criteriaPerAnswer: 4, answerWords: 40, maxTokens: 48, contextSize: 1024, rounds: Math.max(7, benchRounds()), parallelRounds: 3, model: 'tiny' },
    report,
  )
  const big = path.join(dir, 'qwen3-0.6b-shape-f16.gguf')
  const started = performance.now()
  const bytes = writeQwen3Gguf(big, QWEN3_0_6B_SHAPE)
  report.line(`\nwrote ${path.basename(big)}: ${(bytes / 1e9).toFixed(2)} GB (Qwen3-0.6B shapes, ${QWEN3_0_6B_SHAPE.layers} layers, small test vocabulary) in ${seconds(performance.now() - started)}`)
  await benchModel(
    { label: 'Qwen3-0.6B shapes, F16 (realistic compute)', file: big, answers: 2, criteriaPerAnswer: 2, answerWords: 8, maxTokens: 4, contextSize: 512, rounds: benchRounds(), parallelRounds: 1, model: 'qwen3-0.6b-shape', shortRubric: true },
    report,
  )
}
