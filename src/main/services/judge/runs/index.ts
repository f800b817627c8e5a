/** Judge runs: a configuration over a chosen item set, judged by a backend, streamed crash-safely into the project. */
export { createBackend, modelLoading, resolveApiKey, type BackendSecrets, type LoadProgress } from './backendFactory'
export { executeRun, type ExecuteOptions, type RunProgress, type RunResult } from './executeRun'
export { prepareRun, type PreparedRun, type RunSpec } from './prepareRun'
export { dryRun, previewPrompt, type DryRunLine } from './preview'
export { DEFAULT_DECODING, promptTemplateHash, type BackendSettings, type RunConfig } from './runConfig'
export { getRun, listRuns, runDetail } from './runStore'
export { selectItems } from './selection'
