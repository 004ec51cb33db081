import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The job worker is its own entry so worker_threads can load it from out/main/worker.js.
        input: { index: resolve('src/main/index.ts'), worker: resolve('src/service/worker.ts') },
        // Loaded lazily by the headless-Chromium PDF path (CLI, browser mode) only; the desktop
        // app prints with Electron, and the package is not shipped (tests/packaging/bundle.test.ts).
        external: ['playwright-core']
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload must be one CommonJS file: no imports at run time.
      rollupOptions: { output: { format: 'cjs', inlineDynamicImports: true } }
    }
  },
  renderer: {
    resolve: {
      alias: { '@renderer': resolve('src/renderer/src'), '@shared': resolve('src/shared') }
    },
    plugins: [vue()]
  }
})
