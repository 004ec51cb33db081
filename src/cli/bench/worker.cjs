// Runs one bench job in a worker thread from the TypeScript source (the CLI always runs through tsx).
require('tsx/cjs/api').register()
require('./worker.ts')
