// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import FileUpload from '../../src/renderer/src/components/FileUpload.vue'
import { flush } from './fakeTransport'
import { mountWith } from './mountApp'

/** A stand-in XMLHttpRequest the test drives: it records what was sent and answers when told. */
class FakeXhr {
  static last: FakeXhr | undefined
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown
  status = 0
  responseText = ''
  withCredentials = false
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = {
    onprogress: null
  }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null
  constructor() {
    FakeXhr.last = this
  }
  open(method: string, url: string): void {
    this.method = method
    this.url = url
  }
  setRequestHeader(k: string, v: string): void {
    this.headers[k] = v
  }
  send(body: unknown): void {
    this.body = body
  }
  abort(): void {
    this.onabort?.()
  }
  answer(status: number, envelope: unknown): void {
    this.status = status
    this.responseText = JSON.stringify(envelope)
    this.onload?.()
  }
}

function choose(wrapper: Awaited<ReturnType<typeof mountWith>>, file: File): void {
  const input = wrapper.find('input[type="file"]').element as HTMLInputElement
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
}

describe('FileUpload', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    FakeXhr.last = undefined
  })

  it('refuses a file over the limit before sending anything, saying the sizes', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    const w = await mountWith(FileUpload, { label: 'Upload a CSV file', limit: 1000 })
    choose(w, new File(['x'.repeat(1500)], 'big.csv'))
    await flush()
    expect(FakeXhr.last).toBeUndefined()
    expect(w.text()).toContain('big.csv is 1.5 kB; one upload may carry at most 1 kB.')
    expect(w.emitted('uploaded')).toBeUndefined()
  })

  it('streams the file as the raw body, shows progress, and hands the stored path on', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    const w = await mountWith(FileUpload, { label: 'Upload a CSV file', limit: 10_000 })
    const file = new File(['a,label\n1,x\n'], 'line 3.csv')
    choose(w, file)
    await flush()
    const xhr = FakeXhr.last!
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toMatch(/\/api\/upload\?name=line%203\.csv$/)
    expect(xhr.headers['content-type']).toBe('application/octet-stream')
    expect(xhr.body).toBe(file)
    xhr.upload.onprogress!({ loaded: 6, total: 12, lengthComputable: true })
    await flush()
    expect(w.find('[role="progressbar"]').attributes('aria-valuenow')).toBe('50')
    expect(w.text()).toContain('Uploading line 3.csv: 6 B of 12 B')
    const result = { path: 'imports/line 3.csv', name: 'line 3.csv', bytes: 12 }
    xhr.answer(200, { ok: true, result })
    await flush()
    expect(w.emitted('uploaded')).toEqual([[result]])
    expect(w.find('[role="progressbar"]').exists()).toBe(false)
    expect(w.text()).toContain('Uploaded line 3.csv (12 B) as imports/line 3.csv.')
  })

  it('shows the server’s refusal and emits nothing', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    const w = await mountWith(FileUpload, { label: 'Upload a CSV file', limit: 10_000 })
    choose(w, new File(['x'], 'x.csv'))
    await flush()
    FakeXhr.last!.answer(400, {
      ok: false,
      error: { code: 'invalid_argument', message: 'The file name "x" cannot be used.' }
    })
    await flush()
    expect(w.text()).toContain('The file name "x" cannot be used.')
    expect(w.emitted('uploaded')).toBeUndefined()
  })
})
