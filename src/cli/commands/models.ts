import path from 'node:path'
import { Command } from 'commander'
import { CATALOG_ENDPOINT, catalogModelUri, type JudgeCatalog } from '@shared/api/judgeCatalog'
import { formatBytes, printJson, printLine } from '../output'
import { createProgress } from '../progress'
import { runCommand } from '../runCommand'

// The models service and node-llama-cpp are loaded inside the actions, so that other commands start fast.
const loadModels = () => import('../../main/services/judge/models/modelsFolder')

function formatParameters(count: number | null): string {
  if (count === null) return '?'
  if (count >= 1e9) return `${(count / 1e9).toFixed(1)}B`
  if (count >= 1e6) return `${(count / 1e6).toFixed(1)}M`
  return `${(count / 1e3).toFixed(1)}K`
}

export function modelsCommand(): Command {
  const models = new Command('models').description('GGUF judge models: list a models folder, inspect a file, download from Hugging Face')

  models
    .command('list')
    .description('list the GGUF files of a models folder with their architecture, size, quantization and context length')
    .argument('[dir]', 'the models folder (default: CASTOR_MODELS_DIR or ~/.castor/models)')
    .option('--json', 'print one JSON object per model')
    .action((dir: string | undefined, options: { json?: boolean }) =>
      runCommand(options, async (mode) => {
        const { defaultModelsDir, listModels } = await loadModels()
        const folder = path.resolve(dir ?? defaultModelsDir())
        const list = await listModels(folder)
        if (mode.json) {
          for (const model of list) printJson(model)
          return
        }
        if (list.length === 0) {
          printLine(`No GGUF files in ${folder}`)
          return
        }
        for (const model of list) {
          const facts = [
            model.architecture ?? 'unreadable',
            formatParameters(model.parameters),
            model.fileType ?? '?',
            model.contextLength ? `ctx ${model.contextLength}` : null,
            formatBytes(model.sizeBytes),
            model.refused ? 'refused: regression variant (-r)' : null,
          ].filter(Boolean)
          printLine(`${path.relative(folder, model.file)}  ${facts.join(' · ')}`)
        }
      }),
    )

  models
    .command('inspect')
    .description("show a GGUF file's metadata and whether it fits this machine's GPU")
    .argument('<file>', 'the .gguf file')
    .option('--context <tokens>', 'context size per sequence for the fit estimate', '8192')
    .option('--parallel <n>', 'sequences for the fit estimate', '1')
    .option('--no-fit', 'skip the GPU fit estimate (no GPU runtime is loaded)')
    .option('--json', 'print one JSON object')
    .action((file: string, options: { json?: boolean; fit: boolean; context: string; parallel: string }) =>
      runCommand(options, async (mode) => {
        const { estimateFit, inspectModelFile } = await loadModels()
        const info = await inspectModelFile(file)
        let fit = null
        if (options.fit) {
          const { getJudgeLlama } = await import('../../main/services/judge/llama/llamaRuntime')
          fit = await estimateFit(info.file, await getJudgeLlama('auto'), { contextSize: Number(options.context), sequences: Number(options.parallel) })
        }
        if (mode.json) {
          printJson({ ...info, fit })
          return
        }
        printLine(info.file)
        const rows: [string, string][] = [
          ['architecture', info.architecture ?? '?'],
          ['name', info.name ?? '?'],
          ['parameters', `${formatParameters(info.parameters)}${info.parameters !== null ? ` (${info.parameters})` : ''}`],
          ['file type', info.fileType ?? '?'],
          ['context length', String(info.contextLength ?? '?')],
          ['layers', String(info.layers ?? '?')],
          ['size', formatBytes(info.sizeBytes)],
          ['chat template', info.hasChatTemplate ? 'yes (used for the judge prompt)' : 'none (ChatML is used)'],
        ]
        if (info.refused) rows.push(['refused', info.refused])
        if (fit) {
          rows.push([
            'fit',
            `${fit.verdict} — ${fit.gpu === false ? 'no GPU' : fit.gpu}, ${fit.gpuLayers}/${fit.totalLayers} layers on GPU, ` +
              `${fit.contextSize} tokens × ${fit.sequences}, VRAM ${formatBytes(fit.vramBytes)}, RAM ${formatBytes(fit.ramBytes)}`,
          ])
        }
        const width = Math.max(...rows.map(([label]) => label.length))
        for (const [label, value] of rows) printLine(`  ${label.padEnd(width)}  ${value}`)
      }),
    )

  models
    .command('catalog')
    .description('the POLLUX judges: Pollux-4B-Judge as a GGUF to pull (each quantization\'s size and fit here), the 7B/32B judges to serve with vLLM')
    .option('--no-fit', 'skip the GPU check (no GPU runtime is loaded); fit is then judged on RAM only')
    .option('--json', 'print one JSON object: the machine and every entry with its fit')
    .action((options: { json?: boolean; fit: boolean }) =>
      runCommand(options, async (mode) => {
        const { catalogFor, machineMemory } = await import('../../main/services/judge/models/catalogFit')
        const catalog = catalogFor(await machineMemory({ gpu: options.fit }))
        if (mode.json) printJson(catalog)
        else printCatalog(catalog)
      }),
    )

  models
    .command('pull')
    .description('download a GGUF from Hugging Face (hf:owner/repo/file.gguf, hf:owner/repo:QUANT, a catalog id such as pollux-4b-judge:Q4_K_M) or an https URL; resumes a partial download')
    .argument('<uri>', 'the model URI or catalog id')
    .option('--dir <dir>', 'the models folder (default: CASTOR_MODELS_DIR or ~/.castor/models)')
    .option('--timeout <seconds>', 'give up when the download has not started after this long', '20')
    .option('--json', 'print progress and the result as JSON lines')
    .action((uri: string, options: { dir?: string; timeout: string; json?: boolean }) =>
      runCommand(options, async (mode) => {
        const { defaultModelsDir, pullModel } = await loadModels()
        uri = catalogModelUri(uri) ?? uri
        const dir = path.resolve(options.dir ?? defaultModelsDir())
        const progress = createProgress(mode, uri, 'bytes')
        const controller = new AbortController()
        const cancel = () => controller.abort()
        process.once('SIGINT', cancel)
        try {
          const file = await pullModel(uri, {
            dir,
            signal: controller.signal,
            connectTimeoutMs: Number(options.timeout) * 1000,
            onProgress: ({ downloadedBytes, totalBytes }) => progress.update(downloadedBytes, totalBytes || null, 0),
          })
          progress.stop()
          if (mode.json) printJson({ event: 'done', uri, path: file })
          else printLine(`Downloaded ${uri} to ${file}`)
        } finally {
          progress.stop()
          process.off('SIGINT', cancel)
          // The downloader (ipull) can leave retry timers and sockets behind after a failure or a cancel:
          // exit once the output is written instead of lingering.
          setTimeout(() => process.exit(), 200).unref()
        }
      }),
    )
  return models
}

const FIT_TEXT = { gpu: 'fits the GPU', ram: 'fits RAM (CPU)', no: 'does not fit' } as const

function printCatalog(catalog: JudgeCatalog): void {
  printLine(`This machine: ${catalog.gpu ? `${catalog.gpu} GPU, ${formatBytes(catalog.vramBytes)} VRAM` : 'no GPU'}, ${formatBytes(catalog.ramBytes)} RAM`)
  for (const entry of catalog.entries) {
    printLine()
    printLine(`${entry.name} (${entry.upstream}, ${formatParameters(entry.parameters)}${entry.thinks ? ', thinks before its score' : ''})`)
    if (entry.gguf) {
      printLine(`  GGUF ${entry.gguf.repository}: castor models pull ${entry.id}:QUANT`)
      for (const q of entry.gguf.quantizations) printLine(`    ${q.quant.padEnd(7)} ≈${formatBytes(q.bytes).padStart(9)}  ${FIT_TEXT[q.fit]}  ${q.uri}`)
    }
    printLine(`  Serve: ${entry.serve.command}  (weights ≈${formatBytes(entry.serve.weightsBytes)} of GPU memory: ${entry.serve.fit === 'gpu' ? 'fits this GPU' : 'needs a bigger GPU server'})`)
    printLine(`  Judge: castor judge FILE --endpoint ${CATALOG_ENDPOINT} --api-model ${entry.serve.model} --name NAME`)
  }
}
