import { Command } from 'commander'
import { CastorError } from '@shared/api/errors'
import { projectFileOf } from '../../main/services/db'
import { checkTarget } from '../../main/services/exporters/outputFile'
import { formatBytes, printJson, printLine } from '../output'
import { withProject } from '../projectFile'
import { runCommand } from '../runCommand'

export function reportCommand(): Command {
  return new Command('report')
    .description('write the whole analysis (agreement, judges vs experts, charts) as one standalone HTML file')
    .argument('<file>', 'the .castor project file')
    .requiredOption('--out <path>', 'the HTML file to write')
    .option('--bootstrap <n>', 'bootstrap resamples for 95 % confidence intervals (0 = none)', '0')
    .option('--force', 'replace the file at --out if one exists')
    .option('--json', 'print the result as one JSON object')
    .action((file: string, options: { out: string; bootstrap: string; force?: boolean; json?: boolean }) =>
      runCommand(options, async (mode) => {
        const bootstrap = Number(options.bootstrap)
        if (!Number.isInteger(bootstrap) || bootstrap < 0 || bootstrap > 100_000) {
          throw new CastorError('invalid-input', `--bootstrap is ${options.bootstrap}: give a whole number from 0 to 100000`, { field: 'bootstrap', value: options.bootstrap })
        }
        // Loaded on use (ECharts and the statistics engine), so that other commands start fast.
        const { writeReport } = await import('../../main/services/analytics/report')
        const result = await withProject(file, { readOnly: true }, (db) => {
          const target = checkTarget(options.out, { overwrite: options.force === true, projectFile: projectFileOf(db) })
          return writeReport(db, file, target, { bootstrap })
        })
        if (mode.json) printJson({ event: 'done', ...result })
        else printLine(`Wrote the report (${formatBytes(result.bytes)}) to ${result.path}`)
      }),
    )
}
