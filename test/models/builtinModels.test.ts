import { describe, expect, it } from 'vitest';
import { BUILTIN_MODELS } from '../../src/models/index.js';
import { BUILTIN_MODEL_NAMES, loadBuiltinModel } from '../../src/models/load.js';

describe('built-in models loaded on first use (models/load.ts)', () => {
  it('names the same models, in the same order, as BUILTIN_MODELS', () => {
    expect(BUILTIN_MODEL_NAMES).toEqual(Object.keys(BUILTIN_MODELS));
  });

  it('loads, for each name, the very model BUILTIN_MODELS has under it', async () => {
    for (const name of BUILTIN_MODEL_NAMES) {
      const m = await loadBuiltinModel(name);
      expect(m, name).toBe(BUILTIN_MODELS[name]);
      expect(m!.name).toBe(name);
    }
  });

  it('answers undefined for a name that is not a built-in model, even an Object.prototype key', async () => {
    expect(await loadBuiltinModel('no-such-model')).toBeUndefined();
    expect(await loadBuiltinModel('toString')).toBeUndefined();
  });
});
