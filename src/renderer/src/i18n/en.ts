/** English strings. Japanese (ja.ts) must have the same keys: a test compares them. */
export default {
  app: {
    title: 'Keizoku',
    tagline: 'Continual learning operations',
    language: 'Language',
    theme: 'Theme',
    themes: { auto: 'Auto', light: 'Light', dark: 'Dark' }
  },
  nav: {
    workspaces: 'Workspaces',
    pipeline: 'Pipeline',
    transfer: 'Transferability',
    train: 'Train & approve',
    versions: 'Versions',
    audit: 'Audit log',
    reports: 'Reports',
    settings: 'Settings',
    system: 'System'
  },
  common: {
    loading: 'Loading…',
    cancel: 'Cancel',
    yes: 'Yes',
    no: 'No',
    browse: 'Browse…',
    browseFor: 'Choose a folder for {what}'
  },
  system: {
    heading: 'System',
    info: 'This installation',
    version: 'App version',
    backend: 'Engine backend',
    backendReason: 'Why this backend',
    tfjs: 'TensorFlow.js',
    platform: 'Platform',
    host: 'Running as',
    hosts: { electron: 'the desktop app', browser: 'a server for the browser', cli: 'the command line' },
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
  workspace: {
    heading: 'Workspaces',
    browserPaths: 'Folders are named relative to the server’s workspace folder {root}.',
    desktopPaths: 'Type the full path of a folder, or choose it with Browse….',
    current: 'Open workspace',
    counts:
      '{tasks} task registered, {learned} learned by the active version. | {tasks} tasks registered, {learned} learned by the active version.',
    integrityOk: 'Integrity check passed when the workspace was opened',
    integrityBad: 'The integrity check found problems',
    goPipeline: 'Go to the pipeline',
    check: 'Check integrity',
    checkOk: 'Integrity check passed',
    checkBad: 'Integrity check found problems',
    close: 'Close workspace',
    you: 'You',
    yourName: 'Your name',
    yourNameHint: 'Recorded with approvals and in the audit log',
    create: 'Create a workspace',
    folder: 'Folder',
    createFolder: 'Folder for the new workspace',
    name: 'Workspace name',
    createButton: 'Create workspace',
    demos: 'Demo workspaces',
    demosHelp: 'Registered tasks, nothing trained yet: walk the whole flow (review, train, approve) within minutes.',
    demoFolder: 'Folder prefix for the demo',
    demoEnose: 'Create demo workspace: beef-cut e-nose',
    demoMnist: 'Create demo workspace: Split-MNIST',
    demoWhere: 'The demos go to {a} and {b}.',
    open: 'Open a workspace',
    openFolder: 'Folder of an existing workspace',
    openButton: 'Open',
    openNamed: 'Open {name}',
    recent: 'Recent workspaces',
    noRecent: 'No workspace opened yet.',
    missing: 'folder missing',
    noneOpen: 'No workspace is open.',
    goChoose: 'Choose a workspace'
  },
  pipeline: {
    heading: 'Pipeline — {name}',
    interrupted: 'Interrupted jobs that can be resumed: {jobs}',
    resume: 'Resume job {id}',
    summary: '{tasks} task; active version: {active}. | {tasks} tasks; active version: {active}.',
    addTask: 'Add task',
    review: 'Review transferability',
    reviewShort: 'Transferability',
    reviewNamed: 'Review transferability of {name}',
    train: 'Train',
    trainNamed: 'Train {name}',
    empty: 'No tasks yet. Add the first one.',
    timeline: 'Task sequence',
    taskTitle: '{seq}. {name}',
    classes: '{n} classes; {train} training and {test} holdout samples',
    learned: 'Learned by the active version as task {pos}',
    notLearned: 'Not learned by the active version',
    accuracy: 'Last holdout accuracy',
    retained: 'Training data retained',
    dropped: 'Training data dropped (retention policy)'
  },
  state: {
    registered: 'registered',
    learning: 'learning',
    candidate: 'candidate',
    approved: 'approved',
    rejected: 'rejected'
  },
  jobStatus: {
    queued: 'queued',
    running: 'running',
    succeeded: 'finished',
    failed: 'failed',
    cancelled: 'cancelled',
    interrupted: 'interrupted'
  },
  phase: {
    preparing: 'preparing',
    transferability: 'measuring transferability',
    training: 'training',
    evaluating: 'evaluating',
    saving: 'saving',
    baselines: 'measuring baselines'
  },
  job: {
    heading: 'Running job',
    line: 'Job {id} ({task}): {status}',
    steps: 'step {step} of {total}',
    eta: 'about {time} left',
    speed: '{v} steps/s',
    progress: 'Training progress',
    cancel: 'Cancel job'
  },
  wizard: {
    heading: 'Add a task',
    progress: 'Wizard steps',
    stepOf: 'Step {i} of {n}: {name}',
    step: { source: 'Source', preview: 'Preview', validation: 'Validation', options: 'Options', confirm: 'Confirm' },
    kind: 'Kind of data',
    kinds: { csv: 'CSV file', images: 'Image folder', idx: 'IDX files', builtin: 'Built-in benchmark' },
    source: 'Source',
    csvPath: 'CSV file path',
    label: 'Label column',
    labelHint: 'e.g. class (suggested from the file when empty)',
    ignore: 'Ignored columns',
    ignoreHint: 'comma-separated, e.g. timestamp, sensor_id',
    groupBy: 'Group holdout by column',
    groupByHint: 'optional: rows of one group stay on one side',
    groupSize: 'Group block size',
    imagesPath: 'Image folder path',
    imagesHelp: 'One sub-folder per class; the sub-folder name is the class name.',
    idxImages: 'IDX images file',
    idxLabels: 'IDX labels file',
    benchmark: 'Benchmark',
    benchmarks: { 'split-mnist': 'Split-MNIST', 'permuted-mnist': 'Permuted-MNIST', 'rotated-mnist': 'Rotated-MNIST' },
    k: 'Task index k',
    kHelp: 'Split-MNIST task k holds the digits 2k and 2k+1.',
    columns: 'Columns',
    columnsHelp: 'Choose the label column and the columns to ignore; the preview updates. Nothing is written.',
    column: 'Column',
    columnKind: 'Values',
    columnRole: 'Role',
    useAsLabel: 'Label',
    useAsLabelNamed: 'Use {column} as the label',
    ignoreColumn: 'Ignore',
    ignoreNamed: 'Ignore {column}',
    useAsFeature: 'Use as feature',
    useAsFeatureNamed: 'Use {column} as a feature',
    reading: 'Reading the data…',
    rows: '{n} rows, {classes} classes',
    shape: 'input shape {shape}',
    samples: 'Sample rows',
    histogram: 'Class histogram',
    class: 'Class',
    count: 'Count',
    stats: 'Feature statistics',
    feature: 'Feature',
    mean: 'Mean',
    std: 'Std. dev.',
    min: 'Min',
    max: 'Max',
    moreFeatures: '… and {n} more features.',
    noStats: 'Pixel data is already scaled to [0, 1]; no per-feature statistics.',
    noNumericStats: 'No numeric feature columns to describe.',
    notNumeric: 'not a number',
    previewErrorsHelp: 'Fix them here: choose the label and ignored columns below, or go Back and pick another file.',
    summary: {
      none: 'none',
      stratified: 'random, stratified by class',
      groupBlocks: 'grouped by {column} in blocks of {size}',
      groupValues: 'grouped by the values of {column}',
      benchmarkSplit: 'the benchmark’s own train/test split',
      split: 'Resulting split',
      splitRows: '{train} training rows, {test} holdout rows',
      splitGroups: '{train} groups for training, {test} held out'
    },
    blocked: '{n} errors must be fixed before this task can be added',
    blockedHelp: 'Fix the source (or the columns chosen on the first step), then go Back and preview again.',
    clean: 'No errors ({warnings} warnings)',
    name: 'Task name',
    holdout: 'Holdout (%)',
    holdoutHelp: 'Share of the data kept aside to measure accuracy; stratified per class (or by group).',
    keepTrain: 'Keep the training data after learning',
    keepTrainHelp: 'Without it the training data is deleted once the task is approved; only the holdout stays.',
    nothingWritten: 'Nothing has been written yet. Adding stores the data in the workspace.',
    confirm: 'Add task',
    added: 'Task {seq} “{name}” was added.',
    another: 'Add another task',
    toPipeline: 'Go to the pipeline',
    back: 'Back',
    next: 'Next'
  },
  columnKind: { numeric: 'numeric', text: 'text', empty: 'empty' },
  role: { feature: 'feature', label: 'label', ignored: 'ignored', group: 'group' },
  problem: {
    none: 'No problems found.',
    list: 'Problems',
    error: 'Error',
    warning: 'Warning',
    where: 'Where',
    fix: 'Fix',
    file: 'file {v}',
    line: 'line {v}',
    row: 'row {v}',
    column: 'column {v}'
  },
  problemText: {
    file_not_found: {
      message: 'The file {path} does not exist.',
      fix: 'Check the path, or choose the file again.',
      folder: {
        message: '{path} is a folder, not a CSV file.',
        fix: 'Give the path of the CSV file inside it; to import a folder of images, choose "Image folder".'
      }
    },
    empty_file: {
      message: '{file} is empty (0 bytes of data).',
      fix: 'Choose the file that holds the data, or export it again.'
    },
    no_label_column: {
      none: {
        message: 'No label column is chosen for {file}.',
        fix: 'Choose the column that holds the class (columns: {columns}).'
      },
      noneSuggested: {
        message: 'No label column is chosen for {file}.',
        fix: 'Choose the column that holds the class, probably “{suggested}” (columns: {columns}).'
      },
      missing: { message: '{file} has no column “{column}” to use as the label.', fix: 'Use one of: {columns}.' }
    },
    unknown_column: {
      ignore: { message: '{file} has no column “{column}” to ignore.', fix: 'Use names from: {columns}.' },
      group: { message: '{file} has no column “{column}” to group the holdout by.', fix: 'Use one of: {columns}.' }
    },
    no_features: {
      message: '{file} has no feature columns left after the label and the ignored columns.',
      fix: 'Ignore fewer columns.'
    },
    no_rows: { message: '{file} has a header but no data rows.', fix: 'Choose the file with the data.' },
    ragged_row: {
      message: '{file}: {count} row(s) do not have {fields} fields (line {line} has {got}).',
      fix: 'Fix those rows (a missing or extra delimiter, or an unquoted delimiter inside a value), or remove them.'
    },
    non_numeric: {
      one: {
        message: '{file}, line {line}, column “{column}”: “{value}” is not a number.',
        fix: 'Fix the cell, or ignore column “{column}” if it is not a measurement (e.g. a date or an id).'
      },
      many: {
        message: '{file}, column “{column}”: {count} cells are not numbers, the first at line {line}: “{value}”.',
        fix: 'Fix the cells, or ignore column “{column}” if it is not a measurement (e.g. a date or an id).'
      },
      group: {
        message:
          '{file}: {count} row(s) have no number in the grouping column “{column}”, the first at line {line}: “{value}”.',
        fix: 'Blocks of {size} need a numeric column; group by the plain column to use its values as groups.'
      }
    },
    not_finite: {
      one: {
        message: '{file}, line {line}, column “{column}”: “{value}” is not a finite number.',
        fix: 'Replace NaN or infinity by a measured value, or remove those rows.'
      },
      many: {
        message: '{file}, column “{column}”: {count} cells are not finite numbers, the first at line {line}.',
        fix: 'Replace NaN or infinity by a measured value, or remove those rows.'
      }
    },
    missing_value: {
      one: {
        message: '{file}, line {line}, column “{column}”: the cell is empty.',
        fix: 'Fill in the missing values, or remove those rows.'
      },
      many: {
        message: '{file}, column “{column}”: {count} cells are empty, the first at line {line}.',
        fix: 'Fill in the missing values, or remove those rows.'
      }
    },
    missing_label: {
      message: '{file}: {count} row(s) have no label in column “{column}”, the first at line {line}.',
      fix: 'Fill in the class of those rows, or remove them.'
    },
    single_class: {
      message: 'The data has only one class (“{className}”); a classifier needs at least two.',
      fix: 'Check that the right label column (or folder) is chosen, or add the data of the other classes.'
    },
    rare_class: {
      message:
        'Class “{className}” has {count} sample(s); every class needs at least 2 (one to learn from, one to check).',
      fix: 'Add samples of that class, merge it into another class, or remove its rows.'
    },
    constant_feature: {
      message: 'Feature “{column}” has the same value ({value}) in every training row; it carries no information.',
      fix: 'Ignore column “{column}”.'
    }
  },
  transfer: {
    heading: 'Transferability review',
    help: 'H-score of each task’s data under the features of each learned task’s generated weights: higher means the earlier task’s knowledge fits the data better.',
    compute: 'Compute transferability',
    computing: 'Computing transferability…',
    trainThis: 'Train this task',
    none: 'Not computed yet. Press “Compute transferability”.',
    meta: 'Computed {when} in {ms} ms on {backend}.',
    rowTask: 'Task to review',
    noSources: 'No task has been learned yet, so there is nothing to transfer from.',
    sentence:
      'For {task}, the most transferable earlier task is {best} ({est} {bestV}) and the least transferable is {worst} ({est} {worstV}).',
    sentenceOne: 'For {task}, the only earlier task, {best}, gives a {est} of {bestV}.',
    noRow: 'No scores for {task} yet.',
    rowValues: 'Scores of {task}',
    rowFlat:
      'The row of {task} is flat: its scores do not tell the earlier tasks apart, so training it uses no guidance.',
    order: 'Suggested order for the tasks not yet learned',
    orderHelp:
      'Greedy: the task with the best predicted transfer from what is learned comes first (score divided by its range). Weigh it by the ρ above.',
    orderFrom: '{v} from {from}',
    emptyCharts:
      'No task is learned yet, so there is no matrix and no embedding map. Train the first task; the charts appear after it.',
    mapFew: 'With fewer than three embeddings the map can only show their distance: the points lie on one line.',
    heatmap: 'Transferability heatmap',
    heatmapHelp:
      'Rows: data of a task. Columns: weights of a learned task. The reviewed task’s row is marked ▶ and outlined. Colours span the estimator’s whole range, so small differences stay pale.',
    dataOf: 'Data of task',
    weightsOf: 'Weights of task',
    map: 'Task embedding map',
    mapHelp:
      'Classical MDS of the learned task embeddings and the target embedding ê; nearby points are similar tasks.',
    task: 'Task',
    kind: 'Kind',
    learned: 'learned embedding',
    target: 'target ê'
  },
  guidance: {
    estimator: 'Transferability estimator: {estimator}',
    auto: 'chosen automatically',
    fixed: 'set in Settings',
    evidence: 'ρ {rho} against measured transfer (pairs measured: {n}) when training was queued',
    followed: 'The H-embedding followed this estimator’s row.',
    fallback:
      'Guidance fell back to none: this task’s row was flat (spread {spread}, below {limit}), so it trained as a plain hypernetwork.',
    notUsed: 'No guidance here: only the H-embedding method guides, from the third task on.',
    untrusted:
      'Guidance switched off: on this workspace no estimator’s ranking agreed with the measured transfer (best ρ {rho}, pairs measured: {n}), so the task trained as a plain hypernetwork.',
    flatTag: 'no guidance (flat row)',
    untrustedTag: 'no guidance (no estimator predicts transfer)'
  },
  trust: {
    heading: 'How far the matrix can be trusted',
    inUse: 'Estimator in use: {estimator}',
    auto: ' (chosen automatically: the best-predicting once enough pairs are measured, the H-score before)',
    rho: 'Spearman ρ against measured transfer {rho} (pairs measured: {n})',
    good: 'On this workspace the matrix predicted transfer well.',
    poor: 'On this workspace the matrix predicted transfer poorly: give it and the guidance little weight.',
    unguided:
      'No estimator’s ρ is above 0 here, so while the estimator is set to automatic, new tasks train without guidance.',
    unknown:
      'On this workspace it is not yet known how well the matrix predicts transfer (it needs {min} measured pairs).',
    fitsCaption:
      'Every estimator against measured transfer (linear-probe holdout accuracy, measured when each task was trained)',
    estimator: 'Estimator',
    flatTitle: 'Flat rows',
    flat: 'The rows of {tasks} are flat (spread below {pct} % of the estimator’s range): they cannot tell the earlier tasks apart, so the colour scale shows them as one colour and training them falls back to no guidance.',
    measured: 'measured {v}',
    estimators: {
      hscore: 'H-score',
      shrinkage: 'shrinkage H-score',
      logme: 'LogME',
      normalised: 'H-score / (C − 1)'
    }
  },
  method: {
    hemb: { name: 'H-embedding hypernetwork', help: 'One hypernetwork, guided by transferability (recommended).' },
    hnet: { name: 'Hypernetwork', help: 'The same hypernetwork without transferability guidance.' },
    'hnet-random': { name: 'Hypernetwork, random guidance', help: 'Ablation: guidance towards random targets.' },
    finetune: { name: 'Fine-tuning', help: 'Baseline: one network trained on each task in turn (forgets).' },
    independent: {
      name: 'Independent networks',
      help: 'Baseline: a separate network per task (no transfer, most storage).'
    },
    ewc: { name: 'EWC', help: 'Baseline: elastic weight consolidation penalises changing important weights.' }
  },
  setting: {
    beta: { name: 'β (output regulariser)', help: 'How strongly old tasks’ generated weights are kept; default {d}.' },
    betaEmb: { name: 'β_emb (guidance)', help: 'Weight of the transferability guidance per task; default {d}.' },
    chunkSize: { name: 'Chunk size', help: 'Weights generated per hypernetwork call; default {d}.' },
    hembSteps: { name: 'Embedding fit steps', help: 'Steps to fit the target embedding ê; default {d}.' },
    lr: { name: 'Learning rate', help: 'Adam step size; default {d}.' },
    batchSize: { name: 'Batch size', help: 'Samples per training step; default {d}.' }
  },
  train: {
    heading: 'Train & approve',
    headingTask: 'Train & approve: {name}',
    pickTask: 'Task',
    settings: 'Method and settings',
    method: 'Method',
    steps: 'Training steps',
    stepsHelp: 'More steps learn better and take longer.',
    seed: 'Seed',
    seedHelp: 'Same seed and settings give the same result.',
    start: 'Start training',
    methodFixed:
      'This workspace learns with {method}, fixed by its first trained task (version {version}); so are the seed and the chunk size.',
    pendingCandidate:
      'Candidate version {id} ({task}) waits for a decision: approve or reject it before training another task.',
    openPending: 'Open that candidate',
    alreadyLearned: 'The active version has learned this task already.',
    defaults: 'Reset to defaults',
    cancelled: 'Job {id} was cancelled.',
    finished: 'Job {id} finished: candidate version {version}.',
    live: 'Live training curves',
    lossChart: 'Training losses',
    accChart: 'Batch accuracy',
    taskLoss: 'Task loss',
    regLoss: 'Regulariser',
    guideLoss: 'Guidance loss',
    batchAcc: 'Batch accuracy'
  },
  candidate: {
    heading: 'Candidate version {id} ({task})',
    versus: 'Compared with the active version {active}; method {method}.',
    noneActive: '(none yet)',
    params: '{shared} shared parameters, {perTask} per task',
    active: 'Active version',
    candidate: 'Candidate',
    accuracyPct: 'Accuracy (%)',
    accuracyChart: 'Holdout accuracy per task',
    forgettingChart: 'Forgetting and drift per task',
    drop: 'Drop (points)',
    drift: 'Weight drift',
    decide: 'Decision',
    comment: 'Comment',
    override: 'Approve despite the failed policy checks (comment required)',
    approveHelp: 'Approving makes the candidate the active version.',
    overrideHelp: 'The policy failed: to approve anyway, tick the override box and say why in the comment.',
    approve: 'Approve',
    reject: 'Reject',
    rejectHelp: 'Rejecting needs a comment; the active version stays in service.'
  },
  policy: {
    heading: 'Approval policy checks',
    passAll: 'All policy checks pass.',
    failSome: '{n} policy checks fail.',
    check: 'Check',
    task: 'Task',
    value: 'Measured',
    limit: 'Limit',
    result: 'Result',
    pass: 'pass',
    fail: 'fail',
    points: '{v} pt',
    ids: { 'old-task-drop': 'Old task accuracy drop', 'new-task-accuracy': 'New task accuracy', drift: 'Weight drift' }
  },
  versionStatus: { candidate: 'candidate', active: 'active', rejected: 'rejected', superseded: 'superseded' },
  history: {
    heading: 'Version history',
    none: 'No versions yet.',
    comment: 'Rollback comment',
    version: 'Version',
    task: 'Task',
    status: 'Status',
    method: 'Method',
    meanAcc: 'Mean accuracy',
    created: 'Created',
    action: 'Action',
    rollback: 'Roll back to {id}',
    help: 'Rollback makes an earlier version active again; it needs your name and a comment.',
    confirmTitle: 'Roll back to version #{id} ({task})?',
    confirmBody:
      'Version #{id} becomes the active model for every task it learned; the active version {active} stops being used, and tasks learned after #{id} must be trained again.',
    confirmYes: 'Roll back to #{id}',
    confirmNo: 'Cancel'
  },
  export: {
    heading: 'Export model',
    outDir: 'Output folder',
    button: 'Export model',
    done: 'Exported {n} files to {dir}.'
  },
  audit: {
    heading: 'Audit log',
    chainOk: 'Hash chain verified: all {n} entries intact.',
    chainBroken: 'Hash chain broken at entry {id}.',
    filter: 'Filter',
    filterHint: 'action, person or subject',
    reload: 'Reload',
    showing: 'Showing {n} of {total}',
    at: 'Time',
    actor: 'By',
    action: 'Action',
    subject: 'Subject',
    details: 'Details',
    show: 'Show',
    hash: 'Hash',
    subjects: { task: 'task {id}', version: 'version {id}', job: 'job {id}' },
    /** Subjects and actors the app itself records under a fixed name. */
    named: { registry: 'registry', settings: 'settings', system: 'system' },
    detailKeys: {
      comment: 'Comment',
      accuracyRow: 'Accuracy per task',
      policy: 'Policy checks',
      computedAt: 'Computed at',
      backend: 'Backend',
      millis: 'Time (ms)',
      workers: 'Workers',
      estimates: 'Estimates',
      from: 'From version',
      tasksNoLongerLearned: 'Tasks no longer learned',
      fromCheckpoint: 'From a checkpoint',
      job: 'Job',
      methods: 'Methods',
      seeds: 'Seeds',
      tasks: 'Tasks',
      skipped: 'Skipped',
      method: 'Method',
      seed: 'Seed',
      overrides: 'Settings changed',
      estimator: 'Estimator',
      task: 'Task',
      trainMs: 'Training time (ms)',
      error: 'Error',
      runs: 'Runs',
      kind: 'Kind',
      format: 'Format',
      path: 'File',
      sha256: 'SHA-256',
      versionId: 'Version',
      name: 'Name',
      hash: 'Hash',
      bytes: 'Bytes',
      seq: 'Position',
      patch: 'Changes',
      restoredFrom: 'Restored from',
      lost: 'Lost',
      actions: 'Actions',
      stored: 'Stored',
      version: 'Version',
      outDir: 'Output folder',
      holdoutAccuracy: 'Holdout accuracy'
    },
    actions: {
      workspace_created: 'Workspace created',
      workspace_opened: 'Workspace opened',
      workspace_repaired: 'Workspace repaired',
      registry_sealed: 'Registry rows sealed',
      settings_updated: 'Settings updated',
      task_added: 'Task added',
      task_removed: 'Task removed',
      task_training_data_dropped: 'Training data dropped',
      train_queued: 'Training queued',
      train_resumed: 'Training resumed',
      train_finished: 'Training finished',
      train_failed: 'Training failed',
      train_cancelled: 'Training cancelled',
      train_cancel_requested: 'Cancel requested',
      version_approved: 'Version approved',
      version_approved_override: 'Version approved (override)',
      version_rejected: 'Version rejected',
      version_rolled_back: 'Rolled back',
      model_exported: 'Model exported',
      report_exported: 'Report exported'
    }
  },
  settings: {
    heading: 'Settings',
    policy: 'Approval policy',
    maxDrop: 'Largest allowed drop of an old task (accuracy points)',
    maxDropHelp: 'A candidate that loses more on any earlier task fails the policy.',
    minAcc: 'Smallest accuracy of the new task (%)',
    minAccHelp: 'A candidate below this on its own task fails the policy.',
    costs: 'Cost figures',
    computePerHour: 'Compute per hour',
    storage: 'Storage per GB-month',
    value: 'Value of one accuracy point per month',
    valueHelp: 'Used by the ROI report.',
    currency: 'Currency (3 letters)',
    estimator: 'Transferability estimator',
    estimatorAuto:
      'Automatic: the H-score until {min} pairs are measured, then the estimator that predicted measured transfer best',
    estimatorHelp:
      'The matrix the H-embedding guidance follows and the Transferability screen colours. Each training records the estimator it used; the Transferability screen shows how well each one predicted measured transfer on this workspace.',
    save: 'Save settings',
    saved: 'Settings saved.'
  },
  baselines: {
    noneYet: 'No baselines are measured for the active lineage yet.',
    goMeasure: 'Measure them on the Reports screen.',
    heading: 'Baselines on this workspace’s tasks',
    noLineage: 'Learn and approve a task first: baselines are measured on the learned tasks.',
    noneTitle: 'No baselines measured yet',
    none: 'Without them the ROI report cannot compute savings. Measure them here: each method learns the same tasks in the same order, on the same splits and with the same settings as the active lineage, in the background.',
    methods: 'Methods',
    seedsLabel: 'Seeds (optional)',
    seedsHelp: 'Comma-separated. Blank: the lineage’s seed. With two or more seeds the report states intervals.',
    measure: 'Measure baselines',
    resume: 'Continue job {id}',
    older: '{n} run(s) were measured for an earlier version; measure again to include the newer tasks.',
    method: 'Method',
    seeds: 'Seeds',
    accuracy: 'Final average accuracy',
    forgetting: 'Forgetting',
    time: 'Training time',
    lineage: 'active lineage',
    sameTasks: 'Measured on {n} learned tasks of version {version}, same order and splits.',
    skipped: 'Skipped (training data dropped): {names}.'
  },
  reports: {
    heading: 'Reports',
    intro:
      'The forgetting report and the return-on-investment report of this workspace, to preview here and export as PDF, HTML or CSV.',
    settings: 'Report',
    kind: 'Report kind',
    kinds: { forgetting: 'Forgetting', roi: 'Return on investment (ROI)' },
    language: 'Report language',
    baselines: 'Benchmark results file (optional)',
    baselinesHelp:
      'Results of `keizoku bench --out` on a built-in benchmark, shown apart from the baselines measured on this workspace’s tasks.',
    previewHeading: 'Preview',
    preview: 'Preview',
    previewFrame: 'Report preview',
    exists: '{path} already exists. Replace it?',
    existsHelp: 'The file there now will be overwritten with the new report. Keep it to choose another name instead.',
    replace: 'Replace the file',
    keep: 'Keep it',
    exportHeading: 'Export',
    format: 'Format',
    formats: { pdf: 'PDF', html: 'HTML', csv: 'CSV' },
    outFile: 'Output file',
    outFileHelp: "In the browser, relative to the server's workspace folder and outside this workspace.",
    export: 'Export report',
    done: 'Report written to {path} ({size}).',
    bytes: '{n} B',
    kilobytes: '{n} kB',
    megabytes: '{n} MB'
  },
  pipelineTable: {
    label: 'Tasks',
    view: 'Show the tasks as',
    asTable: 'Table',
    asTimeline: 'Timeline',
    col: {
      order: 'Order',
      task: 'Task',
      status: 'Status',
      samples: 'Classes and samples',
      learned: 'Learned as',
      accuracy: 'Accuracy',
      data: 'Training data',
      date: 'Registered',
      actions: 'Actions'
    },
    samples: '{classes} classes · {train} / {test}',
    kept: 'kept',
    droppedShort: 'dropped'
  },
  runs: {
    heading: 'Versions',
    intro:
      'Every model version with how it was trained and who decided on it. Pick two to compare them side by side; open one for its details.',
    back: '← All versions',
    detailHeading: 'Version #{id} ({task})',
    notFound: 'There is no version {id} in this workspace.',
    versionLabel: '#{id}',
    pick: 'Compare',
    pickNamed: 'Compare version {id}',
    pickTwo: 'Tick two versions to compare them side by side.',
    detailsOf: 'Details of version {id}',
    compareHeading: 'Version #{a} and version #{b} side by side',
    lastDecision: 'Decision',
    decisionShort: '{decision} by {by}',
    decisionLine: '{decision} by {by}, {at}: {comment}',
    decisions: {
      approve: 'Approved',
      override: 'Approved with override',
      reject: 'Rejected',
      rollback: 'Rolled back to'
    },
    undecided: 'No decision yet',
    noParent: 'none (first version)',
    facts: 'How it was made',
    fact: {
      task: 'Task learned',
      status: 'Status',
      method: 'Method',
      seed: 'Seed',
      backend: 'Backend',
      steps: 'Steps',
      duration: 'Training time',
      speed: 'Steps per second',
      parent: 'Trained from',
      decisions: 'Decisions',
      created: 'Created'
    },
    accuracy: 'Accuracy per task',
    accuracyOf: 'Accuracy {version}',
    driftOf: 'Drift {version}',
    change: 'Change (points)',
    accuracyChart: 'Holdout accuracy per task',
    configDiff: 'Settings that differ',
    configDiffParent: 'Settings changed against its parent {parent}',
    configSame: 'No setting differs.',
    setting: 'Setting',
    curves: 'Training curves',
    noCurves: 'No training curves were stored for this version (trained before curves were kept).',
    curvesOfJob: 'Training curves of job {id}',
    taskLossOverlay: 'Task loss, overlaid',
    accuracyOverlay: 'Batch accuracy, overlaid'
  },
  upload: {
    csvLabel: 'Upload a CSV file',
    idxImagesLabel: 'Upload the IDX images file',
    idxLabelsLabel: 'Upload the IDX labels file',
    choose: 'Upload a file…',
    drop: 'or drop one file here (up to {limit}). It is copied into the imports folder of the workspace root.',
    progress: 'Upload of {name}',
    sending: 'Uploading {name}: {sent} of {total}',
    cancel: 'Cancel upload',
    done: 'Uploaded {name} ({size}) as {path}.',
    tooLarge: '{name} is {size}; one upload may carry at most {limit}.',
    tooLargeHint: 'Copy larger files into the imports folder of the workspace root yourself and type their path above.',
    oneFile: '{n} files were dropped; drop one file at a time.'
  },
  chart: { table: 'Show as table', step: 'Step', loss: 'Loss' },
  toast: {
    approved: 'Version #{id} approved: it is now the active model.',
    rejected: 'Version #{id} rejected; the active model is unchanged.',
    rolledBack: 'Rolled back: version #{id} is the active model again.'
  },
  error: {
    details: 'Technical details',
    dismiss: 'Dismiss',
    codes: {
      invalid_argument: 'Invalid input',
      unknown_call: 'Unknown request',
      not_found: 'Not found',
      conflict: 'Conflict',
      refused: 'Refused',
      cancelled: 'Cancelled',
      unavailable: 'Not available',
      corrupt: 'Damaged data',
      internal: 'Internal error'
    }
  }
}
