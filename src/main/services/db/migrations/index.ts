import { sql as init } from './0001_init'
import { sql as workbench } from './0002_workbench'
import { sql as judge } from './0003_judge'
import { sql as criteria } from './0006_criteria'
import { sql as routing } from './0004_routing'
import { sql as importMappings } from './0005_import_mappings'
import { sql as controls } from './0008_controls'

/**
 * Append-only: never edit a released migration, add the next one. The version is the schema version
 * (SQLite user_version) the migration brings a file to. Kept as TypeScript modules so that every runtime
 * (Electron, the CLI, tests) loads them without a bundler.
 */
export const migrationList = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'workbench', sql: workbench },
  { version: 3, name: 'judge', sql: judge },
  { version: 4, name: 'routing', sql: routing },
  { version: 5, name: 'import-mappings', sql: importMappings },
  { version: 6, name: 'criteria', sql: criteria },
  { version: 8, name: 'controls', sql: controls },
]
