import { create } from 'zustand'
import type { CastorError } from '@shared/api/errors'
import type { JudgeCatalog } from '@shared/api/judgeCatalog'
import type { ItemSelection, JudgeLoadProgress, JudgeModelFile, JudgePromptPreview, JudgeRunDetail, JudgeRunProgress, JudgeRunSummary } from '@shared/api/judgeModels'
import type { OperationInput } from '@shared/api/operations'
import { api, asCastorError } from '../api'
import { criterionLabels } from '@shared/domain/criterionLabels'

export type JudgeBackendKind = 'remote' | 'local'

/** The new-run form; the API key stays in memory only (never saved, never sent except to start the run). */
export interface JudgeForm {
  kind: JudgeBackendKind
  /** The run's name as typed; until the user types one, `runName` suggests it. */
  name: string
  nameEdited: boolean
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
  /** '' = the default (a ceiling of 4096; each item gets at most what its context leaves after its prompt). */
  maxTokens: string
  /** '' = the model's trained context, as far as memory allows (local models). */
  contextSize: string
  temperature: string
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
  /** A local model being hashed/loaded for the start in progress. */
  load: JudgeLoadProgress | null
  /** The POLLUX judges catalog with their fit on the host (owner only), read when the form opens. */
  catalog: JudgeCatalog | null

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
  onLoadProgress(progress: JudgeLoadProgress): void
  loadCatalog(): Promise<void>
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
  nameEdited: false,
  maxTokens: '',
  contextSize: '',
  temperature: '0',
}

/** The model a form names, as a short label: the server's model or the GGUF's file name (without `.gguf`). */
function modelLabel(form: JudgeForm): string {
  const raw = form.kind === 'remote' ? form.apiModel : form.modelPath
  const base = raw.trim().split(/[\\/]/).pop() ?? ''
  return base.replace(/\.gguf$/i, '').replace(/^hf:/, '') || 'judge'
}

/** A name for a new run until the user types one: the model and the date, made unique among the project's runs. */
export function suggestedRunName(form: JudgeForm, taken: readonly string[], now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const base = `${modelLabel(form)} ${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  const names = new Set(taken)
  if (!names.has(base)) return base
  for (let n = 2; ; n++) if (!names.has(`${base} (${n})`)) return `${base} (${n})`
}

/** The name a start sends: what the user typed, else the suggestion. */
export function runName(form: JudgeForm, taken: readonly string[], now = new Date()): string {
  return form.nameEdited ? form.name.trim() : suggestedRunName(form, taken, now)
}

const positive = (text: string): number | undefined => {
  const value = Number(text)
  return text.trim() !== '' && Number.isInteger(value) && value > 0 ? value : undefined
}

export function startInput(form: JudgeForm, name = form.name.trim()): OperationInput<'judge-run-start'> {
  const sample = positive(form.sample)
  const limit = positive(form.limit)
  const criterionId = positive(form.criterionId)
  const maxTokens = positive(form.maxTokens)
  const contextSize = positive(form.contextSize)
  const temperature = Number(form.temperature)
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
      : { kind: 'local', modelPath: form.modelPath.trim(), ...(contextSize ? { contextSize } : {}) }
  const decoding = {
    temperature: form.temperature.trim() !== '' && Number.isFinite(temperature) ? temperature : 0,
    topP: null,
    maxTokens: maxTokens ?? 4096,
    seed: null,
  }
  return { name, backend, constrained: form.kind === 'local' && form.constrained, selection, decoding }
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
    load: null,
    catalog: null,

    async refresh() {
      await guard(async () => {
        const runs = await api.invoke('judge-runs-list', {})
        set({ runs, loaded: true })
        const selected = get().selectedRunId
        if (selected !== null) await get().select(selected)
      })
    },

    setForm(patch) {
      set({ form: { ...get().form, ...patch, ...('name' in patch ? { nameEdited: true } : {}) } })
    },

    async start() {
      set({ starting: true, error: null, load: null })
      try {
        const { form, runs } = get()
        const started = await api.invoke('judge-run-start', startInput(form, runName(form, runs.map((run) => run.name))))
        set({ selectedRunId: started.runId })
        await get().refresh()
      } catch (error) {
        set({ error: asCastorError(error) })
      } finally {
        set({ starting: false, load: null })
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

    onLoadProgress(progress) {
      if (get().starting) set({ load: progress })
    },

    async loadCatalog() {
      await guard(async () => {
        set({ catalog: await api.invoke('judge-catalog', {}) })
      })
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
