import path from 'node:path'
import { Command, Option } from 'commander'
import { CastorError } from '@shared/api/errors'
import { importFormats } from '@shared/api/formats'
import type { ImportFormat, ImportSummary, PolluxLibrary } from '@shared/api/models'
import { projectCounts } from '../../main/services/project/projectInfo'
import { printJson, printLine } from '../output'
import { withProject } from '../projectFile'
import { createProgress } from '../progress'
import { runCommand } from '../runCommand'

function describeSummary(summary: ImportSummary): string {
  const added = Object.entries(summary.added)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `+${count} ${kind}`)
  return `${summary.file}: ${summary.rows} rows (${summary.format}), ${added.length ? added.join(', ') : 'nothing new'} in ${(summary.durationMs / 1000).toFixed(1)} s`
}

interface ImportCommandOptions {
  format: ImportFormat
  json?: boolean
  polluxCriteria?: boolean
  polluxTasks?: boolean
}

/** What to import, in order: the built-in POLLUX taxonomies first (data rows find criteria in them), then the files. */
async function importPlan(inputs: string[], options: ImportCommandOptions) {
  const { polluxLibraryFile, polluxLibraryName } = await import('../../main/services/pollux/library')
  const libraries: PolluxLibrary[] = [
    ...(options.polluxCriteria ? (['pollux-criteria'] as const) : []),
    ...(options.polluxTasks ? (['pollux-tasks'] as const) : []),
  ]
  const plan = [
    ...libraries.map((library) => ({ file: polluxLibraryFile(library), format: library as ImportFormat, displayName: polluxLibraryName(library) })),
    ...inputs.map((input) => ({ file: input, format: options.format, displayName: input })),
  ]
  if (plan.length === 0) throw new CastorError('invalid-input', 'Nothing to import: give input files, --pollux-criteria or --pollux-tasks')
  return plan
}

export function importCommand(): Command {
  return new Command('import')
    .description('import data files into a project, each in one transaction')
    .argument('<file>', 'the .castor project file')
    .argument('[inputs...]', 'files to import (JSONL, CSV, JSON, Parquet)')
    .addOption(new Option('--format <format>', 'input format').choices(importFormats).default('auto'))
    .option('--pollux-criteria', 'import the built-in POLLUX criteria library (criteria.json shipped with Castor) first')
    .option('--pollux-tasks', 'import the built-in POLLUX task taxonomy (tasks.json shipped with Castor) first')
    .option('--json', 'print progress and the result as JSON lines')
    .action((file: string, inputs: string[], options: ImportCommandOptions) =>
      runCommand(options, async (mode) => {
        // Loaded on use, so that `castor info` starts fast.
        const { importFile } = await import('../../main/services/importers')
        const plan = await importPlan(inputs, options)
        await withProject(file, {}, async (db) => {
          const summaries: ImportSummary[] = []
          for (const { file: input, format, displayName } of plan) {
            const progress = createProgress(mode, path.basename(displayName), 'bytes')
            try {
              summaries.push(await importFile(db, input, { format, onProgress: progress.update, displayName }))
            } finally {
              progress.stop()
            }
            if (!mode.json) printLine(describeSummary(summaries[summaries.length - 1]))
          }
          if (mode.json) printJson({ event: 'done', imports: summaries, counts: projectCounts(db) })
        })
      }),
    )
}
