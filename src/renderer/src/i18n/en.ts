/** English strings. Japanese (ja.ts) must have the same keys: a test compares them. */
export default {
  app: { title: 'Keizoku', tagline: 'Continual learning operations', language: 'Language' },
  nav: { system: 'System' },
  system: {
    heading: 'System',
    info: 'This installation',
    version: 'App version',
    backend: 'Engine backend',
    backendReason: 'Why this backend',
    tfjs: 'TensorFlow.js',
    platform: 'Platform',
    host: 'Running as',
    selfTest: 'Engine self-test',
    selfTestHelp: 'Trains a tiny network in a background worker to check that training works on this machine.',
    run: 'Run self-test',
    cancel: 'Cancel',
    steps: 'Steps',
    progress: 'Progress',
    lossCurve: 'Loss curve',
    result: 'Finished {steps} steps in {ms} ms on {backend}; final accuracy {acc}.',
    loading: 'Loading…'
  },
  chart: { table: 'Show as table', step: 'Step', loss: 'Loss' },
  error: { details: 'Technical details', dismiss: 'Dismiss' }
}
