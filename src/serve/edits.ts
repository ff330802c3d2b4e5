import { InputError } from '../errors.js';
import type { ResolvedScenario } from '../scenario/resolve.js';

/**
 * What the live dashboard may change, and nothing else: an input's numeric
 * parameters, an input pinned to a value, and a claim's thresholds
 * (`below`/`above`). Model, `extends`, `inputLibrary`, seeds and paths are not
 * editable: an edit naming anything else is refused.
 */
export interface Edits {
  inputs?: Record<string, Record<string, number>>;
  pins?: Record<string, number | null>;
  claims?: Record<string, { below?: number; above?: number }>;
}

/** Fields that describe an input rather than parametrise it. */
const NOT_PARAMETERS = new Set(['dist', 'unit', 'source', 'rationale', 'components', 'name', 'weight']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field errors keyed by the form field (`inputs.<name>.<param>`, `pins.<name>`, `claims.<id>.<below|above>`). */
export type FieldErrors = Record<string, string>;

/**
 * Checks an edit request against the shipped scenario: only known inputs'
 * numeric parameters, pins, and known claims' existing thresholds, each a
 * finite number. Returns the edits (typed) or the field errors.
 */
export function checkEdits(body: unknown, shipped: ResolvedScenario): { edits: Edits } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const edits: Edits = { inputs: {}, pins: {}, claims: {} };
  if (!isRecord(body)) return { errors: { '': 'the request must be a JSON object of edits' } };
  for (const key of Object.keys(body)) if (!['inputs', 'pins', 'claims'].includes(key)) errors[key] = 'only input parameters, pinned values and claim thresholds can be edited';
  const num = (field: string, v: unknown): number | undefined => {
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    errors[field] = `must be a finite number, got ${JSON.stringify(v)}`;
    return undefined;
  };
  if (body.inputs !== undefined) {
    if (!isRecord(body.inputs)) errors.inputs = 'must be an object';
    else for (const [name, params] of Object.entries(body.inputs)) {
      const spec = shipped.inputs[name] as Record<string, unknown> | undefined;
      if (!spec) { errors[`inputs.${name}`] = 'no such input'; continue; }
      if (!isRecord(params)) { errors[`inputs.${name}`] = 'must be an object of parameters'; continue; }
      for (const [k, v] of Object.entries(params)) {
        const field = `inputs.${name}.${k}`;
        if (NOT_PARAMETERS.has(k) || typeof spec[k] !== 'number') { errors[field] = `not an editable parameter of ${name} (${String(spec.dist)})`; continue; }
        const x = num(field, v);
        if (x !== undefined) (edits.inputs![name] ??= {})[k] = x;
      }
    }
  }
  if (body.pins !== undefined) {
    if (!isRecord(body.pins)) errors.pins = 'must be an object';
    else for (const [name, v] of Object.entries(body.pins)) {
      if (!shipped.inputs[name]) { errors[`pins.${name}`] = 'no such input'; continue; }
      if (v === null) continue;
      const x = num(`pins.${name}`, v);
      if (x !== undefined) edits.pins![name] = x;
    }
  }
  if (body.claims !== undefined) {
    if (!isRecord(body.claims)) errors.claims = 'must be an object';
    else for (const [id, t] of Object.entries(body.claims)) {
      const claim = shipped.claims.find((c) => c.id === id) as Record<string, unknown> | undefined;
      if (!claim) { errors[`claims.${id}`] = 'no such claim'; continue; }
      if (!isRecord(t)) { errors[`claims.${id}`] = 'must be an object of thresholds'; continue; }
      for (const [k, v] of Object.entries(t)) {
        const field = `claims.${id}.${k}`;
        if ((k !== 'below' && k !== 'above') || typeof claim[k] !== 'number') { errors[field] = 'only an existing threshold (below or above) can be edited'; continue; }
        const x = num(field, v);
        if (x !== undefined) (edits.claims![id] ??= {})[k] = x;
      }
    }
  }
  return Object.keys(errors).length ? { errors } : { edits };
}

/**
 * The scenario document with the edits applied: an edited or pinned input is
 * written in full from its resolved specification (so inputs that came from an
 * input library are edited too); a threshold replaces the claim's.
 */
export function applyEdits(data: Record<string, unknown>, shipped: ResolvedScenario, edits: Edits): Record<string, unknown> {
  const out = structuredClone(data);
  const inputs = (isRecord(out.inputs) ? out.inputs : (out.inputs = {})) as Record<string, unknown>;
  for (const [name, params] of Object.entries(edits.inputs ?? {})) {
    if (edits.pins?.[name] !== undefined && edits.pins[name] !== null) continue;
    inputs[name] = { ...structuredClone(shipped.inputs[name] as Record<string, unknown>), ...params };
  }
  for (const [name, v] of Object.entries(edits.pins ?? {})) {
    if (v === null) continue;
    const s = shipped.inputs[name] as Record<string, unknown>;
    inputs[name] = { dist: 'point', value: v, unit: s.unit, ...(s.source !== undefined ? { source: s.source } : {}), rationale: `pinned in forecast serve (was ${String(s.dist)})` };
  }
  const claims = Array.isArray(out.claims) ? (out.claims as Array<Record<string, unknown>>) : [];
  for (const [id, t] of Object.entries(edits.claims ?? {})) {
    const c = claims.find((x) => x.id === id);
    if (c) Object.assign(c, t);
  }
  return out;
}

/** Maps a validation error's issues to form fields (claim indices become claim ids); the rest under ''. */
export function fieldErrors(e: InputError, data: Record<string, unknown>): FieldErrors {
  const out: FieldErrors = {};
  const claims = Array.isArray(data.claims) ? (data.claims as Array<{ id?: string }>) : [];
  for (const i of e.issues) {
    const m = /^claims\.(\d+)\.(.+)$/.exec(i.path);
    const key = m ? `claims.${claims[+m[1]]?.id ?? m[1]}.${m[2]}` : i.path.replace(/^inputs\.([^.]+)\.value$/, 'pins.$1');
    out[key] = `${i.message}${i.value !== undefined ? ` (got ${JSON.stringify(i.value)})` : ''}`;
  }
  if (!Object.keys(out).length) out[''] = e.summary;
  return out;
}
