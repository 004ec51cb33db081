#!/usr/bin/env node
// The CLI runs from the TypeScript source through tsx, so `npx keizoku` works right after
// `npm ci` without a build step.
require('tsx/cjs/api').register()
require('../src/cli/index.ts')
