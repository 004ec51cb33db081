import type en from './en'

/** 日本語の文言。キーは en.ts と同じ（テストで確認）。 */
const ja: typeof en = {
  app: { title: 'Keizoku（継続）', tagline: '継続学習の運用', language: '言語' },
  nav: { system: 'システム' },
  system: {
    heading: 'システム',
    info: 'このインストール',
    version: 'アプリのバージョン',
    backend: 'エンジンのバックエンド',
    backendReason: 'このバックエンドの理由',
    tfjs: 'TensorFlow.js',
    platform: 'プラットフォーム',
    host: '実行形態',
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
  chart: { table: '表で表示', step: 'ステップ', loss: '損失' },
  error: { details: '技術的な詳細', dismiss: '閉じる' }
}
export default ja
