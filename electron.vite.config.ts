import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const alias = { '@shared': resolve('src/shared') }

// Main and CLI share one build: the same services run in Electron's main process, `castor` and `castor serve`.
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/cli/index.ts'),
          bench: resolve('test/bench/index.ts'),
          // The generic JSONL import parses in this worker; importers/workerImport.ts finds it beside the bundle.
          jsonlWorker: resolve('src/main/services/importers/jsonlWorker.ts'),
          // The engine's bootstrap runs in this worker; analytics/bootstrapRunner.ts finds it beside the bundle.
          bootstrapWorker: resolve('src/main/services/analytics/bootstrapWorker.ts'),
          // The analytics dashboard reads and computes in this worker; analytics/dashboard/dashboardService.ts finds it beside the bundle.
          dashboardWorker: resolve('src/main/services/analytics/dashboard/dashboardWorker.ts'),
          // `castor simulate` repeats run in this worker; routing/simulation/index.ts finds it beside the bundle.
          simulationWorker: resolve('src/main/services/routing/simulation/simulationWorker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    resolve: { alias },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // Browsers fetch it over the network under `castor serve`: minified, one ~600 kB bundle (React, markdown, i18n).
      minify: true,
      chunkSizeWarningLimit: 800,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
})
