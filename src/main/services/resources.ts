import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | undefined

/**
 * The project's resources/ folder. Code runs from src/ (tests), out/main/ (CLI, serve) or a packaged app,
 * so look upward from this module; CASTOR_RESOURCES overrides.
 */
export function resourcesDir(): string {
  if (cached) return cached
  if (process.env.CASTOR_RESOURCES) return (cached = path.resolve(process.env.CASTOR_RESOURCES))
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = path.join(dir, 'resources')
    if (fs.existsSync(path.join(candidate, 'demo'))) return (cached = candidate)
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('Cannot find Castor resources/ (set CASTOR_RESOURCES)')
    dir = parent
  }
}

/** The built renderer (out/renderer), served by `castor serve`. */
export function rendererDir(): string {
  if (process.env.CASTOR_RENDERER) return path.resolve(process.env.CASTOR_RENDERER)
  return path.join(path.dirname(resourcesDir()), 'out', 'renderer')
}
