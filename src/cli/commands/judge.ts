import { createRequire } from 'node:module'
import path from 'node:path'
import type CliProgress from 'cli-progress'
import { Command, Option } from 'commander'
import { CastorError } from '@shared/api/errors'
import type { ItemSelection } from '@shared/api/judgeModels'
import { printJson, printLine } from '../output'
import { withProject } from '../projectFile'
import { runCommand } from '../runCommand'

interface JudgeOptions {
  model?: string
  endpoint?: string
  apiModel?: string
  apiKeyEnv?: string
  api: 'chat' | 'completions'
  name?: string
  constrained?: boolean
  parallel?: string
  limit?: string
  unjudged?: boolean
  criterion?: string[]
  answerModel?: string[]
  sample?: string
  seed: string
  temperature: string
  maxTokens: string
  contextSize?: string
  timeout: string
  retries: string
  retryErrors?: boolean
  logprobs: boolean
  json?: boolean
  dryRun?: boolean
}

const JSON_INTERVAL_MS = 250

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new CastorError('invalid-input', `${flag} must be a positive whole number, not ${JSON.stringify(value)}`, { field: flag })
  return number
}

function number(value: string, flag: string, min: number, max: number): number {
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed < min || parsed > max) throw new CastorError('invalid-input', `${flag} must be a number from ${min} to ${max}, not ${JSON.stringify(value)}`, { field: flag })
  return parsed
}

export function judgeCommand(): Command {
  return new Command('judge')
    .description('judge a project\'s items with a POLLUX judge: a local GGUF model or an OpenAI-compatible server (vLLM, SGLang, llama-server)')
    .argument('<file>', 'the .castor project file')
    .option('--model <path|uri>', 'a local GGUF judge model (embedded llama.cpp), or hf:owner/repo/file.gguf to download into the models folder')
    .option('--endpoint <url>', 'an OpenAI-compatible server, e.g. http://gpu-box:8000/v1')
    .option('--api-model <name>', 'the model name on the server, e.g. ai-forever/pollux-judge-7b')
    .option('--api-key-env <var>', 'environment variable that holds the server\'s API key (never stored)')
    .addOption(new Option('--api <kind>', 'chat (the server applies the chat template) or completions (ChatML)').choices(['chat', 'completions']).default('chat'))
    .option('--name <name>', 'the run\'s name (the same configuration resumes the same run)')
    .option('--constrained', 'constrain the output to the judge\'s shape and the criterion\'s scale (local models)')
    .option('--parallel <n>', 'sequences (local) or concurrent requests (server)')
    .option('--limit <n>', 'judge at most the first N selected items')
    .option('--unjudged', 'select only items no judge has scored yet')
    .option('--criterion <externalId...>', 'select only these criteria (external ids)')
    .option('--answer-model <name...>', 'select only answers of these models')
    .option('--sample <n>', 'a random sample of N items (see --seed)')
    .option('--seed <n>', 'seed of --sample', '1')
    .option('--temperature <t>', 'sampling temperature', '0')
    .option('--max-tokens <n>', 'most tokens generated per item: a ceiling, an item never gets more than its context leaves after its prompt', '4096')
    .option('--context-size <n>', 'context size of a local model (default: its trained context, as far as memory allows)')
    .option('--timeout <ms>', 'per-request timeout on a server', '120000')
    .option('--retries <n>', 'retries on 429/5xx/timeouts on a server', '4')
    .option('--no-logprobs', 'do not ask a server for logprobs (no score probabilities)')
    .option('--retry-errors', 'judge again the items whose judgment failed')
    .option('--dry-run', 'print {"item", "prompt"} per selected item (the exact user message) and run no model')
    .option('--json', 'print progress and the result as JSON lines')
    .action((file: string, options: JudgeOptions) =>
      runCommand(options, async (mode) => {
        const runs = await import('../../main/services/judge/runs')
        const baseSelection = (criterionIds?: number[]): ItemSelection => ({
          mode: options.unjudged ? 'unjudged' : 'all',
          ...(criterionIds ? { criterionIds } : {}),
          ...(options.answerModel ? { models: options.answerModel } : {}),
          ...(options.sample ? { sample: { size: positiveInt(options.sample, '--sample') as number, seed: Number(options.seed) || 1 } } : {}),
          ...(options.limit ? { limit: positiveInt(options.limit, '--limit') } : {}),
        })
        const criterionIds = (db: import('../../main/services/db').Db): number[] | undefined => {
          if (!options.criterion) return undefined
          return options.criterion.map((externalId) => {
            const id = db.prepare('SELECT id FROM criteria WHERE external_id = ?').pluck().get(externalId) as number | undefined
            if (id === undefined) throw new CastorError('not-found', `No criterion with external id ${JSON.stringify(externalId)}`, { field: '--criterion', value: externalId })
            return id
          })
        }

        if (options.dryRun) {
          await withProject(file, { readOnly: true }, (db) => {
            for (const line of runs.dryRun(db, baseSelection(criterionIds(db)))) printJson(line)
          })
          return
        }

        if (!options.name) throw new CastorError('invalid-input', 'Name the run with --name', { field: '--name' })
        if (!!options.model === !!options.endpoint) throw new CastorError('invalid-input', 'Give either --model PATH (a local GGUF) or --endpoint URL with --api-model NAME', { field: '--model' })
        if (options.endpoint && !options.apiModel) throw new CastorError('invalid-input', '--endpoint needs --api-model NAME (the model name on the server)', { field: '--api-model' })
        const parallel = positiveInt(options.parallel, '--parallel')
        const settings: import('../../main/services/judge/runs').BackendSettings = options.endpoint
          ? {
              kind: 'remote',
              baseUrl: options.endpoint,
              model: options.apiModel as string,
              api: options.api,
              apiKeyEnv: options.apiKeyEnv ?? null,
              concurrency: parallel ?? 4,
              timeoutMs: number(options.timeout, '--timeout', 100, 3_600_000),
              retries: number(options.retries, '--retries', 0, 20),
              logprobs: options.logprobs,
            }
          : { kind: 'local', modelPath: /^(hf:|https?:\/\/)/.test(options.model as string) ? (options.model as string) : path.resolve(options.model as string), contextSize: positiveInt(options.contextSize, '--context-size') ?? null }
        const decoding = {
          ...runs.DEFAULT_DECODING,
          temperature: number(options.temperature, '--temperature', 0, 2),
          maxTokens: positiveInt(options.maxTokens, '--max-tokens') as number,
          constrained: options.constrained === true,
        }
        if (decoding.constrained && settings.kind === 'remote') {
          throw new CastorError('unsupported', '--constrained works with a local GGUF model (--model) only', { field: '--constrained' })
        }
        const loadBar = !mode.json && process.stderr.isTTY ? loadProgressBar() : null
        let lastLoadJson = 0
        const backend = await runs
          .createBackend(settings, {
            parallel: parallel ?? (settings.kind === 'remote' ? settings.concurrency : 1),
            constrained: decoding.constrained,
            onLoadProgress: (p) => {
              loadBar?.update(p)
              if (mode.json && (Date.now() - lastLoadJson >= JSON_INTERVAL_MS || p.fraction >= 1)) {
                lastLoadJson = Date.now()
                printJson({ event: 'load', phase: p.phase, model: p.model, fraction: round(p.fraction), etaMs: p.etaMs })
              }
            },
          })
          .finally(() => loadBar?.stop())
        try {
          await withProject(file, {}, async (db) => {
            const prepared = runs.prepareRun(db, {
              name: options.name as string,
              identity: backend.identity,
              parallel: backend.parallel,
              settings,
              decoding,
              selection: baseSelection(criterionIds(db)),
              retryErrors: options.retryErrors === true,
              resumeHint: (existing) => `resume it with castor judge ${file} --name ${JSON.stringify(existing)} and the same options`,
            })
            const { run } = prepared
            if (mode.json) printJson({ event: 'start', runId: run.id, name: run.name, resumed: !prepared.created, queued: prepared.queued, alreadyJudged: prepared.alreadyJudged, added: prepared.added })
            else printLine(`${prepared.created ? 'Judging' : 'Resuming'} "${run.name}" (${backend.identity.model}): ${prepared.queued - prepared.alreadyJudged} of ${prepared.queued} items to judge`)
            const controller = new AbortController()
            let interrupted = 0
            const onSignal = () => {
              interrupted++
              if (interrupted > 1) process.exit(130)
              process.stderr.write('castor: pausing; finished judgments are saved (run the same command to resume)\n')
              controller.abort()
            }
            process.on('SIGINT', onSignal)
            process.on('SIGTERM', onSignal)
            const bar = !mode.json && process.stderr.isTTY ? judgeBar(run.name) : null
            let lastJson = 0
            let result: import('../../main/services/judge/runs').RunResult
            try {
              result = await runs.executeRun(db, run.id, backend, decoding, {
                signal: controller.signal,
                stopReason: () => 'pause',
                onProgress: (p) => {
                  bar?.update(p)
                  if (mode.json && (Date.now() - lastJson >= JSON_INTERVAL_MS || p.done >= p.total)) {
                    lastJson = Date.now()
                    printJson({ event: 'progress', done: p.done, total: p.total, errors: p.errors, itemsPerSecond: round(p.itemsPerSecond), tokensPerSecond: round(p.tokensPerSecond), etaMs: p.etaMs })
                  }
                },
              })
            } finally {
              bar?.stop()
              process.off('SIGINT', onSignal)
              process.off('SIGTERM', onSignal)
            }
            if (mode.json) printJson({ event: 'done', ...result })
            if (result.status === 'failed') throw new CastorError('invalid-input', `Judge run "${result.name}" failed: ${result.error}`, { field: 'model' })
            if (!mode.json) {
              const seconds = result.durationMs / 1000
              printLine(
                `${result.status === 'done' ? 'Done' : `Stopped (${result.status})`}: ${result.judged} of ${result.queued} items judged, ${result.errors} errors; ` +
                  `${result.judgedNow} now in ${seconds.toFixed(1)} s (${(result.judgedNow / Math.max(seconds, 1e-9)).toFixed(2)} items/s, ` +
                  `${(result.completionTokens / Math.max(seconds, 1e-9)).toFixed(1)} tokens/s)`,
              )
            }
          })
        } finally {
          await backend.close()
        }
      }),
    )
}

/** A bar on the terminal (stderr): items, items/s, generated tokens/s, errors and the time left. */
function judgeBar(label: string): { update(p: import('../../main/services/judge/runs').RunProgress): void; stop(): void } {
  // Loaded only for a terminal, like src/cli/progress.ts.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {value}/{total} | {rate} items/s | {tokens} tok/s | {errors} errors | ETA {left}`,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update(p) {
      const payload = { rate: p.itemsPerSecond.toFixed(2), tokens: p.tokensPerSecond.toFixed(1), errors: p.errors, left: p.etaMs === null ? '—' : `${Math.round(p.etaMs / 1000)}s` }
      if (!started) {
        bar.start(p.total, p.done, payload)
        started = true
      } else {
        bar.setTotal(p.total)
        bar.update(p.done, payload)
      }
    },
    stop() {
      if (started) bar.stop()
    },
  }
}

/** A bar on the terminal (stderr) while a local model is hashed, then loaded. */
function loadProgressBar(): { update(p: import('../../main/services/judge/runs').LoadProgress): void; stop(): void } {
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{phase} {model} [{bar}] {percentage}% | ETA {left}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update(p) {
      const payload = { phase: p.phase === 'hash' ? 'Hashing' : 'Loading', model: p.model, left: p.etaMs === null ? '—' : `${Math.round(p.etaMs / 1000)}s` }
      if (!started) {
        bar.start(100, Math.round(p.fraction * 100), payload)
        started = true
      } else bar.update(Math.round(p.fraction * 100), payload)
    },
    stop() {
      if (started) bar.stop()
      started = false
    },
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
