import path from 'node:path'
import { repoRoot } from './cli'

/** The POLLUX reference data (criteria.json, tasks.json, model cards) in the shared/ folder beside the checkout. */
export const polluxDir = process.env.CASTOR_POLLUX_DIR ?? path.resolve(repoRoot, '../shared/pollux')

export const polluxFile = (name: string) => path.join(polluxDir, name)
