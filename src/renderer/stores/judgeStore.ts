import { create } from 'zustand'
import type { CastorError } from '@shared/api/errors'
import type { ItemSelection, JudgeModelFile, JudgePromptPreview, JudgeRunDetail, JudgeRunProgress, JudgeRunSummary } from '@shared/api/judgeModels'
import type { OperationInput } from '@shared/api/operations'
import { api, asCastorError } from '../api'
import { criterionLabels } from '@shared/domain/criterionLabels'

export type JudgeBackendKind = 'remote' | 'local'

/** The new-run form; the API key stays in memory only (never saved, never sent except to start the run). */
export interface JudgeForm {
  kind: JudgeBackendKind
  name: string
  baseUrl: string
  apiModel: string
  apiKey: string
  api: 'chat' | 'completions'
  concurrency: number
  modelPath: string
  constrained: boolean
  mode: ItemSelection['mode']
  /** '' = every criterion, else one criterion's id. */
  criterionId: string
  limit: string
  sample: string
  seed: string
}

interface JudgeStore {
  runs: JudgeRunSummary[]
  loaded: boolean
  /** Live progress of running runs, by run id. */
  progress: Record<number, JudgeRunProgress>
  selectedRunId: number | null
  detail: JudgeRunDetail | null
  form: JudgeForm
  starting: boolean
  error: CastorError | null
  /** The host's models folder (owner only), read when the local model form opens. */
  models: { dir: string; files: JudgeModelFile[] } | null
  /** The project's criteria for the run's selection; `label` is criterionLabels' (unique even where names repeat). */
  criteria: { id: number; label: string; items: number }[] | null
  /** The exact prompt of one item (dry run), shown under the run's details. */
  preview: JudgePromptPreview | null

  refresh(): Promise<void>
  setForm(patch: Partial<JudgeForm>): void
  start(): Promise<void>
  pause(runId: number): Promise<void>
  resume(runId: number): Promise<void>
  cancel(runId: number): Promise<void>
  select(runId: number | null): Promise<void>
  onProgress(progress: JudgeRunProgress): void
  dismissError(): void
  loadModels(): Promise<void>
  /** Desktop only: pick a GGUF with the native file dialog. */
  pickModelFile(): Promise<void>
  loadCriteria(): Promise<void>
  showPrompt(itemId: number | null): Promise<void>
}

const initialForm: JudgeForm = {
  kind: 'remote',
  name: '',
  baseUrl: 'http://127.0.0.1:8000/v1',
  apiModel: 'ai-forever/pollux-judge-7b',
  apiKey: '',
  api: 'chat',
  concurrency: 4,
  modelPath: '',
  constrained: false,
  mode: 'all',
  criterionId: '',
  limit: '',
  sample: '',
  seed: '1',
}

const positive = (text: string): number | undefined => {
  const value = Number(text)
  return text.trim() !== '' && Number.isInteger(value) && value > 0 ? value : undefined
}

export function startInput(form: JudgeForm): OperationInput<'judge-run-start'> {
  const sample = positive(form.sample)
  const limit = positive(form.limit)
  const criterionId = positive(form.criterionId)
  const selection: ItemSelection = {
    mode: form.mode,
    ...(criterionId ? { criterionIds: [criterionId] } : {}),
    ...(sample ? { sample: { size: sample, seed: Number(form.seed) || 1 } } : {}),
    ...(limit ? { limit } : {}),
  }
  const backend: OperationInput<'judge-run-start'>['backend'] =
    form.kind === 'remote'
      ? {
          kind: 'remote',
          server: { baseUrl: form.baseUrl.trim(), model: form.apiModel.trim(), api: form.api, concurrency: form.concurrency },
          ...(form.apiKey ? { apiKey: form.apiKey } : {}),
        }
      : { kind: 'local', modelPath: form.modelPath.trim() }
  return { name: form.name.trim(), backend, constrained: form.kind === 'local' && form.constrained, selection }
}

let detailRequest = 0

/** The judge panel: runs of the open project, their live progress, and the form that starts one. */
export const useJudgeStore = create<JudgeStore>((set, get) => {
  const guard = async (work: () => Promise<void>) => {
    try {
      await work()
    } catch (error) {
      set({ error: asCastorError(error) })
    }
  }
  return {
    runs: [],
    loaded: false,
    progress: {},
    selectedRunId: null,
    detail: null,
    form: initialForm,
    starting: false,
    error: null,
    models: null,
    criteria: null,
    preview: null,

    async refresh() {
      await guard(async () => {
        const runs = await api.invoke('judge-runs-list', {})
        set({ runs, loaded: true })
        const selected = get().selectedRunId
        if (selected !== null) await get().select(selected)
      })
    },

    setForm(patch) {
      set({ form: { ...get().form, ...patch } })
    },

    async start() {
      set({ starting: true, error: null })
      try {
        const started = await api.invoke('judge-run-start', startInput(get().form))
        set({ selectedRunId: started.runId })
        await get().refresh()
      } catch (error) {
        set({ error: asCastorError(error) })
      } finally {
        set({ starting: false })
      }
    },

    async pause(runId) {
      await guard(async () => {
        await api.invoke('judge-run-pause', { runId })
      })
    },

    async resume(runId) {
      await guard(async () => {
        const key = get().form.apiKey
        await api.invoke('judge-run-resume', { runId, ...(key ? { apiKey: key } : {}) })
        await get().refresh()
      })
    },

    async cancel(runId) {
      await guard(async () => {
        await api.invoke('judge-run-cancel', { runId })
      })
    },

    async select(runId) {
      if (runId !== get().selectedRunId) set({ preview: null })
      set({ selectedRunId: runId })
      if (runId === null) return set({ detail: null })
      const request = ++detailRequest
      await guard(async () => {
        const detail = await api.invoke('judge-run-get', { runId, limit: 20 })
        if (request === detailRequest) set({ detail })
      })
    },

    onProgress(progress) {
      set({ progress: { ...get().progress, [progress.runId]: progress } })
      // Counts in the list follow the event; a run that stopped is re-read for its final state.
      set({ runs: get().runs.map((run) => (run.id === progress.runId ? { ...run, judged: progress.done, queued: progress.total, errors: progress.errors } : run)) })
      if (progress.status !== 'running') void get().refresh()
    },

    dismissError() {
      set({ error: null })
    },

    async loadCriteria() {
      await guard(async () => {
        const criteria = await api.invoke('criteria-list', {})
        const labels = criterionLabels(criteria)
        set({ criteria: criteria.map((c, i) => ({ id: c.id, label: labels[i], items: c.items })) })
      })
    },

    async showPrompt(itemId) {
      if (itemId === null) return set({ preview: null })
      await guard(async () => {
        set({ preview: await api.invoke('judge-preview-prompt', { itemId }) })
      })
    },

    async loadModels() {
      await guard(async () => {
        const { dir, models } = await api.invoke('judge-models-list', {})
        set({ models: { dir, files: models } })
      })
    },

    async pickModelFile() {
      await guard(async () => {
        const { path } = await api.invoke('dialog-open-file', { purpose: 'model' })
        if (path) get().setForm({ modelPath: path })
      })
    },
  }
})
