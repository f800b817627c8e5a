import { CommanderError } from 'commander'
import { printJson } from './output'
import { buildProgram } from './program'

/** The `castor` command line: the same services as the desktop app, in plain Node. */
async function main(argv: string[]): Promise<void> {
  const program = buildProgram()
  program.exitOverride()
  for (const command of program.commands) command.exitOverride()
  try {
    await program.parseAsync(argv)
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error
    // Commander has already printed its message (and the help) on stderr.
    process.exitCode = error.exitCode
    if (error.exitCode !== 0 && argv.includes('--json')) {
      printJson({ error: { code: 'invalid-input', message: error.message.replace(/^error: /, ''), location: null } })
    }
  }
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`castor: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
