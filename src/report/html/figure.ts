import { escapeHtml as h } from './escape.js';

/** A chart in a captioned figure (the caption is escaped). */
export function figure(svg: string, caption: string): string {
  return `<figure role="group"><div class="chart">${svg}</div><figcaption>${h(caption)}</figcaption></figure>`;
}
