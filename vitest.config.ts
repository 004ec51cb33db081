import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@renderer': resolve('src/renderer/src'), '@shared': resolve('src/shared') }
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // Renderer component tests run in happy-dom; everything else in Node.
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: each file may start tfjs workers of its own.
    maxWorkers: 2,
    pool: 'forks'
  }
})
