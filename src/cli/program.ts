import { Command } from 'commander'
import { demoCommand } from './commands/demo'
import { exportCommand } from './commands/export'
import { importCommand } from './commands/import'
import { infoCommand } from './commands/info'
import { initCommand } from './commands/init'
import { serveCommand } from './commands/serve'

export const CLI_VERSION = '0.1.0'

export function buildProgram(): Command {
  const program = new Command('castor')
    .description('Castor: score LLM answers against POLLUX rubric criteria')
    .version(CLI_VERSION)
    .showHelpAfterError()
  for (const command of [initCommand(), importCommand(), exportCommand(), infoCommand(), serveCommand(), demoCommand()]) {
    program.addCommand(command)
  }
  return program
}
