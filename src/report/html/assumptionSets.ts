import type { ClaimResult, Result } from '../../result/resultSchema.js';
import { percent as pct, probabilityLabel } from '../format.js';
import { monthAxisTitle, PALETTE } from './charts.js';
import { escapeHtml as h } from './escape.js';
import { figure } from './figure.js';
import { overlayFans, overlayPassage, type OverlayRun, type Passage } from './overlays.js';

/** What a group needs of each scenario's report entry. */
export interface SetEntry {
  result: Result;
  /** The scenario of the same folder run this one `extends` (directly or through files outside the folder). */
  extends?: string;
  claimNote?: (c: ClaimResult) => string;
}

/**
 * The named assumption sets of a folder run: each scenario that others extend
 * (followed to the root of its chain within the folder), with those that
 * extend it, in run order, the root first. Only groups of two or more.
 */
export function assumptionGroups<E extends SetEntry>(entries: readonly E[]): E[][] {
  const byName = new Map(entries.map((e) => [e.result.scenario.name, e]));
  const rootOf = (e: E): E => {
    const seen = new Set<E>();
    let cur = e;
    while (cur.extends !== undefined && byName.has(cur.extends) && !seen.has(cur)) {
      seen.add(cur);
      cur = byName.get(cur.extends)!;
    }
    return cur;
  };
  const groups = new Map<E, E[]>();
  for (const e of entries) {
    const root = rootOf(e);
    if (root !== e) groups.set(root, [...(groups.get(root) ?? []), e]);
  }
  return [...groups].map(([root, members]) => [root, ...members]);
}

/** A set's short label: its name less the root's name and a dash ("starcloud" for space-cheapest-36m-starcloud). */
export function setLabel(root: string, name: string): string {
  return name !== root && name.startsWith(`${root}-`) ? name.slice(root.length + 1) : name;
}

/** The anchor of a group's section. */
export const setsAnchor = (root: string): string => `sets-${root.replace(/[^a-z0-9-]/gi, '-')}`;

/** The series the root's claims test, most tested first (the group's key outputs). */
function keySeries(root: Result): string[] {
  const n = new Map<string, number>();
  for (const c of root.claims) {
    const s = (c.definition as { series?: unknown }).series;
    if (typeof s === 'string' && root.series[s]) n.set(s, (n.get(s) ?? 0) + 1);
  }
  return [...n].sort((a, b) => b[1] - a[1]).map(([s]) => s);
}

/**
 * A group's section of the folder's report: the claims of every set side by
 * side (probability, 95% interval, median month), each key series' median and
 * 90% band of every set on one axis, and each first-passage claim's
 * P(true by month) of every set on one axis. `anchor` links a set to its own
 * section.
 */
export function assumptionSetsSection(group: readonly SetEntry[], anchor: (name: string) => string): string {
  const root = group[0].result, rootName = root.scenario.name, start = root.scenario.start;
  const label = (e: SetEntry): string => setLabel(rootName, e.result.scenario.name);
  const colour = (k: number): string => PALETTE[k % PALETTE.length];
  const ids = [...new Set(group.flatMap((e) => e.result.claims.map((c) => c.id)))];
  const cell = (e: SetEntry, id: string): string => {
    const c = e.result.claims.find((x) => x.id === id);
    if (!c) return '<td class="num">—</td>';
    const not = typeof c.definition.label === 'string' ? '<br><small>not a forecast</small>' : '';
    const when = c.cdf ? `<br><small>median month ${h(c.medianLabel ?? '')}</small>` : '';
    return `<td class="num">${h(probabilityLabel(c.probability, c.hits, c.denominator))}<br><small>${h(`${pct(c.ci95[0])}–${pct(c.ci95[1])}`)}</small>${when}${not}${e.claimNote ? e.claimNote(c) : ''}</td>`;
  };
  const statement = (id: string): string => group.map((e) => e.result.claims.find((c) => c.id === id)).find((c) => c)?.statement ?? '';
  const rows = group.map((e, k) => `<tr><td><span class="swatch" style="background:${colour(k)}"></span><a href="#${anchor(e.result.scenario.name)}">${h(label(e))}</a>${k === 0 ? ' <small>(the scenario the others extend)</small>' : ''}</td><td class="num">${e.result.manifest.trajectories.toLocaleString('en-US')}</td>${ids.map((id) => cell(e, id)).join('')}</tr>`).join('\n');
  const table = `<table class="sets"><thead><tr><th>assumption set</th><th>trajectories</th>${ids.map((id) => `<th title="${h(statement(id))}"><code>${h(id)}</code></th>`).join('')}</tr></thead><tbody>\n${rows}\n</tbody></table>
<p class="note">Each cell: the claim's probability, its 95% interval and, for a first passage, the median month. Claims: ${ids.map((id) => `<code>${h(id)}</code> ${h(statement(id))}`).join('; ')}.</p>`;
  const figs: string[] = [];
  for (const name of keySeries(root)) {
    const runs: Array<OverlayRun<Result['series'][string]>> = group.flatMap((e, k) => (e.result.series[name] ? [{ label: label(e), colour: colour(k), data: e.result.series[name] }] : []));
    if (runs.length < 2) continue;
    const defs = root.claims.map((c) => c.definition as { series?: string; at?: number; by?: number; below?: number; above?: number }).filter((d) => d.series === name);
    const months = [...new Set(defs.flatMap((d) => (d.at !== undefined ? [d.at] : [])))].sort((a, b) => a - b);
    const thresholds = [...new Set(defs.flatMap((d) => [d.below, d.above].filter((v): v is number => v !== undefined)))];
    const f = overlayFans(name, runs, start, { months, thresholds }, { xName: monthAxisTitle(root.series[name].description, start) });
    figs.push(figure(f.svg, f.caption));
  }
  for (const c of root.claims.filter((x) => x.cdf)) {
    const runs: Array<OverlayRun<Passage>> = group.flatMap((e, k) => {
      const x = e.result.claims.find((d) => d.id === c.id);
      return x?.cdf ? [{ label: label(e), colour: colour(k), data: { cdf: x.cdf, never: x.never ?? null, medianLabel: x.medianLabel ?? '' } }] : [];
    });
    if (runs.length < 2) continue;
    const f = overlayPassage(c.id, runs, start, (c.definition as { by: number }).by);
    figs.push(figure(f.svg, f.caption));
  }
  const others = group.slice(1).map((e) => `<a href="#${anchor(e.result.scenario.name)}">${h(e.result.scenario.name)}</a>`).join(', ');
  return `<section id="${setsAnchor(rootName)}" class="sets">
<h2>Named assumption sets: ${h(rootName)}</h2>
<p class="description"><a href="#${anchor(rootName)}">${h(rootName)}</a> and the scenarios that extend it, each replacing some of its inputs with one party's figures: ${others}. Same model and claims; side by side.</p>
${table}
${figs.length ? `<div class="grid">${figs.join('\n')}</div>` : ''}
</section>`;
}
