import fs from 'node:fs'
import path from 'node:path'
import { Command } from 'commander'
import { CastorError } from '@shared/api/errors'
import { projectInfo } from '../../main/services/project/projectInfo'
import { printJson, printLine } from '../output'
import { withProject } from '../projectFile'
import { runCommand } from '../runCommand'

export const DEFAULT_DEMO_FILE = 'castor-demo.castor'

export function demoCommand(): Command {
  return new Command('demo')
    .description('create the Russian POLLUX demo project')
    .option('--out <file>', 'where to create it', DEFAULT_DEMO_FILE)
    .option('--json', 'print the new project as JSON')
    .action((options: { out: string; json?: boolean }) =>
      runCommand(options, async (mode) => {
        // Loaded on use, so that `castor info` starts fast.
        const { createDemoProject } = await import('../../main/services/demo/demoProject')
        const target = path.resolve(options.out)
        if (fs.existsSync(target)) throw new CastorError('conflict', `${target} already exists; pass --out to create the demo elsewhere`, { file: target })
        await createDemoProject(target)
        // Read-write, so that closing removes the WAL files (a read-only connection leaves them beside the file).
        const info = await withProject(target, {}, (db) => projectInfo(db, target))
        if (mode.json) printJson(info)
        else printLine(`Created the demo project «${info.name}» at ${info.path}`)
      }),
    )
}
