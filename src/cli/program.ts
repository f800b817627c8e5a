import { Command } from 'commander'
import { annotatorsCommand } from './commands/annotators'
import { controlsCommand } from './commands/controls'
import { demoCommand } from './commands/demo'
import { exportCommand } from './commands/export'
import { importCommand } from './commands/import'
import { infoCommand } from './commands/info'
import { judgeCommand } from './commands/judge'
import { initCommand } from './commands/init'
import { modelsCommand } from './commands/models'
import { reportCommand } from './commands/report'
import { serveCommand } from './commands/serve'
import { qualityCommand } from './commands/quality'
import { simulateCommand } from './commands/simulate'
import { statsCommand } from './commands/stats'

export const CLI_VERSION = '0.1.0'

export function buildProgram(): Command {
  const program = new Command('castor')
    .description('Castor: score LLM answers against POLLUX rubric criteria')
    .version(CLI_VERSION)
    .showHelpAfterError()
  for (const command of [initCommand(), importCommand(), exportCommand(), infoCommand(), serveCommand(), demoCommand(), reportCommand(), judgeCommand(), statsCommand(), qualityCommand(), simulateCommand(), modelsCommand(), annotatorsCommand(), controlsCommand()]) {
    program.addCommand(command)
  }
  return program
}
