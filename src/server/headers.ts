/**
 * Response headers of the browser-mode server. The Content-Security-Policy is the same policy
 * as the `<meta http-equiv>` in src/renderer/index.html (a test keeps the two equal), plus the
 * directives a meta tag cannot carry (`frame-ancestors`).
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

/** Sent with every response, API and static alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
  'cache-control': 'no-store'
}

/** Extra headers for HTML documents: the page's CSP, enforced by the browser from the header. */
export const HTML_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': `${RENDERER_CSP}; frame-ancestors 'none'`
}
