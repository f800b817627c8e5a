import path from 'node:path'
import type { AppLocation } from './nativeBinding'

/** How to run `castor` next to this copy of the app (Help > Use castor from a terminal). */
export interface TerminalCommand {
  kind: 'installed' | 'appimage' | 'development'
  /** The command to type, quoted for the platform's shell. */
  command: string
  /** How to make plain `castor` work: a shell command, or (Windows) the folder to add to PATH. */
  onPath: string
  shell: 'posix' | 'cmd'
}

export interface TerminalFacts extends AppLocation {
  platform: NodeJS.Platform
  /** $APPIMAGE: set by the AppImage runtime, whose mount point changes at every start. */
  appImage?: string
}

const posixQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`

export function terminalCommand(facts: TerminalFacts): TerminalCommand {
  const join = facts.platform === 'win32' ? path.win32.join : path.posix.join
  if (!facts.isPackaged) {
    const script = join(facts.appPath, 'bin', 'castor.js')
    return facts.platform === 'win32'
      ? { kind: 'development', command: `node "${script}"`, onPath: `cd /d "${facts.appPath}" && npm link`, shell: 'cmd' }
      : { kind: 'development', command: `node ${posixQuote(script)}`, onPath: `cd ${posixQuote(facts.appPath)} && npm link`, shell: 'posix' }
  }
  if (facts.platform === 'win32') {
    const folder = join(facts.resourcesPath, 'bin')
    return { kind: 'installed', command: `"${join(folder, 'castor.cmd')}"`, onPath: folder, shell: 'cmd' }
  }
  const launcher = join(facts.resourcesPath, 'bin', 'castor')
  const linkTarget = facts.platform === 'darwin' ? '/usr/local/bin/castor' : '~/.local/bin/castor'
  const link = facts.platform === 'darwin' ? `sudo ln -sf ${posixQuote(launcher)} ${linkTarget}` : `mkdir -p ~/.local/bin && ln -sf ${posixQuote(launcher)} ${linkTarget}`
  return { kind: facts.appImage ? 'appimage' : 'installed', command: posixQuote(launcher), onPath: link, shell: 'posix' }
}
