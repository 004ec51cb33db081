// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { KeizokuError } from '@shared/errors'
import { say } from '@shared/messages'
import ErrorNotice from '../../src/renderer/src/components/ErrorNotice.vue'
import IntegrityLines from '../../src/renderer/src/components/IntegrityLines.vue'
import { setLocale } from '../../src/renderer/src/i18n'
import { fillSaid } from '../../src/renderer/src/serviceText'
import { mountWith } from './mountApp'
import { SAID_JA } from '../../src/renderer/src/i18n/saidJa'
import ja from '../../src/renderer/src/i18n/ja'

/** Every source file of the app as text (Vite's glob import), to find the codes the service says. */
const SOURCES = import.meta.glob<string>('../../src/**/*.ts', { query: '?raw', import: 'default', eager: true })

/** Every code passed to say(…) in the source: literal codes as they are, template codes as patterns. */
function spokenCodes(): Array<{ file: string; code: RegExp; raw: string }> {
  const out: Array<{ file: string; code: RegExp; raw: string }> = []
  for (const [file, text] of Object.entries(SOURCES)) {
    // Only the shared say(); a file may have a function of its own by that name.
    if (!/import \{[^}]*\bsay\b[^}]*\} from '[^']*messages'/.test(text)) continue
    for (const m of text.matchAll(/\bsay\(\s*(['`])([^'`]+)\1/g)) {
      const raw = m[2]
      const pattern = raw
        .split(/\$\{[^}]+\}/)
        .map((x) => x.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[a-z_]+')
      out.push({ file, code: new RegExp(`^${pattern}$`), raw })
    }
  }
  return out
}

/** The text of every `new KeizokuError(…)` call in a source file, parentheses balanced. */
function keizokuErrorCalls(text: string): string[] {
  const calls: string[] = []
  for (let i = text.indexOf('new KeizokuError('); i >= 0; i = text.indexOf('new KeizokuError(', i + 1)) {
    let depth = 0
    let j = i + 'new KeizokuError'.length
    for (; j < text.length; j++) {
      if (text[j] === '(') depth++
      else if (text[j] === ')' && --depth === 0) break
    }
    calls.push(text.slice(i, j + 1))
  }
  return calls
}

describe('service messages in the UI language', () => {
  it('every code the service says has a Japanese wording', () => {
    const codes = spokenCodes()
    expect(codes.length).toBeGreaterThan(60)
    const known = Object.keys(SAID_JA)
    for (const c of codes)
      expect(
        known.some((k) => c.code.test(k)),
        `${c.raw} (${c.file})`
      ).toBe(true)
  })

  it('every import problem code has a Japanese wording', () => {
    const codes = new Set<string>(['too_many_problems'])
    for (const [file, text] of Object.entries(SOURCES)) {
      if (!file.includes('/workspace/import/')) continue
      for (const m of text.matchAll(/problems\.(?:error|warning)\(\s*'([a-z_]+)'/g)) codes.add(m[1])
    }
    expect(codes.size).toBeGreaterThan(35)
    const said = Object.keys(SAID_JA)
    for (const code of codes) {
      const inProblemText = code in (ja.problemText as Record<string, unknown>)
      expect(inProblemText || said.some((k) => k === `problem.${code}` || k.startsWith(`problem.${code}.`)), code).toBe(
        true
      )
    }
  })

  it('every error the engine, named configs, engine configs and worker processes throw carries a message code', () => {
    // Files whose errors reach a person (training, snapshots, backends, configs, workers). The
    // engine's math checks (linalg, hscore's argument checks, metrics) guard programming errors.
    const files = [
      'engine/learner.ts',
      'engine/mainnetShapes.ts',
      'engine/backend.ts',
      'engine/backendEnv.ts',
      'engine/families/family.ts',
      'service/namedConfigs.ts',
      'service/workerClient.ts',
      'service/worker.ts',
      'service/work/baseline.ts',
      'shared/domain/engineConfig.ts'
    ]
    let sites = 0
    for (const f of files) {
      const text = SOURCES[`../../src/${f}`]
      expect(text, f).toBeDefined()
      for (const call of keizokuErrorCalls(text)) {
        sites++
        expect(call, `${f}: ${call.slice(0, 120)}`).toMatch(/\bsay\(/)
      }
    }
    expect(sites).toBeGreaterThan(25)
  })

  it('a missing named config and a crashed worker read in Japanese, not English under a Japanese title', async () => {
    const named = new KeizokuError('not_found', 'There is no named config "fast".', {
      hint: 'Give a path to a JSON file or one of the named configs: beef-enose, split-mnist.',
      say: say('config.no_named', { name: 'fast', names: 'beef-enose, split-mnist' })
    }).toInfo()
    const w = await mountWith(ErrorNotice, { error: named })
    setLocale('ja')
    await w.vm.$nextTick()
    expect(w.text()).toContain('名前付き設定「fast」はありません。')
    expect(w.text()).toContain('名前付き設定（beef-enose, split-mnist）')
    expect(w.text()).not.toContain('There is no named config')
    setLocale('en')
    await w.vm.$nextTick()
    expect(w.text()).toContain('There is no named config "fast".')
    const crashed = new KeizokuError('internal', 'The train worker crashed: out of memory', {
      say: say('worker.crashed', { work: 'train', reason: 'out of memory' })
    }).toInfo()
    const c = await mountWith(ErrorNotice, { error: crashed })
    setLocale('ja')
    await c.vm.$nextTick()
    expect(c.text()).toContain('学習のワーカーが異常終了しました: out of memory')
    setLocale('en')
  })

  it('fills params, names statuses and formats timestamps in the locale', () => {
    expect(fillSaid('ジョブ {job} は{status}です。', { job: 4, status: 'cancelled' }, 'ja')).toBe(
      'ジョブ 4 はキャンセル済みです。'
    )
    const when = fillSaid('最新 {latest}', { latest: '2026-11-28T01:00:00.000Z' }, 'ja')
    expect(when).not.toContain('T01:00')
    expect(when).toMatch(/^最新 2026\/11\/28/)
    expect(fillSaid('{missing} stays', {}, 'ja')).toBe('{missing} stays')
  })

  it('a path outside the root is a file with file advice, in English and in Japanese', async () => {
    const info = new KeizokuError('refused', 'The file "/etc/data.csv" is outside the workspace root /srv/ws.', {
      hint: 'In browser mode, files must lie inside /srv/ws: copy the file there and give its path relative to it.',
      say: say('path_outside_root.file', { input: '/etc/data.csv', root: '/srv/ws' })
    }).toInfo()
    const w = await mountWith(ErrorNotice, { error: info })
    expect(w.text()).toContain('The file "/etc/data.csv" is outside the workspace root')
    expect(w.text()).toContain('copy the file there')
    setLocale('ja')
    await w.vm.$nextTick()
    expect(w.text()).toContain('ファイル「/etc/data.csv」はワークスペースのルート')
    expect(w.text()).toContain('ファイルをそこへコピー')
    expect(w.text()).not.toContain('line-3')
    setLocale('en')
  })

  it('integrity lines show their timestamps for the locale, in English too', async () => {
    const iso = '2026-11-28T01:00:00.000Z'
    const lines = [say('integrity.backups', { count: 2, latest: iso })].map((m) => ({
      ...m,
      text: `backups: 2, latest ${iso}`
    }))
    const w = await mountWith(IntegrityLines, { lines })
    expect(w.text()).toMatch(/^backups: 2, latest Nov 28, 2026/)
    expect(w.text()).not.toContain(iso)
    setLocale('ja')
    await w.vm.$nextTick()
    expect(w.text()).toMatch(/^バックアップ: 2 件、最新 2026\/11\/28/)
    setLocale('en')
  })

  it('an error without a Japanese wording keeps its English text under a Japanese title', async () => {
    const info = new KeizokuError('conflict', 'Something only the CLI says.', { hint: 'Do this.' }).toInfo()
    const w = await mountWith(ErrorNotice, { error: info })
    setLocale('ja')
    await w.vm.$nextTick()
    expect(w.text()).toContain('競合しています')
    expect(w.text()).toContain('Something only the CLI says.')
    setLocale('en')
  })
})
