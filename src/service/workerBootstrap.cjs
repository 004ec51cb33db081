// Runs the TypeScript worker through tsx when the service itself runs from source.
require('tsx/cjs/api').register()
require('./worker.ts')
