import { create } from 'zustand'
import type { CastorError } from '@shared/api/errors'
import type { ImportFormat, PolluxLibrary } from '@shared/api/models'
import type { OperationInput } from '@shared/api/operations'
import type { ImportPreview } from '@shared/api/importOperations'
import type { ImportMapping } from '@shared/domain/importMapping'
import { api, asCastorError, uploadFile } from '../api'
import { useJobsStore } from './jobsStore'

/** What to import: a browser File (uploaded first), a path the desktop dialog returned, or a built-in POLLUX taxonomy. */
export type ImportSource = { kind: 'file'; file: File } | { kind: 'path'; path: string } | { kind: 'library'; library: PolluxLibrary }

type Phase = 'idle' | 'uploading' | 'previewing' | 'mapping' | 'starting' | 'running' | 'finished'

/** The file as the host knows it once chosen (uploaded): what import-preview and import-mapped-start take. */
type FileSource = OperationInput<'import-preview'>['source']

interface ImportStore {
  open: boolean
  source: ImportSource | null
  format: ImportFormat
  phase: Phase
  upload: { loaded: number; total: number } | null
  jobId: string | null
  /** An error before the job started (upload, import-start); the job's own error lives in the job. */
  error: CastorError | null
  /** A file whose columns are not Castor's: its head, and the mapping being chosen (phase 'mapping'). */
  preview: ImportPreview | null
  mapping: ImportMapping
  /** The saved mapping that was used without asking (its file's name), for the outcome to say so. */
  usedSavedFrom: string | null

  show(): void
  hide(): void
  setSource(source: ImportSource | null): void
  setFormat(format: ImportFormat): void
  pickDesktopFile(): Promise<void>
  start(): Promise<void>
  setMapping(mapping: ImportMapping): void
  /** Imports the previewed file through the chosen mapping. */
  startMapped(): Promise<void>
  cancel(): Promise<void>
  /** Back to choosing a file, keeping the dialog open. */
  again(): void
}

const POLL_MS = 1500

let uploadAbort: AbortController | null = null
/** The previewed file, kept for the mapped import that follows. */
let previewed: FileSource | null = null
let pollTimer: ReturnType<typeof setInterval> | null = null

function stopPolling(): void {
  if (pollTimer) clearInterval(pollTimer)
  pollTimer = null
}

/** Moves the dialog to the outcome once the running import's job has ended (by event or by poll). */
function settleIfFinished(): void {
  const { jobId, phase } = useImportStore.getState()
  if (phase !== 'running' || !jobId) return
  const job = useJobsStore.getState().jobs[jobId]
  if (job && job.status !== 'running') {
    stopPolling()
    useImportStore.setState({ phase: 'finished' })
  }
}

export const useImportStore = create<ImportStore>((set, get) => {
  /** Job events may be missed (a reconnecting socket); poll the job list until this job ends. */
  function watch(jobId: string): void {
    stopPolling()
    pollTimer = setInterval(() => {
      if (get().jobId !== jobId) return stopPolling()
      void useJobsStore.getState().refresh().catch(() => undefined)
    }, POLL_MS)
  }

  async function startJob(run: () => Promise<{ jobId: string }>): Promise<void> {
    set({ phase: 'starting' })
    const { jobId } = await run()
    set({ phase: 'running', jobId })
    watch(jobId)
    settleIfFinished() // its last event may have come before this reply
  }

  return {
    open: false,
    preview: null,
    mapping: {},
    usedSavedFrom: null,
    source: null,
    format: 'auto',
    phase: 'idle',
    upload: null,
    jobId: null,
    error: null,

    show() {
      const { phase } = get()
      set({ open: true, ...(phase === 'finished' ? { phase: 'idle', jobId: null, source: null, error: null, upload: null, preview: null, usedSavedFrom: null } : {}) })
    },

    hide() {
      set({ open: false })
    },

    setSource(source) {
      set({ source, error: null })
    },

    setFormat(format) {
      set({ format })
    },

    async pickDesktopFile() {
      try {
        const { path } = await api.invoke('dialog-open-file', { purpose: 'import' })
        if (path) set({ source: { kind: 'path', path }, error: null })
      } catch (error) {
        set({ error: asCastorError(error) })
      }
    },

    async start() {
      const { source, format } = get()
      if (!source) return
      set({ error: null, jobId: null, upload: null, preview: null, usedSavedFrom: null })
      try {
        let input: OperationInput<'import-start'>
        if (source.kind === 'library') {
          input = { source: { library: source.library }, format: source.library }
        } else if (source.kind === 'file') {
          set({ phase: 'uploading', upload: { loaded: 0, total: source.file.size } })
          uploadAbort = new AbortController()
          const uploadId = await uploadFile(source.file, (upload) => set({ upload }), uploadAbort.signal)
          input = { source: { uploadId }, format }
        } else {
          input = { source: { path: source.path }, format }
        }
        if (format === 'auto' && 'source' in input && !('library' in input.source)) {
          // A file with columns that are not Castor's is imported through a mapping: the saved one at once, else the lead's.
          const fileSource = input.source
          set({ phase: 'previewing' })
          const preview = await api.invoke('import-preview', { source: fileSource })
          if (preview.needsMapping) {
            previewed = fileSource
            if (preview.savedFrom === null) return set({ phase: 'mapping', preview, mapping: preview.mapping })
            set({ usedSavedFrom: preview.savedFrom })
            return await startJob(() => api.invoke('import-mapped-start', { source: fileSource, mapping: preview.mapping }))
          }
        }
        await startJob(() => api.invoke('import-start', input))
      } catch (error) {
        set({ phase: 'finished', error: asCastorError(error) })
      } finally {
        uploadAbort = null
      }
    },

    setMapping(mapping) {
      set({ mapping })
    },

    async startMapped() {
      const source = previewed
      if (!source) return
      try {
        await startJob(() => api.invoke('import-mapped-start', { source, mapping: get().mapping }))
      } catch (error) {
        set({ phase: 'finished', error: asCastorError(error) })
      }
    },

    async cancel() {
      const { phase, jobId } = get()
      if (phase === 'uploading') uploadAbort?.abort()
      else if (jobId) await api.invoke('job-cancel', { id: jobId }).catch(() => undefined)
    },

    again() {
      stopPolling()
      previewed = null
      set({ phase: 'idle', jobId: null, source: null, error: null, upload: null, preview: null, usedSavedFrom: null })
    },
  }
})

useJobsStore.subscribe(settleIfFinished)
