export { DEFAULT_BUSY_TIMEOUT_MS, openProject, projectFileOf, useNativeBinding, type Db, type OpenOptions } from './openProject'
export { latestSchemaVersion, migrations, schemaVersion } from './migrations'
