// What the webviews (report view, table preview, rule pages) share to build their pages.

/** Text for HTML, in element content and in attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A fresh value for a Content-Security-Policy nonce. */
export const nonce = (): string => Array.from({ length: 32 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
