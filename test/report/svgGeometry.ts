// Reading an ECharts SVG back into data coordinates: the axis labels give the
// pixel ↔ value map, polygons and paths give the drawn shapes.

export interface Label { x: number; y: number; text: string; anchor: string }

export function labels(svg: string): Label[] {
  const out: Label[] = [];
  for (const m of svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
    const t = /transform="translate\(([-\d.]+) ([-\d.]+)\)"/.exec(m[1]);
    if (!t) continue;
    out.push({ x: +t[1], y: +t[2], text: m[2], anchor: /text-anchor="(\w+)"/.exec(m[1])?.[1] ?? '' });
  }
  return out;
}

const parseTick = (s: string): number => (s.endsWith('%') ? Number(s.slice(0, -1)) / 100 : Number(s.replace(/,/g, '').replace(/−/g, '-')));

/** A linear map from two numeric labels (value, pixel) to value(pixel); the labels may be log-valued (log10 of the label). */
function fit(ls: Array<{ v: number; px: number }>): (px: number) => number {
  const a = ls[0], b = ls[ls.length - 1];
  if (!a || !b || a.px === b.px) throw new Error(`cannot fit an axis from ${JSON.stringify(ls)}`);
  // Check that every label lies on the same line (an axis whose labels do not fit one line is itself a failure).
  for (const l of ls) {
    const px = a.px + ((l.v - a.v) / (b.v - a.v)) * (b.px - a.px);
    if (Math.abs(px - l.px) > 1.01) throw new Error(`axis label ${l.v} at ${l.px}, expected ${px}`);
  }
  return (px) => a.v + ((px - a.px) / (b.px - a.px)) * (b.v - a.v);
}

/** The y axis: end-anchored numeric labels left of `left` px. `log` reads labels as 10^v. */
export function yAxis(svg: string, left: number, log = false): (py: number) => number {
  const ls = labels(svg).filter((l) => l.anchor === 'end' && l.x < left && Number.isFinite(parseTick(l.text)) && l.text !== '')
    .map((l) => ({ v: log ? Math.log10(parseTick(l.text)) : parseTick(l.text), px: l.y }));
  return fit(ls.sort((p, q) => p.px - q.px));
}

/** The x axis: middle-anchored numeric labels below `bottom` px. `log` reads labels as 10^v. */
export function xAxis(svg: string, bottom: number, log = false): (px: number) => number {
  const ls = labels(svg).filter((l) => l.anchor === 'middle' && l.y > bottom && l.text !== '' && Number.isFinite(parseTick(l.text)))
    .map((l) => ({ v: log ? Math.log10(parseTick(l.text)) : parseTick(l.text), px: l.x }));
  return fit(ls.sort((p, q) => p.px - q.px));
}

export function polygons(svg: string, fill: string): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  for (const m of svg.matchAll(/<polygon points="([^"]*)"([^>]*)>/g)) {
    if (!m[2].toLowerCase().includes(`fill="${fill.toLowerCase()}"`)) continue;
    const n = m[1].trim().split(/[\s,]+/).map(Number);
    const pts: Array<[number, number]> = [];
    for (let i = 0; i + 1 < n.length; i += 2) pts.push([n[i], n[i + 1]]);
    out.push(pts);
  }
  return out;
}

/** The points of stroked, unfilled paths of a colour (M/L commands only). */
export function lines(svg: string, stroke: string): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  for (const m of svg.matchAll(/<path d="([^"]*)"([^>]*)>/g)) {
    if (!m[2].toLowerCase().includes(`stroke="${stroke.toLowerCase()}"`) || !m[2].includes('fill="none"')) continue;
    if (/[CQAZ]/i.test(m[1])) continue;
    const pts = [...m[1].matchAll(/[ML]\s*([-\d.e]+)[ ,]([-\d.e]+)/g)].map((p) => [Number(p[1]), Number(p[2])] as [number, number]);
    if (pts.length > 2) out.push(pts);
  }
  return out;
}

/** Centres of scatter symbols of a fill colour (ECharts places each with a transform matrix). */
export function symbols(svg: string, fill: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of svg.matchAll(/<path [^>]*transform="matrix\(([^)]*)\)"[^>]*>/g)) {
    if (!m[0].toLowerCase().includes(`fill="${fill.toLowerCase()}"`) || !m[0].includes('ecmeta_data_index')) continue;
    const v = m[1].split(',').map(Number);
    out.push([v[4], v[5]]);
  }
  return out;
}
