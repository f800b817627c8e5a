import fs from 'node:fs'
import path from 'node:path'
import { Command } from 'commander'
import { CastorError } from '@shared/api/errors'
import { projectInfo } from '../../main/services/project/projectInfo'
import { printJson, printLine } from '../output'
import { withProject } from '../projectFile'
import { runCommand } from '../runCommand'

export function initCommand(): Command {
  return new Command('init')
    .description('create an empty project file')
    .argument('<file>', 'the .castor project file to create')
    .option('--json', 'print the new project as JSON')
    .action((file: string, options: { json?: boolean }) =>
      runCommand(options, async (mode) => {
        const target = path.resolve(file)
        if (fs.existsSync(target)) throw new CastorError('conflict', `${target} already exists`, { file: target })
        const info = await withProject(target, { create: true }, (db) => projectInfo(db, target))
        if (mode.json) printJson(info)
        else printLine(`Created project ${info.name} at ${info.path}`)
      }),
    )
}
