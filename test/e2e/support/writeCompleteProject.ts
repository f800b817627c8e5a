// Run as `node --import tsx test/e2e/support/writeCompleteProject.ts FILE`: the simulation spec's complete project.
import { writeCompleteProject } from '../../helpers/completeProject'

writeCompleteProject(process.argv[2], { instructions: 80, models: 3, criteria: 2, experts: 3, seed: 2 })
