import path from 'node:path'
import { Command, Option } from 'commander'
import { importFormats } from '@shared/api/formats'
import type { ImportFormat, ImportSummary } from '@shared/api/models'
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

export function importCommand(): Command {
  return new Command('import')
    .description('import data files into a project, each in one transaction')
    .argument('<file>', 'the .castor project file')
    .argument('<inputs...>', 'files to import (JSONL, CSV, JSON, Parquet)')
    .addOption(new Option('--format <format>', 'input format').choices(importFormats).default('auto'))
    .option('--json', 'print progress and the result as JSON lines')
    .action((file: string, inputs: string[], options: { format: ImportFormat; json?: boolean }) =>
      runCommand(options, async (mode) => {
        // Loaded on use, so that `castor info` starts fast.
        const { importFile } = await import('../../main/services/importers')
        await withProject(file, {}, async (db) => {
          const summaries: ImportSummary[] = []
          for (const input of inputs) {
            const progress = createProgress(mode, path.basename(input), 'bytes')
            try {
              summaries.push(await importFile(db, input, { format: options.format, onProgress: progress.update, displayName: input }))
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
