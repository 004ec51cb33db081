import type en from './en'

/** 日本語の文言。キーは en.ts と同じ（テストで確認）。 */
const ja: typeof en = {
  app: {
    title: 'Keizoku（継続）',
    tagline: '継続学習の運用',
    language: '言語',
    theme: 'テーマ',
    themes: { auto: '自動', light: 'ライト', dark: 'ダーク' }
  },
  nav: {
    workspaces: 'ワークスペース',
    pipeline: 'パイプライン',
    transfer: '転移性',
    train: '学習と承認',
    versions: 'バージョン',
    audit: '監査ログ',
    reports: 'レポート',
    settings: '設定',
    system: 'システム'
  },
  common: {
    loading: '読み込み中…',
    cancel: 'キャンセル',
    yes: 'はい',
    no: 'いいえ',
    browse: '参照…',
    browseFor: '{what}のフォルダーを選ぶ'
  },
  system: {
    heading: 'システム',
    info: 'このインストール',
    version: 'アプリのバージョン',
    backend: 'エンジンのバックエンド',
    backendReason: 'このバックエンドの理由',
    tfjs: 'TensorFlow.js',
    platform: 'プラットフォーム',
    host: '実行形態',
    hosts: { electron: 'デスクトップアプリ', browser: 'ブラウザー向けサーバー', cli: 'コマンドライン' },
    selfTest: 'エンジンのセルフテスト',
    selfTestHelp: '小さなネットワークをバックグラウンドのワーカーで学習し、このマシンで学習が動くことを確認します。',
    run: 'セルフテストを実行',
    cancel: 'キャンセル',
    steps: 'ステップ数',
    progress: '進捗',
    lossCurve: '損失曲線',
    result: '{backend} で {steps} ステップを {ms} ms で完了。最終精度 {acc}。',
    loading: '読み込み中…'
  },
  workspace: {
    heading: 'ワークスペース',
    browserPaths: 'フォルダーはサーバーのワークスペースフォルダー {root} からの相対パスで指定します。',
    desktopPaths: 'フォルダーのフルパスを入力するか、「参照…」で選んでください。',
    current: '開いているワークスペース',
    counts:
      '登録済みタスク {tasks} 件、うち有効バージョンで学習済み {learned} 件。 | 登録済みタスク {tasks} 件、うち有効バージョンで学習済み {learned} 件。',
    integrityOk: '開いたときの整合性チェックに合格しました',
    integrityBad: '整合性チェックで問題が見つかりました',
    goPipeline: 'パイプラインへ',
    check: '整合性をチェック',
    checkOk: '整合性チェックに合格しました',
    checkBad: '整合性チェックで問題が見つかりました',
    close: 'ワークスペースを閉じる',
    you: 'あなた',
    yourName: 'あなたの名前',
    yourNameHint: '承認と監査ログに記録されます',
    create: 'ワークスペースを作成',
    folder: 'フォルダー',
    createFolder: '新しいワークスペースのフォルダー',
    name: 'ワークスペース名',
    createButton: 'ワークスペースを作成',
    demos: 'デモ用ワークスペース',
    demosHelp: 'タスク登録済み・未学習の状態です。確認・学習・承認の流れを数分で体験できます。',
    demoFolder: 'デモのフォルダー接頭辞',
    demoEnose: 'デモを作成：牛肉部位の電子鼻',
    demoMnist: 'デモを作成：Split-MNIST',
    demoWhere: 'デモは {a} と {b} に作成されます。',
    open: 'ワークスペースを開く',
    openFolder: '既存のワークスペースのフォルダー',
    openButton: '開く',
    openNamed: '{name} を開く',
    recent: '最近使ったワークスペース',
    noRecent: 'まだワークスペースを開いていません。',
    missing: 'フォルダーがありません',
    noneOpen: 'ワークスペースが開かれていません。',
    goChoose: 'ワークスペースを選ぶ'
  },
  pipeline: {
    heading: 'パイプライン — {name}',
    interrupted: '再開できる中断ジョブ：{jobs}',
    resume: 'ジョブ {id} を再開',
    summary: 'タスク {tasks} 件、有効バージョン：{active}。 | タスク {tasks} 件、有効バージョン：{active}。',
    addTask: 'タスクを追加',
    review: '転移性を確認',
    reviewShort: '転移性',
    reviewNamed: '{name} の転移性を確認',
    train: '学習',
    trainNamed: '{name} を学習',
    empty: 'タスクはまだありません。最初のタスクを追加してください。',
    timeline: 'タスクの順序',
    taskTitle: '{seq}. {name}',
    classes: '{n} クラス、学習用 {train} 件・ホールドアウト {test} 件',
    learned: '有効バージョンでタスク {pos} として学習済み',
    notLearned: '有効バージョンでは未学習',
    accuracy: '直近のホールドアウト精度',
    retained: '学習データを保持',
    dropped: '学習データを削除済み（保持ポリシー）'
  },
  state: { registered: '登録済み', learning: '学習中', candidate: '候補', approved: '承認済み', rejected: '却下' },
  jobStatus: {
    queued: '待機中',
    running: '実行中',
    succeeded: '完了',
    failed: '失敗',
    cancelled: 'キャンセル済み',
    interrupted: '中断'
  },
  phase: {
    preparing: '準備中',
    transferability: '転移性を測定中',
    training: '学習中',
    evaluating: '評価中',
    saving: '保存中',
    baselines: 'ベースラインを測定中'
  },
  job: {
    heading: '実行中のジョブ',
    line: 'ジョブ {id}（{task}）：{status}',
    steps: '{total} ステップ中 {step}',
    eta: '残り約 {time}',
    speed: '{v} ステップ/秒',
    progress: '学習の進捗',
    cancel: 'ジョブをキャンセル'
  },
  wizard: {
    heading: 'タスクを追加',
    progress: 'ウィザードの手順',
    stepOf: '手順 {i}/{n}：{name}',
    step: { source: 'データ元', preview: 'プレビュー', validation: '検証', options: 'オプション', confirm: '確認' },
    kind: 'データの種類',
    kinds: { csv: 'CSV ファイル', images: '画像フォルダー', idx: 'IDX ファイル', builtin: '組み込みベンチマーク' },
    source: 'データ元',
    csvPath: 'CSV ファイルのパス',
    label: 'ラベル列',
    labelHint: '例：class（空欄ならファイルから推定）',
    ignore: '無視する列',
    ignoreHint: 'カンマ区切り。例：timestamp, sensor_id',
    groupBy: 'ホールドアウトをグループ化する列',
    groupByHint: '任意：同じグループの行は片側にだけ入ります',
    groupSize: 'グループのブロック幅',
    imagesPath: '画像フォルダーのパス',
    imagesHelp: 'クラスごとにサブフォルダーを作り、その名前をクラス名にします。',
    idxImages: 'IDX 画像ファイル',
    idxLabels: 'IDX ラベルファイル',
    benchmark: 'ベンチマーク',
    benchmarks: { 'split-mnist': 'Split-MNIST', 'permuted-mnist': 'Permuted-MNIST', 'rotated-mnist': 'Rotated-MNIST' },
    k: 'タスク番号 k',
    kHelp: 'Split-MNIST のタスク k は数字 2k と 2k+1 です。',
    columns: '列',
    columnsHelp: 'ラベル列と無視する列を選ぶとプレビューが更新されます。まだ何も書き込まれません。',
    column: '列',
    columnKind: '値の種類',
    columnRole: '役割',
    useAsLabel: 'ラベル',
    useAsLabelNamed: '{column} をラベルにする',
    ignoreColumn: '無視',
    ignoreNamed: '{column} を無視する',
    useAsFeature: '特徴量にする',
    useAsFeatureNamed: '{column} を特徴量にする',
    reading: 'データを読み込み中…',
    rows: '{n} 行、{classes} クラス',
    shape: '入力形状 {shape}',
    samples: 'サンプル行',
    histogram: 'クラスのヒストグラム',
    class: 'クラス',
    count: '件数',
    stats: '特徴量の統計',
    feature: '特徴量',
    mean: '平均',
    std: '標準偏差',
    min: '最小',
    max: '最大',
    moreFeatures: '…ほか {n} 個の特徴量。',
    noNumericStats: '説明できる数値の特徴量列がありません。',
    notNumeric: '数値ではない',
    previewErrorsHelp: 'ここで直せます。下でラベル列と除外する列を選ぶか、「戻る」で別のファイルを選んでください。',
    summary: {
      none: 'なし',
      stratified: 'クラスごとに層化したランダム分割',
      groupBlocks: '{column} の {size} ごとのブロックでグループ分け',
      groupValues: '{column} の値でグループ分け',
      benchmarkSplit: 'ベンチマーク自身の学習／テスト分割',
      split: '分割の結果',
      splitRows: '学習 {train} 行、ホールドアウト {test} 行',
      splitGroups: '学習 {train} グループ、ホールドアウト {test} グループ'
    },
    noStats: '画素データはすでに [0, 1] に正規化されているため、特徴量ごとの統計はありません。',
    blocked: 'このタスクを追加する前に {n} 件のエラーを修正してください',
    blockedHelp: 'データ元（または最初の手順で選んだ列）を修正し、「戻る」で戻って再度プレビューしてください。',
    clean: 'エラーなし（警告 {warnings} 件）',
    name: 'タスク名',
    holdout: 'ホールドアウト（%）',
    holdoutHelp: '精度の測定用に取り分けるデータの割合。クラスごと（またはグループごと）に層化します。',
    keepTrain: '学習後も学習データを保持する',
    keepTrainHelp: 'オフにすると、タスクの承認後に学習データを削除し、ホールドアウトだけを残します。',
    nothingWritten: 'まだ何も書き込まれていません。追加するとデータがワークスペースに保存されます。',
    confirm: 'タスクを追加',
    added: 'タスク {seq}「{name}」を追加しました。',
    another: '別のタスクを追加',
    toPipeline: 'パイプラインへ',
    back: '戻る',
    next: '次へ'
  },
  columnKind: { numeric: '数値', text: 'テキスト', empty: '空' },
  role: { feature: '特徴量', label: 'ラベル', ignored: '無視', group: 'グループ' },
  problem: {
    none: '問題は見つかりませんでした。',
    list: '問題',
    error: 'エラー',
    warning: '警告',
    where: '場所',
    fix: '対処',
    file: 'ファイル {v}',
    line: '{v} 行目',
    row: 'データ行 {v}',
    column: '列 {v}'
  },
  problemText: {
    file_not_found: {
      message: 'ファイル {path} がありません。',
      fix: 'パスを確認するか、ファイルを選び直してください。',
      folder: {
        message: '{path} はフォルダーで、CSV ファイルではありません。',
        fix: 'フォルダー内の CSV ファイルのパスを指定してください。画像フォルダーを取り込むときは「画像フォルダー」を選んでください。'
      }
    },
    empty_file: {
      message: '{file} は空です（データが 0 バイト）。',
      fix: 'データの入ったファイルを選ぶか、もう一度書き出してください。'
    },
    no_label_column: {
      none: {
        message: '{file} のラベル列が選ばれていません。',
        fix: 'クラスを表す列を選んでください（列：{columns}）。'
      },
      noneSuggested: {
        message: '{file} のラベル列が選ばれていません。',
        fix: 'クラスを表す列を選んでください。おそらく「{suggested}」です（列：{columns}）。'
      },
      missing: {
        message: '{file} にはラベルに使う列「{column}」がありません。',
        fix: '次のいずれかを使ってください：{columns}。'
      }
    },
    unknown_column: {
      ignore: {
        message: '{file} には除外する列「{column}」がありません。',
        fix: '次の列名を使ってください：{columns}。'
      },
      group: {
        message: '{file} にはホールドアウトのグループ分けに使う列「{column}」がありません。',
        fix: '次のいずれかを使ってください：{columns}。'
      }
    },
    no_features: {
      message: '{file} には、ラベル列と除外した列のほかに特徴量の列が残っていません。',
      fix: '除外する列を減らしてください。'
    },
    no_rows: {
      message: '{file} にはヘッダーだけがあり、データ行がありません。',
      fix: 'データの入ったファイルを選んでください。'
    },
    ragged_row: {
      message: '{file}：{count} 行のフィールド数が {fields} ではありません（{line} 行目は {got}）。',
      fix: '区切り文字の過不足や、引用符で囲まれていない区切り文字を直すか、その行を削除してください。'
    },
    non_numeric: {
      one: {
        message: '{file}、{line} 行目、列「{column}」：「{value}」は数値ではありません。',
        fix: 'セルを直すか、計測値でない列（日付や ID など）なら列「{column}」を除外してください。'
      },
      many: {
        message: '{file}、列「{column}」：{count} 個のセルが数値ではありません。最初は {line} 行目の「{value}」です。',
        fix: 'セルを直すか、計測値でない列（日付や ID など）なら列「{column}」を除外してください。'
      },
      group: {
        message: '{file}：{count} 行でグループ列「{column}」に数値がありません。最初は {line} 行目の「{value}」です。',
        fix: '{size} ごとのブロックには数値の列が必要です。値そのものをグループにするには、列名だけを指定してください。'
      }
    },
    not_finite: {
      one: {
        message: '{file}、{line} 行目、列「{column}」：「{value}」は有限の数値ではありません。',
        fix: 'NaN や無限大を計測値に置き換えるか、その行を削除してください。'
      },
      many: {
        message: '{file}、列「{column}」：{count} 個のセルが有限の数値ではありません。最初は {line} 行目です。',
        fix: 'NaN や無限大を計測値に置き換えるか、その行を削除してください。'
      }
    },
    missing_value: {
      one: {
        message: '{file}、{line} 行目、列「{column}」：セルが空です。',
        fix: '欠けている値を埋めるか、その行を削除してください。'
      },
      many: {
        message: '{file}、列「{column}」：{count} 個のセルが空です。最初は {line} 行目です。',
        fix: '欠けている値を埋めるか、その行を削除してください。'
      }
    },
    missing_label: {
      message: '{file}：{count} 行で列「{column}」にラベルがありません。最初は {line} 行目です。',
      fix: 'その行のクラスを埋めるか、その行を削除してください。'
    },
    single_class: {
      message: 'データにはクラスが 1 つ（「{className}」）しかありません。分類には 2 つ以上必要です。',
      fix: '正しいラベル列（またはフォルダー）を選んだか確認するか、ほかのクラスのデータを追加してください。'
    },
    rare_class: {
      message: 'クラス「{className}」のサンプルは {count} 件です。各クラスに 2 件以上（学習用と確認用）必要です。',
      fix: 'そのクラスのサンプルを追加するか、別のクラスに統合するか、その行を削除してください。'
    },
    constant_feature: {
      message: '特徴量「{column}」はすべての学習行で同じ値（{value}）で、情報を持ちません。',
      fix: '列「{column}」を除外してください。'
    }
  },
  transfer: {
    heading: '転移性の確認',
    help: '各タスクのデータを、学習済みタスクごとに生成した重みの特徴量で評価した H スコアです。高いほど、そのタスクの知識がデータに合っています。',
    compute: '転移性を計算',
    computing: '転移性を計算中…',
    trainThis: 'このタスクを学習',
    none: 'まだ計算されていません。「転移性を計算」を押してください。',
    meta: '{when} に {backend} で計算（{ms} ms）。',
    rowTask: '確認するタスク',
    noSources: '学習済みのタスクがまだないため、転移元がありません。',
    sentence:
      '{task} にとって最も転移しやすい既存タスクは {best}（{est} {bestV}）、最も転移しにくいのは {worst}（{est} {worstV}）です。',
    sentenceOne: '{task} にとって唯一の既存タスク {best} の {est} は {bestV} です。',
    noRow: '{task} のスコアはまだありません。',
    rowValues: '{task} のスコア',
    rowFlat: '{task} の行は平坦です。既存タスクを区別できないため、このタスクは誘導なしで学習します。',
    order: '未学習タスクの推奨順序',
    orderHelp:
      '貪欲法：学習済みタスクからの予測転移（範囲で割ったスコア）が最も高いタスクを先にします。上の ρ を踏まえて判断してください。',
    orderFrom: '{from} から {v}',
    emptyCharts:
      'まだ学習済みのタスクがないため、行列と埋め込みマップはありません。最初のタスクを学習すると表示されます。',
    mapFew: '埋め込みが 3 つ未満のとき、マップは距離しか示せません（点は一直線に並びます）。',
    heatmap: '転移性のヒートマップ',
    heatmapHelp:
      '行：タスクのデータ。列：学習済みタスクの重み。確認中のタスクの行には ▶ と枠が付きます。色は推定量の全範囲に対応するため、小さな差は薄く表示されます。',
    dataOf: 'データのタスク',
    weightsOf: '重みのタスク',
    map: 'タスク埋め込みのマップ',
    mapHelp: '学習済みタスクの埋め込みと目標埋め込み ê の古典的 MDS。近い点ほど似たタスクです。',
    task: 'タスク',
    kind: '種類',
    learned: '学習済みの埋め込み',
    target: '目標 ê'
  },
  guidance: {
    estimator: '転移性の推定量：{estimator}',
    auto: '自動選択',
    fixed: '設定で指定',
    evidence: '学習をキューに入れた時点の実測の転移に対する ρ {rho}（n = {n} 組）',
    followed: 'H-embedding はこの推定量の行に従いました。',
    fallback:
      '誘導なしに切り替えました：このタスクの行が平坦だったため（差 {spread}、しきい値 {limit} 未満）、通常のハイパーネットワークとして学習しました。',
    notUsed: 'ここでは誘導は使われません：誘導するのは H-embedding 手法のみで、3 番目のタスクからです。',
    untrusted:
      '誘導を止めました：このワークスペースでは実測の転移と順位が合う推定量がなかったため（最良の ρ {rho}、n = {n} 組）、通常のハイパーネットワークとして学習しました。',
    flatTag: '誘導なし（平坦な行）',
    untrustedTag: '誘導なし（転移を予測できる推定量なし）'
  },
  trust: {
    heading: '行列をどこまで信頼できるか',
    inUse: '使用中の推定量：{estimator}',
    auto: '（自動選択：十分な組が測定されたら最もよく予測するもの、それまでは H スコア）',
    rho: '実測の転移に対するスピアマンの ρ {rho}（n = {n} 組）',
    good: 'このワークスペースでは、行列は転移をよく予測しました。',
    poor: 'このワークスペースでは、行列は転移をうまく予測できませんでした。行列と誘導はあまり重視しないでください。',
    unguided: 'ここでは ρ が 0 を上回る推定量がないため、推定量が自動の間は新しいタスクを誘導なしで学習します。',
    unknown:
      'このワークスペースで行列がどれだけ転移を予測できるかは、まだ分かりません（測定済みの組が {min} 必要です）。',
    fitsCaption: '各推定量と実測の転移（各タスクの学習時に測った線形プローブのホールドアウト精度）の比較',
    estimator: '推定量',
    flatTitle: '平坦な行',
    flat: '{tasks} の行は平坦です（差が推定量の範囲の {pct} % 未満）。既存タスクを区別できないため、色は 1 色で表示され、学習時は誘導なしに切り替わります。',
    measured: '実測 {v}',
    estimators: {
      hscore: 'H スコア',
      shrinkage: '縮小 H スコア',
      logme: 'LogME',
      normalised: 'H スコア / (C − 1)'
    }
  },
  method: {
    hemb: { name: 'H 埋め込みハイパーネットワーク', help: '転移性で導かれる単一のハイパーネットワーク（推奨）。' },
    hnet: { name: 'ハイパーネットワーク', help: '転移性による誘導なしの同じハイパーネットワーク。' },
    'hnet-random': {
      name: 'ハイパーネットワーク（ランダム誘導）',
      help: 'アブレーション：ランダムな目標へ誘導します。'
    },
    finetune: { name: 'ファインチューニング', help: 'ベースライン：1 つのネットワークを順に学習（忘却します）。' },
    independent: {
      name: '独立ネットワーク',
      help: 'ベースライン：タスクごとに別のネットワーク（転移なし、保存容量最大）。'
    },
    ewc: { name: 'EWC', help: 'ベースライン：重要な重みの変化に罰則を与える弾性重み固定。' }
  },
  setting: {
    beta: { name: 'β（出力正則化）', help: '過去タスクの生成重みをどれだけ強く保つか。既定値 {d}。' },
    betaEmb: { name: 'β_emb（誘導）', help: 'タスクごとの転移性誘導の重み。既定値 {d}。' },
    chunkSize: { name: 'チャンクサイズ', help: 'ハイパーネットワーク 1 回で生成する重みの数。既定値 {d}。' },
    hembSteps: { name: '埋め込み当てはめステップ数', help: '目標埋め込み ê を当てはめるステップ数。既定値 {d}。' },
    lr: { name: '学習率', help: 'Adam のステップ幅。既定値 {d}。' },
    batchSize: { name: 'バッチサイズ', help: '1 ステップあたりのサンプル数。既定値 {d}。' }
  },
  train: {
    heading: '学習と承認',
    headingTask: '学習と承認：{name}',
    pickTask: 'タスク',
    settings: '手法と設定',
    method: '手法',
    steps: '学習ステップ数',
    stepsHelp: 'ステップが多いほどよく学習しますが時間がかかります。',
    seed: 'シード',
    seedHelp: '同じシードと設定なら同じ結果になります。',
    start: '学習を開始',
    methodFixed:
      'このワークスペースは {method} で学習します。最初に学習したタスク（バージョン {version}）で決まり、シードとチャンクサイズも同じです。',
    pendingCandidate:
      '候補バージョン {id}（{task}）が判断待ちです。別のタスクを学習する前に承認または却下してください。',
    openPending: 'その候補を開く',
    alreadyLearned: '有効バージョンはこのタスクを学習済みです。',
    defaults: '既定値に戻す',
    cancelled: 'ジョブ {id} はキャンセルされました。',
    finished: 'ジョブ {id} が完了：候補バージョン {version}。',
    live: '学習曲線（ライブ）',
    lossChart: '学習の損失',
    accChart: 'バッチ精度',
    taskLoss: 'タスク損失',
    regLoss: '正則化項',
    guideLoss: '誘導損失',
    batchAcc: 'バッチ精度'
  },
  candidate: {
    heading: '候補バージョン {id}（{task}）',
    versus: '有効バージョン {active} と比較。手法 {method}。',
    noneActive: '（まだなし）',
    params: '共有パラメータ {shared}、タスクごと {perTask}',
    active: '有効バージョン',
    candidate: '候補',
    accuracyPct: '精度（%）',
    accuracyChart: 'タスクごとのホールドアウト精度',
    forgettingChart: 'タスクごとの忘却とドリフト',
    drop: '低下（ポイント）',
    drift: '重みのドリフト',
    decide: '判断',
    comment: 'コメント',
    override: 'ポリシー違反を承知で承認する（コメント必須）',
    approveHelp: '承認すると候補が有効バージョンになります。',
    overrideHelp:
      'ポリシーを満たしていません。それでも承認するにはオーバーライドにチェックし、理由をコメントに書いてください。',
    approve: '承認',
    reject: '却下',
    rejectHelp: '却下にはコメントが必要です。有効バージョンはそのまま使われます。'
  },
  policy: {
    heading: '承認ポリシーのチェック',
    passAll: 'すべてのポリシーチェックに合格しました。',
    failSome: '{n} 件のポリシーチェックが不合格です。',
    check: 'チェック',
    task: 'タスク',
    value: '測定値',
    limit: '上限・下限',
    result: '結果',
    pass: '合格',
    fail: '不合格',
    points: '{v} ポイント',
    ids: { 'old-task-drop': '既存タスクの精度低下', 'new-task-accuracy': '新タスクの精度', drift: '重みのドリフト' }
  },
  versionStatus: { candidate: '候補', active: '有効', rejected: '却下', superseded: '置き換え済み' },
  history: {
    heading: 'バージョン履歴',
    none: 'バージョンはまだありません。',
    comment: 'ロールバックのコメント',
    version: 'バージョン',
    task: 'タスク',
    status: '状態',
    method: '手法',
    meanAcc: '平均精度',
    created: '作成日時',
    action: '操作',
    rollback: '{id} にロールバック',
    help: 'ロールバックすると以前のバージョンが再び有効になります。名前とコメントが必要です。',
    confirmTitle: 'バージョン #{id}（{task}）にロールバックしますか？',
    confirmBody:
      'バージョン #{id} が、学習したすべてのタスクの有効なモデルになります。有効なバージョン {active} は使われなくなり、#{id} より後に学習したタスクは学習し直す必要があります。',
    confirmYes: '#{id} にロールバック',
    confirmNo: 'キャンセル'
  },
  export: {
    heading: 'モデルのエクスポート',
    outDir: '出力フォルダー',
    button: 'モデルをエクスポート',
    done: '{dir} に {n} 個のファイルをエクスポートしました。'
  },
  audit: {
    heading: '監査ログ',
    chainOk: 'ハッシュチェーンを検証：全 {n} 件が改ざんされていません。',
    chainBroken: 'ハッシュチェーンがエントリ {id} で壊れています。',
    filter: '絞り込み',
    filterHint: '操作・担当者・対象',
    reload: '再読み込み',
    showing: '{total} 件中 {n} 件を表示',
    at: '日時',
    actor: '担当者',
    action: '操作',
    subject: '対象',
    details: '詳細',
    show: '表示',
    hash: 'ハッシュ',
    subjects: { task: 'タスク {id}', version: 'バージョン {id}', job: 'ジョブ {id}' },
    named: { registry: '登録記録', settings: '設定', system: 'システム' },
    detailKeys: {
      comment: 'コメント',
      accuracyRow: 'タスクごとの精度',
      policy: 'ポリシーのチェック',
      computedAt: '計算日時',
      backend: 'バックエンド',
      millis: '時間（ms）',
      workers: 'ワーカー数',
      estimates: '推定値',
      from: '元のバージョン',
      tasksNoLongerLearned: '学習済みでなくなったタスク',
      fromCheckpoint: 'チェックポイントから',
      job: 'ジョブ',
      methods: '手法',
      seeds: 'シード',
      tasks: 'タスク',
      skipped: 'スキップ',
      method: '手法',
      seed: 'シード',
      overrides: '変更した設定',
      estimator: '推定方法',
      task: 'タスク',
      trainMs: '学習時間（ms）',
      error: 'エラー',
      runs: '実行',
      kind: '種類',
      format: '形式',
      path: 'ファイル',
      sha256: 'SHA-256',
      versionId: 'バージョン',
      name: '名前',
      hash: 'ハッシュ',
      bytes: 'バイト数',
      seq: '順番',
      patch: '変更内容',
      restoredFrom: '復元元',
      lost: '失われたもの',
      actions: '操作',
      stored: '保存済み',
      version: 'バージョン',
      outDir: '書き出し先フォルダー',
      holdoutAccuracy: 'ホールドアウト精度'
    },
    actions: {
      workspace_created: 'ワークスペース作成',
      workspace_opened: 'ワークスペースを開いた',
      workspace_repaired: 'ワークスペース修復',
      registry_sealed: '登録記録を封印',
      settings_updated: '設定変更',
      task_added: 'タスク追加',
      task_removed: 'タスク削除',
      task_training_data_dropped: '学習データ削除',
      train_queued: '学習を登録',
      train_resumed: '学習を再開',
      train_finished: '学習完了',
      train_failed: '学習失敗',
      train_cancelled: '学習キャンセル',
      train_cancel_requested: 'キャンセル要求',
      version_approved: 'バージョン承認',
      version_approved_override: 'バージョン承認（オーバーライド）',
      version_rejected: 'バージョン却下',
      version_rolled_back: 'ロールバック',
      model_exported: 'モデルのエクスポート',
      report_exported: 'レポートのエクスポート'
    }
  },
  settings: {
    heading: '設定',
    policy: '承認ポリシー',
    maxDrop: '既存タスクの許容最大低下（精度ポイント）',
    maxDropHelp: 'いずれかの既存タスクでこれ以上低下した候補はポリシー不合格になります。',
    minAcc: '新タスクの最低精度（%）',
    minAccHelp: '自身のタスクでこれを下回る候補はポリシー不合格になります。',
    costs: 'コストの数値',
    computePerHour: '計算 1 時間あたり',
    storage: 'ストレージ 1 GB・1 か月あたり',
    value: '精度 1 ポイントの月あたりの価値',
    valueHelp: 'ROI レポートで使います。',
    currency: '通貨（3 文字）',
    estimator: '転移性の推定量',
    estimatorAuto: '自動：測定済みの組が {min} になるまでは H スコア、その後は実測の転移を最もよく予測した推定量',
    estimatorHelp:
      'H-embedding の誘導が従い、転移性画面が色分けする行列です。各学習は使った推定量を記録し、転移性画面には、このワークスペースで各推定量が実測の転移をどれだけ予測したかが表示されます。',
    save: '設定を保存',
    saved: '設定を保存しました。'
  },
  baselines: {
    noneYet: 'アクティブな系列のベースラインはまだ測定されていません。',
    goMeasure: 'レポート画面で測定してください。',
    heading: 'このワークスペースのタスクでのベースライン',
    noLineage: 'まずタスクを学習して承認してください。ベースラインは学習済みのタスクで測定します。',
    noneTitle: 'ベースラインはまだ測定されていません',
    none: 'ベースラインがないと ROI レポートは削減額を計算できません。ここで測定してください。各手法はアクティブな系列と同じタスクを同じ順序で、同じ分割と同じ設定で、バックグラウンドで学習します。',
    methods: '手法',
    seedsLabel: 'シード（任意）',
    seedsHelp: 'カンマ区切り。空欄なら系列のシード。2 つ以上のシードでレポートに区間が示されます。',
    measure: 'ベースラインを測定',
    resume: 'ジョブ {id} を続ける',
    older: '以前のバージョンに対して測定した実行が {n} 件あります。新しいタスクを含めるには再測定してください。',
    method: '手法',
    seeds: 'シード',
    accuracy: '最終平均精度',
    forgetting: '忘却',
    time: '学習時間',
    lineage: 'アクティブな系列',
    sameTasks: 'バージョン {version} の学習済み {n} タスクで、同じ順序と分割で測定。',
    skipped: '除外（学習データ削除済み）: {names}。'
  },
  reports: {
    heading: 'レポート',
    intro:
      'このワークスペースの忘却レポートと投資対効果（ROI）レポート。ここでプレビューし、PDF・HTML・CSV で書き出せます。',
    settings: 'レポート',
    kind: 'レポートの種類',
    kinds: { forgetting: '忘却', roi: '投資対効果（ROI）' },
    language: 'レポートの言語',
    baselines: 'ベンチマーク結果ファイル（任意）',
    baselinesHelp:
      '組み込みベンチマークでの `keizoku bench --out` の結果。このワークスペースのタスクで測定したベースラインとは別に示します。',
    previewHeading: 'プレビュー',
    preview: 'プレビュー',
    previewFrame: 'レポートのプレビュー',
    exists: '{path} はすでにあります。置き換えますか？',
    existsHelp: '今あるファイルは新しいレポートで上書きされます。残す場合は別の名前を選んでください。',
    replace: 'ファイルを置き換える',
    keep: '残す',
    exportHeading: '書き出し',
    format: '形式',
    formats: { pdf: 'PDF', html: 'HTML', csv: 'CSV' },
    outFile: '出力ファイル',
    outFileHelp: 'ブラウザーでは、サーバーのワークスペース用フォルダーからの相対パス（このワークスペースの外）。',
    export: 'レポートを書き出す',
    done: 'レポートを {path} に書き出しました（{size}）。',
    bytes: '{n} B',
    kilobytes: '{n} kB',
    megabytes: '{n} MB'
  },
  pipelineTable: {
    label: 'タスク',
    view: 'タスクの表示形式',
    asTable: '表',
    asTimeline: 'タイムライン',
    col: {
      order: '順番',
      task: 'タスク',
      status: '状態',
      samples: 'クラスとサンプル',
      learned: '学習順',
      accuracy: '精度',
      data: '学習データ',
      date: '登録日時',
      actions: '操作'
    },
    samples: '{classes} クラス · {train} / {test}',
    kept: '保持',
    droppedShort: '削除済み'
  },
  runs: {
    heading: 'バージョン',
    intro: 'すべてのモデルバージョンと、その学習方法・判断者。2 つ選ぶと並べて比較でき、1 つを開くと詳細を表示します。',
    back: '← すべてのバージョン',
    detailHeading: 'バージョン #{id}（{task}）',
    notFound: 'このワークスペースにバージョン {id} はありません。',
    versionLabel: '#{id}',
    pick: '比較',
    pickNamed: 'バージョン {id} を比較に加える',
    pickTwo: '並べて比較するバージョンを 2 つチェックしてください。',
    detailsOf: 'バージョン {id} の詳細',
    compareHeading: 'バージョン #{a} と #{b} の比較',
    lastDecision: '判断',
    decisionShort: '{by} が{decision}',
    decisionLine: '{by} が{decision}（{at}）: {comment}',
    decisions: { approve: '承認', override: '例外承認', reject: '却下', rollback: 'ロールバック' },
    undecided: '未判断',
    noParent: 'なし（最初のバージョン）',
    facts: '作成の経緯',
    fact: {
      task: '学習したタスク',
      status: '状態',
      method: '手法',
      seed: 'シード',
      backend: 'バックエンド',
      steps: 'ステップ数',
      duration: '学習時間',
      speed: '毎秒ステップ数',
      parent: '学習元',
      decisions: '判断',
      created: '作成日時'
    },
    accuracy: 'タスクごとの精度',
    accuracyOf: '精度 {version}',
    driftOf: 'ドリフト {version}',
    change: '変化（ポイント）',
    accuracyChart: 'タスクごとのホールドアウト精度',
    configDiff: '異なる設定',
    configDiffParent: '学習元 {parent} から変わった設定',
    configSame: '異なる設定はありません。',
    setting: '設定',
    curves: '学習曲線',
    noCurves: 'このバージョンの学習曲線は保存されていません（曲線を保存する前に学習されました）。',
    curvesOfJob: 'ジョブ {id} の学習曲線',
    taskLossOverlay: 'タスク損失（重ね表示）',
    accuracyOverlay: 'バッチ精度（重ね表示）'
  },
  upload: {
    csvLabel: 'CSV ファイルをアップロード',
    idxImagesLabel: 'IDX 画像ファイルをアップロード',
    idxLabelsLabel: 'IDX ラベルファイルをアップロード',
    choose: 'ファイルをアップロード…',
    drop: 'またはファイルを 1 つここにドロップ（{limit} まで）。ワークスペースルートの imports フォルダーにコピーされます。',
    progress: '{name} のアップロード',
    sending: '{name} をアップロード中: {total} 中 {sent}',
    cancel: 'アップロードを中止',
    done: '{name}（{size}）を {path} としてアップロードしました。',
    tooLarge: '{name} は {size} です。1 回のアップロードは {limit} までです。',
    tooLargeHint:
      'これより大きいファイルはワークスペースルートの imports フォルダーに自分でコピーし、上にそのパスを入力してください。',
    oneFile: '{n} 個のファイルがドロップされました。1 つずつドロップしてください。'
  },
  chart: { table: '表で表示', step: 'ステップ', loss: '損失' },
  toast: {
    approved: 'バージョン #{id} を承認しました。これが有効なモデルです。',
    rejected: 'バージョン #{id} を却下しました。有効なモデルは変わりません。',
    rolledBack: 'ロールバックしました。バージョン #{id} が再び有効なモデルです。'
  },
  error: {
    details: '技術的な詳細',
    dismiss: '閉じる',
    codes: {
      invalid_argument: '入力が正しくありません',
      unknown_call: '不明な要求です',
      not_found: '見つかりません',
      conflict: '競合しています',
      refused: '拒否されました',
      cancelled: 'キャンセルされました',
      unavailable: '利用できません',
      corrupt: 'データが壊れています',
      internal: '内部エラー'
    }
  }
}
export default ja
