#!/usr/bin/env node
// `npm run screenshots` (after the build): reruns the browser specs that take the README's pictures with
// CASTOR_SCREENSHOTS=1, so they write docs/screenshots/*.png. A normal test run never writes there.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const specs = ['browse', 'analytics', 'judge', 'workbench', 'criteria', 'mapping', 'projectSetup'].map((name) => `test/e2e/${name}.spec.ts`)
const result = spawnSync(path.join(root, 'node_modules', '.bin', 'playwright'), ['test', ...specs, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CASTOR_SCREENSHOTS: '1' },
})
process.exit(result.status ?? 1)
