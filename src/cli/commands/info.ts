import { Command } from 'commander'
import { projectInfo } from '../../main/services/project/projectInfo'
import { printJson, printLine } from '../output'
import { withProject } from '../projectFile'
import { runCommand } from '../runCommand'

export function infoCommand(): Command {
  return new Command('info')
    .description("show a project's name and row counts")
    .argument('<file>', 'the .castor project file')
    .option('--json', 'print the counts as one JSON object')
    .action((file: string, options: { json?: boolean }) =>
      runCommand(options, async (mode) => {
        const info = await withProject(file, { readOnly: true }, (db) => projectInfo(db, file))
        if (mode.json) {
          printJson(info.counts)
          return
        }
        printLine(`${info.name}  (${info.path}, schema ${info.schemaVersion})`)
        const width = Math.max(...Object.keys(info.counts).map((key) => key.length))
        for (const [key, value] of Object.entries(info.counts)) printLine(`  ${key.padEnd(width)}  ${value}`)
      }),
    )
}
