/**
 * A child process for crash tests: imports a file into a project and prints each progress report as
 * `progress <done> <total> <rows>`, then `done`. Run with `node --import tsx test/helpers/importChild.ts <project> <file>`.
 */
import { openProject } from '../../src/main/services/db'
import { importFile } from '../../src/main/services/importers'

const [project, file] = process.argv.slice(2)
if (!project || !file) {
  process.stderr.write('usage: importChild.ts <project> <file>\n')
  process.exit(2)
}
const db = openProject(project)
await importFile(db, file, {
  onProgress: (done, total, rows) => process.stdout.write(`progress ${done} ${total} ${rows}\n`),
})
db.close()
process.stdout.write('done\n')
