import { reportError, type OutputMode } from './output'

/** Runs a command's work; a failure is reported (stderr, and stdout with --json) and sets a non-zero exit code. */
export async function runCommand(options: { json?: boolean }, work: (mode: OutputMode) => Promise<void>): Promise<void> {
  const mode: OutputMode = { json: options.json === true }
  try {
    await work(mode)
  } catch (error) {
    reportError(error, mode)
    process.exitCode = 1
  }
}
