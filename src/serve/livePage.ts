import { escapeHtml as h } from '../report/html/escape.js';
import { CSS, densitySparkline } from '../report/html/renderReport.js';
import type { DistributionSpec } from '../distributions/registry.js';
import type { ResolvedScenario } from '../scenario/resolve.js';

/** A slider's range around a parameter's shipped value: [0, 3v] for v > 0, [3v, 0] for v < 0, [−1, 1] for 0. */
function range(v: number): [number, number] {
  if (v > 0) return [0, 3 * v];
  if (v < 0) return [3 * v, 0];
  return [-1, 1];
}

const NOT_PARAMETERS = new Set(['dist', 'unit', 'source', 'rationale', 'components', 'name', 'weight']);

/** The fields of the edit form: for each input its numeric parameters (slider and number) and a pin; for each claim its thresholds. */
function controls(s: ResolvedScenario): string {
  const rows: string[] = [];
  for (const [name, spec] of Object.entries(s.inputs as Record<string, Record<string, unknown>>)) {
    const params = Object.entries(spec).filter(([k, v]) => !NOT_PARAMETERS.has(k) && typeof v === 'number') as Array<[string, number]>;
    const fields = params.map(([k, v]) => {
      const [lo, hi] = range(v), f = `inputs.${name}.${k}`;
      return `<label>${h(k)} <input type="range" data-sync="${h(f)}" min="${lo}" max="${hi}" step="${(hi - lo) / 300}" value="${v}" aria-label="${h(`${name} ${k} slider`)}"><input type="number" name="${h(f)}" data-kind="param" data-input="${h(name)}" data-param="${h(k)}" step="any" value="${v}" data-shipped="${v}"></label><span class="err" data-field="${h(f)}"></span>`;
    }).join(' ');
    rows.push(`<tr><td><code>${h(name)}</code><br><span class="note">${h(spec.dist)}, ${h(spec.unit ?? '')}</span><br><span class="spark" data-input="${h(name)}">${densitySparkline(spec as unknown as DistributionSpec)}</span></td><td>${fields || '<span class="note">no numeric parameter</span>'}</td>
<td><input type="number" name="pins.${h(name)}" data-kind="pin" data-input="${h(name)}" step="any" placeholder="pin a value" aria-label="${h(`pin ${name}`)}"><span class="err" data-field="pins.${h(name)}"></span></td></tr>`);
  }
  const claims = s.claims.map((c) => {
    const cc = c as unknown as Record<string, unknown>;
    const fields = (['below', 'above'] as const).filter((k) => typeof cc[k] === 'number').map((k) => `<label>${k} <input type="number" name="claims.${h(c.id)}.${k}" data-kind="claim" data-claim="${h(c.id)}" data-key="${k}" step="any" value="${cc[k]}" data-shipped="${cc[k]}"></label><span class="err" data-field="claims.${h(c.id)}.${k}"></span>`).join(' ');
    return fields ? `<tr><td><code>${h(c.id)}</code></td><td>${h(c.statement)}</td><td>${fields}</td></tr>` : '';
  }).join('');
  return `<form id="edits" autocomplete="off">
${claims ? `<details open><summary>Claim thresholds</summary><table><tbody>${claims}</tbody></table></details>` : ''}
<details open><summary>Inputs (change a parameter, or pin a value)</summary><table class="inputs"><thead><tr><th>input</th><th>parameters</th><th>pin</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></details>
<p><button type="button" id="reset">Back to the shipped scenario</button> <a id="dl-yaml" href="#">Download the edited scenario (YAML)</a> · <a id="dl-result" href="#">result.json</a> · <a id="dl-run" href="#">the run folder (.tar)</a></p><p class="err" id="formerr" data-field=""></p></form>`;
}

/** The client: sends edits (debounced), long-polls the server's state, swaps in the report and shows progress and field errors. */
const CLIENT = `
const token = new URLSearchParams(location.search).get('token');
const hdr = { 'x-forecast-token': token };
const $ = (s) => document.querySelector(s);
const form = $('#edits');
$('#dl-yaml').href = 'scenario.yaml?token=' + encodeURIComponent(token);
$('#dl-result').href = 'result.json?token=' + encodeURIComponent(token);
$('#dl-run').href = 'run.tar?token=' + encodeURIComponent(token);
let timer = null;
function collect() {
  const out = { inputs: {}, pins: {}, claims: {} };
  for (const el of form.querySelectorAll('input[data-kind]')) {
    if (el.value === '') { if (el.dataset.kind === 'pin') out.pins[el.dataset.input] = null; continue; }
    const v = Number(el.value);
    if (el.dataset.kind === 'param') { if (String(v) !== el.dataset.shipped) (out.inputs[el.dataset.input] ??= {})[el.dataset.param] = v; }
    else if (el.dataset.kind === 'pin') out.pins[el.dataset.input] = v;
    else if (String(v) !== el.dataset.shipped) (out.claims[el.dataset.claim] ??= {})[el.dataset.key] = v;
  }
  return out;
}
async function send() {
  const r = await fetch('api/edit', { method: 'POST', headers: { ...hdr, 'content-type': 'application/json' }, body: JSON.stringify(collect()) });
  const j = await r.json();
  for (const e of document.querySelectorAll('.err')) e.textContent = '';
  if (!r.ok) for (const [f, m] of Object.entries(j.errors || {})) {
    const el = [...document.querySelectorAll('.err')].find((x) => x.dataset.field === f) || $('#formerr');
    el.textContent = (el.id === 'formerr' && f ? f + ': ' : '') + m;
  }
}
form.addEventListener('input', (e) => {
  const t = e.target;
  if (t.dataset.sync) form.querySelector('[name="' + CSS.escape(t.dataset.sync) + '"]').value = t.value;
  else if (t.dataset.kind === 'param') { const s = form.querySelector('[data-sync="' + CSS.escape(t.name) + '"]'); if (s) s.value = t.value; }
  clearTimeout(timer);
  timer = setTimeout(send, 150);
});
$('#reset').addEventListener('click', () => {
  for (const el of form.querySelectorAll('input[data-kind]')) el.value = el.dataset.shipped ?? '';
  for (const s of form.querySelectorAll('[data-sync]')) s.value = form.querySelector('[name="' + CSS.escape(s.dataset.sync) + '"]').value;
  send();
});
let shown = -1;
function apply(s) {
  const st = $('#status');
  st.dataset.phase = s.phase; st.dataset.gen = s.generation;
  $('#phase').textContent = s.message;
  $('#progress').max = s.total || 1; $('#progress').value = s.done || 0;
  if (s.htmlVersion !== shown && s.html) { $('#report').innerHTML = s.html; shown = s.htmlVersion; }
  $('#diff').innerHTML = s.diff || '';
  for (const el of document.querySelectorAll('.spark')) { const v = (s.sparklines || {})[el.dataset.input]; if (v !== undefined && el.dataset.shown !== v) { el.innerHTML = v; el.dataset.shown = v; } }
}
(async function poll() {
  let v = -1;
  for (;;) {
    try {
      const r = await fetch('api/state?after=' + v, { headers: hdr });
      if (!r.ok) throw new Error(String(r.status));
      const s = await r.json();
      v = s.version; apply(s);
    } catch { await new Promise((res) => setTimeout(res, 1000)); }
  }
})();
`;

/** The live page: the edit form, a status line with progress, the paired difference from the shipped scenario, and the report (filled in by the client). */
export function livePage(s: ResolvedScenario, nonce: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(`Live forecast: ${s.name}`)}</title><style>${CSS}
.err{color:#b00020;font-size:.8rem;margin-left:.3rem}#status{position:sticky;top:0;background:#fff;padding:.4rem 0;border-bottom:1px solid #ddd;z-index:2}
form label{white-space:nowrap;margin-right:.4rem;display:inline-block}form input[type=number]{width:5.5rem}form input[type=range]{width:6rem;vertical-align:middle}
body{max-width:none}.live{display:grid;grid-template-columns:minmax(420px,560px) 1fr;gap:1.2rem;align-items:start}
.live>aside{position:sticky;top:0;max-height:100vh;overflow:auto;font-size:.85rem;border-right:1px solid #ddd;padding-right:.6rem}
@media (max-width:1100px){.live{display:block}.live>aside{position:static;max-height:none}}</style></head>
<body>
<header><h1>${h(`Live forecast: ${s.name}`)}</h1><p class="meta">${h(s.description)}</p>
<p class="meta">Change an input's parameters, pin it to a value or move a claim's threshold: the engine reruns with the same seed (common random numbers, so a change moves the answer by its effect, not by noise), first at a reduced number of trajectories, then at the scenario's ${s.trajectories.toLocaleString('en-US')}.</p></header>
<div class="live"><aside>
<div id="status" data-phase="starting" data-gen="0" role="status"><span id="phase">starting…</span> <progress id="progress" value="0" max="1"></progress></div>
${controls(s)}
</aside><div>
<section id="diff" aria-live="polite"></section>
<main id="report"></main>
</div></div>
<script nonce="${nonce}">${CLIENT}</script>
</body></html>
`;
}
