import path from 'node:path'
import { repoRoot } from './cli'

/** The POLLUX reference data (criteria.json, tasks.json) shipped in resources/pollux; CASTOR_POLLUX_DIR overrides. */
export const polluxDir = process.env.CASTOR_POLLUX_DIR ?? path.join(repoRoot, 'resources/pollux')

export const polluxFile = (name: string) => path.join(polluxDir, name)
