import { describe, expect, it } from 'vitest'
import { EXTERNAL_ALLOW_LIST, isAllowedExternal, isAppUrl } from '../../src/main/navigation'

const FILE_APP = 'file:///opt/Keizoku/resources/app.asar/out/renderer/index.html'
const DEV_APP = 'http://localhost:5173/'

describe('isAppUrl', () => {
  it.each([
    [FILE_APP, FILE_APP],
    [`${FILE_APP}#/tasks/3`, FILE_APP],
    [`${FILE_APP}?lang=ja`, FILE_APP],
    ['http://localhost:5173/#/reports', DEV_APP],
    ['http://localhost:5173/src/main.ts', DEV_APP]
  ])('accepts %s as the app %s', (url, app) => {
    expect(isAppUrl(url, app)).toBe(true)
  })

  it.each([
    ['file:///etc/passwd', FILE_APP],
    ['file:///opt/Keizoku/resources/app.asar/out/renderer/other.html', FILE_APP],
    ['file://evil-host/opt/Keizoku/resources/app.asar/out/renderer/index.html', FILE_APP],
    ['https://localhost:5173/', DEV_APP],
    ['http://localhost:5174/', DEV_APP],
    ['http://127.0.0.1:5173/', DEV_APP],
    ['http://localhost.evil.com:5173/', DEV_APP],
    ['https://github.com/', FILE_APP],
    ['javascript:alert(1)', FILE_APP],
    ['data:text/html,<script>1</script>', FILE_APP],
    ['about:blank', FILE_APP],
    ['not a url', FILE_APP],
    ['', FILE_APP],
    [FILE_APP, 'not a url'],
    ['chrome://gpu', 'chrome://gpu']
  ])('refuses %s for the app %s', (url, app) => {
    expect(isAppUrl(url, app)).toBe(false)
  })
})

describe('isAllowedExternal', () => {
  it('accepts https links to every allow-listed host', () => {
    for (const host of EXTERNAL_ALLOW_LIST)
      expect(isAllowedExternal(`https://${host}/some/page?x=1#y`), host).toBe(true)
    expect(isAllowedExternal('https://arxiv.org/abs/2502.11609')).toBe(true)
  })

  it.each([
    'http://arxiv.org/abs/2502.11609',
    'https://evil.com/',
    'https://arxiv.org.evil.com/',
    'https://evilarxiv.org/',
    'https://sub.github.com/',
    'https://user:pass@github.com/',
    'https://github.com@evil.com/',
    'https://github.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://github.com/share',
    'ms-msdt:/id PCWDiagnostic',
    'mailto:a@github.com',
    'not a url'
  ])('refuses %s', (url) => {
    expect(isAllowedExternal(url)).toBe(false)
  })
})
