import fs from 'node:fs'
import path from 'node:path'

/**
 * better-sqlite3 built for Electron's ABI by scripts/electron-native.js (node_modules keeps the Node build that the
 * CLI and tests use). In a clone it is under the app folder; an installer ships it as a resource
 * (electron-builder.yml `extraResources`), which the `castor` launchers in resources/bin point at too.
 */
export const DEV_SQLITE_BINDING = '.cache/electron-native/better-sqlite3/build/Release/better_sqlite3.node'
export const PACKAGED_SQLITE_BINDING = 'native/better_sqlite3.node'

export interface AppLocation {
  isPackaged: boolean
  /** app.getAppPath(): the clone, or resources/app.asar once installed. */
  appPath: string
  /** process.resourcesPath */
  resourcesPath: string
}

/** The Electron build of better-sqlite3 for this copy of the app, or null when it has not been built. */
export function electronSqliteBinding(app: AppLocation): string | null {
  const binding = app.isPackaged
    ? path.join(app.resourcesPath, ...PACKAGED_SQLITE_BINDING.split('/'))
    : path.join(app.appPath, ...DEV_SQLITE_BINDING.split('/'))
  return fs.existsSync(binding) ? binding : null
}
