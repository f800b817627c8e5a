import path from 'node:path'
import { Command, Option } from 'commander'
import { exportFormats } from '@shared/api/formats'
import type { ExportFormat } from '@shared/api/models'
import { projectFileOf } from '../../main/services/db'
import { checkTarget } from '../../main/services/exporters/outputFile'
import { formatBytes, printJson, printLine } from '../output'
import { withProject } from '../projectFile'
import { createProgress } from '../progress'
import { runCommand } from '../runCommand'

export function exportCommand(): Command {
  return new Command('export')
    .description('export a project: long format (jsonl, csv, parquet), the item summary (aggregate), the criterion summary, or POLLUX judge training data')
    .argument('<file>', 'the .castor project file')
    .addOption(new Option('--format <format>', 'export format').choices(exportFormats).makeOptionMandatory())
    .requiredOption('--out <path>', 'the file to write (aggregate: a .csv path writes CSV)')
    .option('--no-bom', 'CSV: leave out the UTF-8 byte order mark (Excel needs it to read Cyrillic)')
    .option('--raw-csv', "long CSV: write cells that start with = + - @ tab or CR as they are (default: behind a ' so spreadsheets do not run them)")
    .option('--force', 'replace the file at --out if one exists')
    .option('--json', 'print progress and the result as JSON lines')
    .action((file: string, options: { format: ExportFormat; out: string; force?: boolean; json?: boolean; bom: boolean; rawCsv?: boolean }) =>
      runCommand(options, async (mode) => {
        // Loaded on use, so that `castor info` starts fast.
        const { exportProject } = await import('../../main/services/exporters')
        const result = await withProject(file, { readOnly: true }, async (db) => {
          const target = checkTarget(options.out, { overwrite: options.force === true, projectFile: projectFileOf(db) })
          const progress = createProgress(mode, path.basename(target), 'items')
          try {
            return await exportProject(db, options.format, target, { onProgress: progress.update, bom: options.bom, rawCsv: options.rawCsv === true })
          } finally {
            progress.stop()
          }
        })
        const target = path.resolve(options.out)
        if (mode.json) printJson({ event: 'done', format: options.format, path: target, ...result })
        else printLine(`Wrote ${result.rows} rows (${formatBytes(result.bytes)}) to ${target}`)
      }),
    )
}
