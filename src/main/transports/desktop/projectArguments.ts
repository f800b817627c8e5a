import path from 'node:path'

/**
 * The project file a command line names: Windows and Linux start the app with the double-clicked `.castor` file as
 * an argument (and pass a second start's arguments to the running app). Chromium switches and, in development,
 * the app folder itself are skipped.
 */
export function projectFileFromArgs(argv: readonly string[], cwd: string): string | null {
  for (const argument of argv.slice(1)) {
    if (argument.startsWith('-')) continue
    if (path.extname(argument).toLowerCase() === '.castor') return path.resolve(cwd, argument)
  }
  return null
}
