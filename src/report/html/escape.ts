/** Escapes text for HTML element content and attribute values (scenario text is untrusted). */
export function escapeHtml(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A source as HTML: a link when it is an http(s) URL (escaped), else escaped text with any URLs inside linked. */
export function sourceHtml(source: string): string {
  // Split the raw text at URLs and escape every piece, so a URL's & and the text around it are both safe.
  const url = /https?:\/\/[^\s)<>"']+/g;
  let out = '', last = 0;
  for (const m of source.matchAll(url)) {
    out += escapeHtml(source.slice(last, m.index)) + `<a href="${escapeHtml(m[0])}" rel="noreferrer noopener">${escapeHtml(m[0])}</a>`;
    last = m.index! + m[0].length;
  }
  return out + escapeHtml(source.slice(last));
}
