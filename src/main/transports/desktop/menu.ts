import type { MenuItemConstructorOptions } from 'electron'
import type { DesktopText } from './desktopText'
import type { TerminalCommand } from './terminalCommand'

/** The standard menus (edit and view roles keep copy, paste and zoom working) plus Help › castor in a terminal. */
export function applicationMenu(platform: NodeJS.Platform, text: DesktopText, showTerminalHelp: () => void): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', label: text.helpMenu, submenu: [{ label: text.terminalItem, click: showTerminalHelp }] },
  ]
}

/** The message box text for Help › castor in a terminal; `example` is what "Copy command" copies. */
export function terminalHelp(command: TerminalCommand, text: DesktopText): { detail: string; example: string } {
  const example = `${command.command} serve ${text.projectFile}`
  const onPath = { installed: command.shell === 'cmd' ? text.onPathWindows : text.onPathPosix, appimage: text.onPathPosix, development: text.onPathDevelopment }[command.kind]
  const parts = [text.terminalIntro, command.command, text.terminalExample, example, onPath, command.onPath]
  if (command.kind === 'appimage') parts.push(text.appImage)
  return { detail: parts.join('\n\n'), example }
}
