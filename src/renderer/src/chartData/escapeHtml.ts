/**
 * ECharts renders a tooltip formatter's return value as HTML. Task names come from data files
 * and shared workspaces, so every name put into such a string is escaped first (the CSP already
 * stops scripts; this keeps markup from being injected at all).
 */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
  )
}
