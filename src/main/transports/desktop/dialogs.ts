import { dialog, type BrowserWindow, type FileFilter } from 'electron'
import type { Dialogs } from '../../host/context'

const projectFilters: FileFilter[] = [{ name: 'Castor project', extensions: ['castor'] }]
const importFilters: FileFilter[] = [
  { name: 'Data (JSONL, CSV, JSON, Parquet)', extensions: ['jsonl', 'ndjson', 'csv', 'json', 'parquet'] },
  { name: 'All files', extensions: ['*'] },
]
const modelFilters: FileFilter[] = [
  { name: 'GGUF model', extensions: ['gguf'] },
  { name: 'All files', extensions: ['*'] },
]
const openFilters = { project: projectFilters, import: importFilters, model: modelFilters }
const exportFilters: FileFilter[] = [
  { name: 'JSONL', extensions: ['jsonl'] },
  { name: 'CSV', extensions: ['csv'] },
  { name: 'Parquet', extensions: ['parquet'] },
  { name: 'All files', extensions: ['*'] },
]

/** The desktop host's native file dialogs, attached to the app window. */
export function electronDialogs(window: () => BrowserWindow | null): Dialogs {
  return {
    async openFile(purpose) {
      const options = { properties: ['openFile' as const], filters: openFilters[purpose] }
      const parent = window()
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async saveFile(purpose, defaultName) {
      const options = { defaultPath: defaultName, filters: purpose === 'project' ? projectFilters : exportFilters }
      const parent = window()
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      return result.canceled ? null : (result.filePath ?? null)
    },
  }
}
