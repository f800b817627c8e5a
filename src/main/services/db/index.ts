export { openProject, useNativeBinding, type Db, type OpenOptions } from './openProject'
export { latestSchemaVersion, migrations, schemaVersion } from './migrations'
