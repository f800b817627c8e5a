import fs from 'node:fs'
import path from 'node:path'

/**
 * better-sqlite3 rebuilt for Electron's ABI by scripts/electron-native.js (the copy in node_modules is built
 * for Node, which the CLI and tests use). Null when it has not been built.
 */
export function electronSqliteBinding(appPath: string): string | null {
  const binding = path.join(appPath, '.cache', 'electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
  return fs.existsSync(binding) ? binding : null
}
