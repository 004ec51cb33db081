/**
 * 日本語: the service's messages by code (src/shared/messages.ts). English needs no entry — the
 * service's own text is the English wording — so this catalogue exists for Japanese only.
 * `{name}` is filled with the message's param of that name. `problem.<code>[.<variant>]`
 * entries are import problems (message + fix) not yet in `problemText`.
 */
import ja from './ja'

export interface SaidEntry {
  message: string
  hint?: string
}

export const SAID_JA: Record<string, SaidEntry> = {
  // Paths (browser mode confines them to the workspace root)
  'path_outside_root.workspace': {
    message: 'ワークスペース「{input}」はワークスペースのルート {root} の外にあります。',
    hint: 'ブラウザーモードではワークスペースはルートの下に置かれます。「line-3」のような名前を入力してください。'
  },
  'path_outside_root.folder': {
    message: 'フォルダー「{input}」はワークスペースのルート {root} の外にあります。',
    hint: 'ブラウザーモードでは {root} の中のフォルダーを、そこからの相対パス（例: exports/model）で入力してください。'
  },
  'path_outside_root.file': {
    message: 'ファイル「{input}」はワークスペースのルート {root} の外にあります。',
    hint: 'ブラウザーモードではファイルは {root} の中に置く必要があります。ファイルをそこへコピーし、そこからの相対パス（例: imports/data.csv）で入力してください。'
  },
  'path_link_outside.folder': {
    message: 'フォルダー「{input}」はリンクを通じてワークスペースのルートの外を指しています。'
  },
  'path_link_outside.file': {
    message: 'ファイル「{input}」はリンクを通じてワークスペースのルートの外を指しています。'
  },
  // Workspace
  'job_running_refuses.switch': {
    message: '学習またはベースラインのジョブが実行中です。ワークスペースを切り替えるとジョブが止まります。',
    hint: 'ジョブをキャンセルするか、終わるまでお待ちください。'
  },
  'job_running_refuses.close': {
    message: '学習またはベースラインのジョブが実行中です。ワークスペースを閉じるとジョブが止まります。',
    hint: 'ジョブをキャンセルするか、終わるまでお待ちください。'
  },
  'job_running_refuses.repair': {
    message: '学習またはベースラインのジョブが実行中です。修復するとジョブが止まります。',
    hint: 'ジョブをキャンセルするか、終わるまでお待ちください。'
  },
  'no_folder_picker.root': {
    message: 'このモードにはフォルダー選択ダイアログがありません。',
    hint: '{root} からの相対パスでフォルダーを入力してください。'
  },
  'no_folder_picker.plain': {
    message: 'このモードにはフォルダー選択ダイアログがありません。',
    hint: 'フォルダーのパスを入力してください。'
  },
  'workspace_exists.open': {
    message: '{dir} はすでに Keizoku のワークスペースです。',
    hint: '作成ではなく開いてください。'
  },
  'workspace_exists.demo': {
    message: '{dir} はすでに Keizoku のワークスペースです。',
    hint: 'デモ用に新しいフォルダーを選んでください。'
  },
  check_needs_folder: {
    message: '確認するワークスペースのフォルダーを指定するか、先にワークスペースを開いてください。'
  },
  no_workspace_open: {
    message: 'ワークスペースが開かれていません。',
    hint: '先にワークスペースを作成するか開いてください。'
  },
  db_damaged: {
    message: 'ワークスペース {dir} のデータベースが壊れています。',
    hint: 'バックアップから復元できます（keizoku check --repair）。'
  },
  db_unreadable: {
    message: 'ワークスペースのデータベース {path} を読み込めません。',
    hint: 'バックアップから復元できます（keizoku check --repair）。'
  },
  db_missing: {
    message: 'ワークスペース {dir} のデータベースがありませんが、バックアップがあります。',
    hint: 'バックアップから復元できます（keizoku check --repair）。'
  },
  not_keizoku_db: {
    message: '{path} は SQLite データベースですが、Keizoku のワークスペースではありません。',
    hint: 'Keizoku のワークスペースのフォルダーを選ぶか、新しく作成してください。'
  },
  no_workspace_folder: {
    message: '{dir} にワークスペースがありません。フォルダーが存在しません。',
    hint: '新しく作成するか、既存のワークスペースのフォルダーを選んでください。'
  },
  not_a_workspace: {
    message: '{dir} は Keizoku のワークスペースではありません（keizoku.db がありません）。',
    hint: 'Keizoku で作成したフォルダーを選ぶか、新しく作成してください。'
  },
  not_a_folder: {
    message: '{dir} は存在しますが、フォルダーではありません。',
    hint: '新しいフォルダーか空のフォルダーを選んでください。'
  },
  folder_not_empty: {
    message: '{dir} は空ではありません（{entries}）。',
    hint: '他のファイルと混ざらないよう、新しいフォルダーか空のフォルダーにワークスペースを作成してください。'
  },
  workspace_in_use: {
    message: 'ワークスペース {dir} は {owner} が使用中です。',
    hint: '1 つのワークスペースを同時に扱えるのは 1 つのプロセスだけです。そちらで閉じてから（アプリの終了、keizoku serve の停止、コマンドの終了を待つ）もう一度お試しください。'
  },
  registry_edited_refuses: {
    message: '登録記録（{count} 行）が Keizoku の外で編集されているため、この操作は拒否されました。',
    hint: 'バックアップから復元できます（keizoku check --repair）。'
  },
  audit_broken_refuses: {
    message:
      '監査ログがエントリ {entry} で壊れているため、この操作は拒否されました。登録情報が Keizoku の外で編集された可能性があります。',
    hint: 'バックアップから復元できます（keizoku check --repair）。'
  },
  unknown_setting: { message: '設定 {key} はありません。', hint: '使える設定: {known}。' },
  invalid_setting: {
    message: '設定 {key} の値が正しくありません。',
    hint: '許容低下は精度のポイント 0〜100、最低精度は割合 0〜1、通貨は 3 文字のコードです。'
  },
  invalid_argument: {
    message: '{call} の引数が正しくありません: {issues}',
    hint: '入力した値を確認してください。上に示した項目を直してください。'
  },
  cannot_write: { message: '{path} に書き込めません: {reason}', hint: '書き込めるフォルダーを選んでください。' },
  // Tasks
  task_name_length: {
    message: 'タスク名は 1〜100 文字にしてください。',
    hint: '短く区別しやすい名前にしてください（例: 「3 号ライン 3 月」）。'
  },
  task_name_taken: {
    message: '「{name}」という名前のタスクはすでにあります（タスク {task}）。',
    hint: '別の名前を選んでください。'
  },
  input_shape_differs: {
    message: 'データの入力形状は [{got}] ですが、このワークスペースのタスク（「{task}」）は [{want}] です。',
    hint: '1 つのハイパーネットワークがすべてのタスクを担うため、入力をそろえる必要があります。同じ特徴量列か同じ画像サイズを選んでください。'
  },
  task_in_use: {
    message:
      'タスク「{task}」は削除できません。ジョブ {jobs} 件、モデルバージョン {versions} 件、評価 {evaluations} 件が参照しています。',
    hint: '削除できるのは、一度も学習・評価していないタスクだけです。'
  },
  task_not_removable: { message: 'タスク「{task}」は{state}です。削除できるのは未学習のタスクだけです。' },
  import_failed: {
    message: '{what} を取り込めません: 問題が {count} 件あります。',
    hint: 'プレビューの手順で問題の一覧と直し方を確認してください。'
  },
  // Training and approval
  training_running: {
    message: 'このワークスペースでは別の学習ジョブが実行中です。',
    hint: '終わるまで待つか、キャンセルしてください。学習ジョブは一度に 1 つです。'
  },
  job_not_resumable: { message: 'ジョブ {job} は{status}です。再開できるのは中断された学習ジョブだけです。' },
  job_not_running: {
    message: 'ジョブ {job} は{status}で、実行中ではありません。',
    hint: 'キャンセルできるのは、待機中・実行中・中断されたジョブだけです。'
  },
  task_already_learned: {
    message: 'タスク「{task}」は有効なバージョン {version} ですでに学習済みです。',
    hint: '新しいタスクを追加するか、学習し直すにはそれより前のバージョンへロールバックしてください。'
  },
  'candidate_pending.train': {
    message: 'バージョン {version} が承認を待っています。',
    hint: '別のタスクを学習する前に、その候補を承認または却下してください。'
  },
  'candidate_pending.rollback': {
    message: 'バージョン {version} が承認を待っています。',
    hint: 'ロールバックする前に、その候補を承認または却下してください。'
  },
  task_data_dropped: {
    message: 'タスク「{task}」には学習データが残っていません（保持ポリシーにより削除）。',
    hint: 'このデータを学習するには、新しいタスクとして登録し直してください。'
  },
  method_fixed: {
    message:
      'このワークスペースは「{method}」で学習しています。「{requested}」ではそのハイパーネットワークを引き継げません。',
    hint: '手法は最初のタスクで決まります。手法を比べるにはベースライン（keizoku bench）を使ってください。'
  },
  shape_settings_fixed: {
    message: '設定 {keys} はネットワークの形を決めるもので、最初のタスクで固定されました。',
    hint: 'タスクごとに変えられる設定: {perTask}。'
  },
  version_not_candidate: { message: 'バージョン {version} は{status}で、判断待ちの候補ではありません。' },
  version_unreadable: {
    message: 'バージョン {version} を承認できません。スナップショットのファイルを読み込めません。',
    hint: '何も変更していません。バックアップからファイルを復元する（keizoku check --repair）か、このバージョンを却下して学習し直してください。'
  },
  policy_failed: {
    message: 'バージョン {version} は承認ポリシーのチェックに {count} 件不合格です。',
    hint: '却下するか、理由をコメントに書いてポリシーに反して承認してください。'
  },
  override_needs_comment: {
    message: 'ポリシーに反して承認するには、理由を書いたコメントが必要です。',
    hint: 'コメント欄に理由を入力してください。'
  },
  version_already_active: { message: 'バージョン {version} はすでに有効なバージョンです。' },
  version_never_approved: {
    message: 'バージョン {version} は一度も承認されていません（{status}）。戻せるのは承認済みのバージョンだけです。'
  },
  export_not_learned: {
    message: 'タスク「{task}」は有効なバージョンで学習されていないため、書き出す承認済みモデルがありません。',
    hint: '先にタスクを学習し、その候補を承認してください。'
  },
  baselines_nothing_learned: {
    message: 'まだ学習済みのタスクがないため、ベースラインを測れません。',
    hint: '先に少なくとも 1 つのタスクを学習して承認してください。'
  },
  baselines_running: {
    message: 'このワークスペースでは別のベースラインジョブが実行中です。',
    hint: '終わるまで待つか、キャンセルしてください。'
  },
  baselines_data_dropped: {
    message: '学習済みタスクすべての学習データが削除されているため（{tasks}）、ベースラインを学習できません。',
    hint: 'ベースラインを測るには、新しいタスクの学習データを残してください（保持の設定）。'
  },
  // Reports
  report_inside_workspace: {
    message: 'レポートのファイル {file} がワークスペースのフォルダー {dir} の中にあります。',
    hint: 'レポートはワークスペースの中ではなく、その隣に書き出してください（例: reports/forgetting.pdf）。'
  },
  report_exists: {
    message: 'ファイル {file} はすでにあります。',
    hint: '別のファイル名を選ぶか、既存のファイルを置き換えてよいことを確認してください。'
  },
  pdf_needs_file: {
    message: 'PDF レポートには書き出し先のファイルが必要です。',
    hint: 'HTML でプレビューするか、PDF の保存先を指定してください。'
  },
  // Browser transport (made in the renderer)
  server_unreachable: { message: 'Keizoku のサーバーが応答しません。npm run serve は実行中ですか？' },
  not_signed_in: {
    message: 'このページは Keizoku のサーバーにサインインしていません。',
    hint: 'npm run serve が表示したトークン付きのリンクを開いてください。'
  },
  // Integrity check
  'integrity.database_ok': { message: 'データベース: 正常（quick_check、外部キー）' },
  'integrity.database_damaged': { message: 'データベース: 破損 — {messages}' },
  'integrity.artifacts_ok': { message: 'アーティファクト: 正常（{checked} 件を確認）' },
  'integrity.artifacts_bad': { message: 'アーティファクト: {checked} 件中 {bad} 件に問題' },
  'integrity.artifact_missing': { message: '  欠落 {hash}（使用元: {usedBy}）: {detail}' },
  'integrity.artifact_corrupt': { message: '  破損 {hash}（使用元: {usedBy}）: {detail}' },
  'integrity.orphans': { message: '  参照されていないファイル {count} 件（中断された書き込みの残り。害はありません）' },
  'integrity.artifacts_unchecked': { message: 'アーティファクト: 未確認（データベースを読めません）' },
  'integrity.audit_ok': { message: '監査ログ: 正常（{count} 件、チェーンは完全）' },
  'integrity.audit_broken': { message: '監査ログ: エントリ {entry} で破損' },
  'integrity.audit_unchecked': { message: '監査ログ: 未確認（データベースを読めません）' },
  'integrity.registry_ok': {
    message: '登録記録: 正常（バージョン {versions} 件、判断 {approvals} 件、評価 {evaluations} 件が監査ログと一致）'
  },
  'integrity.registry_unsealed': {
    message: '登録記録: 未照合（封印導入前に書かれたワークスペース。次の変更で封印されます）'
  },
  'integrity.registry_edited': {
    message: '登録記録: Keizoku の外で編集されています — {count} 行が監査ログと一致しません'
  },
  'integrity.registry_unchecked': { message: '登録記録: 未確認（監査ログを信頼できません）' },
  'registry.version_changed': { message: '  バージョン {id} は監査エントリ {entry} の記録後に変更されています' },
  'registry.version_missing': { message: '  バージョン {id} がありません（監査エントリ {entry} が記録）' },
  'registry.version_unrecorded': {
    message: '  バージョン {id} は Keizoku を通さずに書かれました（記録する監査エントリがありません）'
  },
  'registry.approval_changed': { message: '  判断 {id} は監査エントリ {entry} の記録後に変更されています' },
  'registry.approval_missing': { message: '  判断 {id} がありません（監査エントリ {entry} が記録）' },
  'registry.approval_unrecorded': {
    message: '  判断 {id} は Keizoku を通さずに書かれました（記録する監査エントリがありません）'
  },
  'registry.evaluation_changed': { message: '  評価 {id} は監査エントリ {entry} の記録後に変更されています' },
  'registry.evaluation_missing': { message: '  評価 {id} がありません（監査エントリ {entry} が記録）' },
  'registry.evaluation_unrecorded': {
    message: '  評価 {id} は Keizoku を通さずに書かれました（記録する監査エントリがありません）'
  },
  'integrity.backups': { message: 'バックアップ: {count} 件、最新 {latest}' },
  'integrity.backups_none': { message: 'バックアップ: まだありません' },
  'integrity.hint_repair': {
    message: 'keizoku check {dir} --repair で最新のバックアップ（{latest}）を復元できます。失われるものは報告されます。'
  },
  'integrity.hint_no_backup': {
    message: '復元できるバックアップがありません。ご自身のバックアップからフォルダーを復元してください。'
  },
  // Audit chain verification
  'audit.missing': { message: 'エントリ {entry} がありません' },
  'audit.unlinked': { message: 'エントリ {entry} がエントリ {prev} につながっていません' },
  'audit.unreadable': { message: 'エントリ {entry} の詳細を読めません' },
  'audit.changed': { message: 'エントリ {entry} は書き込み後に変更されています' },
  // Approval policy checks
  'policy.old_task_drop': {
    message: '{task}: {before} % → {after} %（低下 {drop} ポイント、許容は {limit} ポイントまで）'
  },
  'policy.drift_unknown': { message: '{task}: ホールドアウトも出力ドリフトの値もないため、忘却を確認できません' },
  'policy.drift': { message: '{task}: ホールドアウトなし。出力ドリフト {drift} %（許容は {limit} % まで）' },
  'policy.new_task_accuracy': { message: '{task}（新規）: ホールドアウトで {accuracy} %（{limit} % 以上が必要）' },
  'policy.new_task_no_holdout': { message: '{task}（新規）: 測るためのホールドアウトがありません' },
  // Engine backend
  'backend.forced': { message: 'KEIZOKU_BACKEND={value} で指定されています' },
  'backend.tensorflow': {
    message: '@tensorflow/tfjs-node がインストールされています: すべてのコアでネイティブの libtensorflow カーネル'
  },
  'backend.wasm': {
    message:
      '@tensorflow/tfjs-node はここにはインストールされていません。使える中で最も速いのは wasm（SIMD、ワーカーごとに 1 スレッド）です'
  },
  'backend.cpu': {
    message: 'tfjs-node も wasm も起動できません。純粋な JavaScript のバックエンドは遅いですが動きます'
  },
  // Import problems not yet in problemText (message + fix)
  'problem.too_many_problems': {
    message: 'ほかに {count} 件の問題があります（一覧には表示していません）。',
    hint: 'まず上の問題を直してください。残りは同じ原因であることが多いです。'
  },
  'problem.binary_content': {
    message:
      '{file} の {line} 行目: ここからバイナリデータ（NUL バイト）になっています。CSV ファイルは全体がテキストです。',
    hint: 'ファイルが壊れているか、コピー中に途切れています。もう一度書き出してください。'
  },
  'problem.record_too_long': {
    message: '{file} の {line} 行目: 改行のないまま 1600 万文字を超えています。',
    hint: '1 行に 1 レコードの CSV ファイルか確認してください。'
  },
  'problem.unterminated_quote': {
    message: '{file} の {line} 行目: " で始まる引用符付きの項目が閉じていません。',
    hint: '引用符を閉じるか、文字としての引用符は 2 つ重ねてください（""）。'
  },
  'problem.stray_quote': {
    message: '{file} の {line} 行目: 閉じ引用符の後に文字が続いています。項目の一部として残しました。',
    hint: '項目全体を引用符で囲み、中の引用符は 2 つ重ねてください（""）。'
  },
  'problem.duplicate_column': {
    message: '列名「{column}」が 2 回あります（{first} 列目と {second} 列目）。2 つ目を「{renamed}」と呼びます。',
    hint: '名前が重要なら、ファイルで片方の列名を変えてください。'
  },
  'problem.wrong_file_type.csv': {
    message: '{file} は CSV/TSV のテキストファイルではありません。先頭のバイトは{kind}を示しています。',
    hint: 'このファイルではなく、データの CSV 書き出しを選んでください。'
  },
  'problem.wrong_file_type.csv_zip': {
    message: '{file} は CSV/TSV のテキストファイルではありません。先頭のバイトは{kind}を示しています。',
    hint: '表計算ソフトで開き、「CSV UTF-8」として保存してください。'
  },
  'problem.wrong_file_type.csv_utf16': {
    message: '{file} は CSV/TSV のテキストファイルではありません。先頭のバイトは{kind}を示しています。',
    hint: 'UTF-8 のテキストとして保存してください（Excel なら「CSV UTF-8」）。'
  },
  'problem.wrong_file_type.image': {
    message: '{file} は{expected}の名前ですが、先頭のバイトは{kind}を示しています。',
    hint: '本物の PNG か JPEG のファイルに置き換えるか、削除してください。'
  },
  'problem.wrong_file_type.image_rename': {
    message: '{file} は{expected}の名前ですが、先頭のバイトは{kind}を示しています。',
    hint: '拡張子を .{ext} に変えてください。'
  },
  'problem.wrong_file_type.idx_images': {
    message: '{file} は IDX ファイルではありません。先頭のバイトは{kind}を示しています。',
    hint: 'IDX の画像ファイル（例: train-images-idx3-ubyte）を選んでください。'
  },
  'problem.wrong_file_type.idx_labels': {
    message: '{file} は IDX ファイルではありません。先頭のバイトは{kind}を示しています。',
    hint: 'IDX のラベルファイル（例: train-labels-idx1-ubyte）を選んでください。'
  },
  'problem.folder_not_found': {
    message: 'フォルダー {folder} がありません。',
    hint: 'クラスごとにサブフォルダーがあるフォルダーを選んでください。'
  },
  'problem.bad_shape.image': {
    message: '画像サイズ {height}×{width} は使えません。',
    hint: '高さと幅は 1〜1024 にしてください（例: 28x28）。'
  },
  'problem.bad_shape.idx_images': {
    message: '{file} は {dims} 次元です。画像は 3 次元（n × 行 × 列）か 2 次元（n × 特徴量）が必要です。',
    hint: '画像ファイルを先に、ラベルファイルを 2 番目に指定してください。'
  },
  'problem.bad_shape.idx_labels': {
    message: '{file} は {dims} 次元です。ラベルファイルは 1 次元です。',
    hint: '画像ファイルを先に、ラベルファイルを 2 番目に指定してください。'
  },
  'problem.stray_file': {
    message: '{file} はクラスのサブフォルダーの中にないため無視します。',
    hint: 'そのクラスのサブフォルダーへ移してください。'
  },
  'problem.no_classes': {
    message: '{folder} にはサブフォルダーがないため、クラスがありません。',
    hint: 'クラスごとに画像をサブフォルダーに分けてください（例: ok/ と defect/）。'
  },
  'problem.unsupported_file': {
    message: '{file} は PNG でも JPEG でもないため無視します。',
    hint: 'PNG か JPEG に変換するか、削除してください。'
  },
  'problem.image_too_large': {
    message: '{file} の画像サイズは {width}×{height} です。読み込めるのは 4096×4096 までです。',
    hint: '画像を縮小する（いずれにせよタスクの入力サイズに縮小されます）か、削除してください。'
  },
  'problem.decode_failed.image': {
    message: '{file} を{kind}として読み込めません。',
    hint: 'ファイルが壊れているか不完全です。もう一度書き出すか、削除してください。'
  },
  'problem.decode_failed.gzip': {
    message: '{file} は gzip で圧縮されていますが、展開できません。',
    hint: 'ファイルをもう一度ダウンロードまたはコピーしてください。'
  },
  'problem.shape_mismatch': {
    message: '各サンプルの値は {got} 個ですが、このワークスペースの既存タスクは {want} 個です。',
    hint: '1 つのハイパーネットワークがすべてのタスクを担うため、入力をそろえる必要があります。同じ特徴量列か同じ画像サイズを選んでください。'
  },
  'problem.group_ignored': {
    message: 'グループ化したホールドアウトには列が必要です。{kind} のデータはクラスで層化して分割します。',
    hint: 'この種類のデータでは「グループ化する列」を空にしてください。'
  },
  'problem.holdout_ignored': {
    message: '組み込みベンチマークは独自の学習/テスト分割を使うため、ホールドアウト {fraction} は適用していません。',
    hint: 'ベンチマークではホールドアウトを既定のままにしてください。'
  },
  'problem.class_not_in_holdout': {
    message: 'クラス「{className}」はホールドアウトに行がないため、その精度を確認できません。',
    hint: 'ホールドアウトを大きくするか、グループを小さくしてください。'
  },
  'problem.class_not_in_train': {
    message: 'クラス「{className}」は学習用の部分に行がありません。',
    hint: 'ホールドアウトを小さくするか、グループを小さくしてください。'
  },
  'problem.file_too_large': {
    message: '{file} は {mib} MiB です。IDX ファイルは {max} MiB まで読み込めます。',
    hint: 'データを複数のタスクに分けるか、正しいファイルか確認してください。'
  },
  'problem.truncated.header': {
    message: '{file} はヘッダーの途中で終わっています。',
    hint: 'ファイルが不完全です。もう一度コピーしてください。'
  },
  'problem.truncated.values': {
    message: '{file} には {expected} 個の値があるはずですが、{got} 個しかありません。',
    hint: 'ファイルが不完全か、ヘッダーが示すファイルではありません。もう一度コピーしてください。'
  },
  'problem.unsupported_idx': {
    message: '{file} は IDX 型 {type} です。読み込めるのは符号なしバイト（MNIST と同じ 0x08）だけです。',
    hint: 'データを符号なしバイトに変換するか、CSV として書き出してください。'
  },
  'problem.count_mismatch': {
    message: '{images} には画像が {n} 枚ありますが、{labels} のラベルは {got} 個です。',
    hint: 'この画像に対応するラベルファイルを使ってください。'
  },
  'problem.bad_benchmark': {
    message: 'ベンチマーク {benchmark} にタスク {k} はありません。',
    hint: 'split-mnist は 0〜4、permuted-mnist と rotated-mnist は 0 以上の番号を使ってください。'
  },
  // Engine (training, snapshots, backends) — the service passes these on from the engine
  'engine.unknown_method': {
    message: '手法「{method}」はありません。',
    hint: '{methods} のいずれかを使ってください。'
  },
  'engine.bad_seed': { message: 'シードは 0 以上の整数にしてください（{seed} が指定されました）。' },
  'engine.bad_input_shape': { message: '入力形状は正の整数のリストにしてください（{shape} が指定されました）。' },
  'engine.format_too_new.snapshot': {
    message:
      'この学習器スナップショットの形式は {format} です。このバージョンの Keizoku が読めるのは {supported} までです。',
    hint: '書き出した新しいバージョンの Keizoku で開いてください。'
  },
  'engine.format_too_new.checkpoint': {
    message: 'このチェックポイントの形式は {format} です。このバージョンの Keizoku が読めるのは {supported} までです。',
    hint: '書き出した新しいバージョンの Keizoku で開いてください。'
  },
  'engine.format_old_layout.snapshot': {
    message:
      'この「{method}」モデルのスナップショットは形式 {format} です。ハイパーネットワークの重み配置が変わる前（形式 {supported} より前）に学習されたため、今読むと異なる重みが生成されます。',
    hint: 'このバージョンで新しいワークスペース（または新しい実行）でタスクを学習し直してください。古いモデルは変換できません。'
  },
  'engine.format_old_layout.checkpoint': {
    message:
      'この「{method}」モデルのチェックポイントは形式 {format} です。ハイパーネットワークの重み配置が変わる前（形式 {supported} より前）に作られたため、今読むと異なる重みが生成されます。',
    hint: 'このバージョンで新しいワークスペース（または新しい実行）でタスクを学習し直してください。古いモデルは変換できません。'
  },
  'engine.task_not_learned': {
    message:
      'タスク番号 {task} はまだ学習されていません。この学習器が知っているタスクは {learned} 件です（学習順に 1 から番号付け）。'
  },
  'engine.input_size_mismatch': {
    message:
      'データには {rows} 行に対して特徴量が {values} 個ありますが、学習器の入力形状 [{shape}] には 1 行あたり {size} 個が必要です。',
    hint: '1 つの実行のタスクはすべて同じ入力形状でなければなりません。同じ列または同じ画像サイズでデータを登録してください。'
  },
  'engine.learner_disposed': { message: 'この学習器はすでに破棄されています。' },
  'engine.no_training_rows': {
    message: 'タスク「{task}」には学習用の行がありません。',
    hint: 'ラベル付きの行が 1 行以上あるデータを登録してください。'
  },
  'engine.too_many_classes': {
    message: 'タスク「{task}」のクラス数は {classes} です。各タスクの出力ヘッドが扱えるのは 2〜{max} クラスです。',
    hint: 'エンジン設定の mainNet.headSize を {classes} 以上にしてください（最初のタスクの前に）。'
  },
  'engine.label_out_of_range': {
    message: 'タスク「{task}」の学習用の行 {row} のラベルは {label} で、0〜{max} の範囲外です。'
  },
  'engine.checkpoint_other_task': {
    message:
      'このチェックポイントはタスク番号 {from} のものですが、この学習器が次に学習するのはタスク番号 {task}（「{name}」）です。',
    hint: 'そのタスクの前に取った学習器スナップショットを復元してから再開してください。'
  },
  'engine.training_cancelled': {
    message: 'タスク「{task}」の学習はステップ {step} / {steps} でキャンセルされました。学習器は変更されていません。'
  },
  'engine.snapshot_lacks_tensor': {
    message: '学習器スナップショットにテンソル「{name}」がありません。',
    hint: '保存されたモデルが不完全です。学習し直すか、以前のバージョンを復元してください。'
  },
  'engine.snapshot_tensor_size': {
    message: 'スナップショットのテンソル「{name}」の値は {got} 個ですが、{expected} 個のはずです。',
    hint: 'スナップショットは別の設定で作られたか、壊れています。'
  },
  'engine.checkpoint_lacks_tensor': {
    message: 'チェックポイントにテンソル「{name}」がありません。',
    hint: 'タスクを最初からやり直してください。'
  },
  'engine.cnn_needs_images': {
    message: 'CNN のメインネットには画像の入力が必要ですが、入力形状は [{shape}] です。',
    hint: '表形式やセンサーのデータには mainNet.kind "mlp" を使うか、画像を [H, W, C]（または [784] のような正方形の平坦な形）で渡してください。'
  },
  'engine.backend_env_invalid': {
    message: 'KEIZOKU_BACKEND={value} はバックエンドではありません。',
    hint: 'tensorflow、wasm、cpu のいずれかを指定するか、設定を外してください。'
  },
  'engine.backend_forced_failed': {
    message: 'KEIZOKU_BACKEND={value} で指定されたバックエンドを起動できませんでした（{tried}）。',
    hint: 'KEIZOKU_BACKEND の設定を外すか、そのバックエンドをインストールしてください。'
  },
  'engine.no_backend': { message: 'tfjs のバックエンドをどれも起動できませんでした（{tried}）。' },
  'engine.hscore_too_few_samples': {
    message: 'H スコアには 2 件以上のサンプルが必要です（共分散を n − 1 で割るため）。n = {n} でした。'
  },
  // Engine configs: named configs (resources/configs) and config files
  'config.no_named': {
    message: '名前付き設定「{name}」はありません。',
    hint: 'JSON ファイルのパスか、名前付き設定（{names}）のいずれかを指定してください。'
  },
  'config.unreadable': {
    message: '設定ファイル {path} を読めません: {reason}',
    hint: 'JSON ファイルのパスか、名前付き設定（{names}）のいずれかを指定してください。'
  },
  'config.not_json': {
    message: '設定 {path} は正しい JSON ではありません: {reason}',
    hint: '{"steps": 500} のような JSON オブジェクトを指定してください。'
  },
  'config.not_object': {
    message: '設定 {path} は JSON オブジェクトでなければなりません。',
    hint: '{"steps": 500} のような JSON オブジェクトを指定してください。省略した項目は既定値になります。'
  },
  'config.engine_not_object': {
    message: 'エンジン設定は JSON オブジェクトでなければなりません。',
    hint: '{"steps": 500} のようなオブジェクトを指定してください。省略した項目は既定値になります。'
  },
  'config.engine_invalid': {
    message: 'エンジン設定が正しくありません — {issues}。',
    hint: 'これらの項目を直すか削除してください。省略した項目はすべて既定値になります。'
  },
  // Worker processes
  'worker.crashed': { message: '{work}のワーカーが異常終了しました: {reason}' },
  'worker.stopped': { message: '{work}のワーカーが終了前に停止しました（終了コード {code}）。' },
  'worker.selftest_cancelled': { message: 'セルフテストはキャンセルされました。' },
  // Baselines (the comparison runs of other methods)
  'baseline.checkpoint_other_run': {
    message:
      'このチェックポイントは {method}（シード {seed}）のもので、{wantMethod}（シード {wantSeed}）のものではありません。'
  },
  'baseline.cancelled': {
    message: '{method} のベースライン（シード {seed}）はタスク {task} / {tasks} の前にキャンセルされました。'
  },
  'baseline.nothing_left': {
    message:
      '{method} のベースラインには学習するタスクが残っていませんでした（チェックポイントは {done} / {tasks} の後）。'
  }
}

/** Japanese names of the values some params hold (states, statuses, file kinds), by param name. */
export const SAID_VALUES_JA: Record<string, Record<string, string>> = {
  state: ja.state,
  status: { ...ja.jobStatus, ...ja.versionStatus },
  kind: {
    png: 'PNG 画像',
    jpeg: 'JPEG 画像',
    gif: 'GIF 画像',
    bmp: 'BMP 画像',
    webp: 'WebP 画像',
    zip: 'ZIP アーカイブ（Excel の .xlsx ブックもこれです）',
    gzip: 'gzip 圧縮ファイル',
    pdf: 'PDF 文書',
    idx: 'IDX（MNIST 形式）ファイル',
    utf16: 'UTF-16 のテキスト',
    binary: 'バイナリファイル',
    text: 'テキスト',
    empty: '空',
    images: '画像',
    idx_source: 'IDX',
    builtin: '組み込みベンチマーク'
  }
}
SAID_VALUES_JA.expected = SAID_VALUES_JA.kind
/** What a worker process was doing (the job kinds of src/service/workerProtocol.ts). */
SAID_VALUES_JA.work = {
  backendInfo: 'バックエンド確認',
  selfTest: 'セルフテスト',
  train: '学習',
  baseline: 'ベースライン',
  transfer: '転移性計算',
  export: '書き出し',
  benchmark: 'ベンチマーク'
}
