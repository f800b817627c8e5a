import { create } from 'zustand'
import type { CastorError } from '@shared/api/errors'
import type { ExportFormat, ExportSummary } from '@shared/api/models'
import { api, asCastorError, downloadUrl } from '../api'
import { useAppStore } from './appStore'
import { useViewStore, type View } from './viewStore'

export const exportFormats: readonly ExportFormat[] = ['jsonl', 'csv', 'parquet', 'aggregate', 'criterion-summary', 'pollux-train']

interface ExportStore {
  running: ExportFormat | null
  result: ExportSummary | null
  error: CastorError | null
  /** CSV options: a UTF-8 byte order mark (Excel), and formula-like cells of the long CSV left as they are. */
  csv: { bom: boolean; rawCsv: boolean }
  setCsv(options: Partial<{ bom: boolean; rawCsv: boolean }>): void
  /** Where the last export was started (project and tab): its outcome shows there only. */
  origin: { projectPath: string | null; view: View } | null
  /** Desktop: asks where to save, then writes there. Web: writes on the server, then downloads it. */
  run(format: ExportFormat, projectName: string): Promise<void>
  dismiss(): void
}

const extensionOf: Record<ExportFormat, string> = {
  jsonl: 'jsonl',
  csv: 'csv',
  parquet: 'parquet',
  aggregate: 'csv',
  'criterion-summary': 'csv',
  'pollux-train': 'jsonl',
}

export function defaultExportName(projectName: string, format: ExportFormat): string {
  const base = projectName.replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'castor'
  return `${base}-${format}.${extensionOf[format]}`
}

export const useExportStore = create<ExportStore>((set, get) => ({
  running: null,
  result: null,
  error: null,
  csv: { bom: true, rawCsv: false },

  setCsv(options) {
    set({ csv: { ...get().csv, ...options } })
  },

  origin: null,

  async run(format, projectName) {
    const origin = { projectPath: useAppStore.getState().project?.path ?? null, view: useViewStore.getState().view }
    set({ running: format, result: null, error: null, origin })
    const { bom, rawCsv } = get().csv
    try {
      if (api.platform === 'desktop') {
        const { path } = await api.invoke('dialog-save-file', { purpose: 'export', defaultName: defaultExportName(projectName, format) })
        if (!path) return
        set({ result: await api.invoke('export-run', { format, path, bom, rawCsv }) })
      } else {
        const result = await api.invoke('export-run', { format, bom, rawCsv })
        if (result.downloadUrl) downloadUrl(result.downloadUrl, result.path)
        set({ result })
      }
    } catch (error) {
      set({ error: asCastorError(error) })
    } finally {
      set({ running: null })
    }
  },

  dismiss() {
    set({ result: null, error: null })
  },
}))
