import { z } from 'zod';

/**
 * A whole number from a flag: accepts 1000000, 1_000_000 and 1e6. Shared by
 * every command's flags and the sensitivity methods' options. Every failure
 * states the allowed range, so `-n 0` and `--workers -1` say what would work
 * (and `orElse`, a word the caller maps to a number before this parser).
 */
export const wholeNumber = (min: number, max: number, orElse?: string) => {
  const range = `must be a whole number from ${min.toLocaleString('en-US')} to ${max === Number.MAX_SAFE_INTEGER ? '2^53 − 1' : max.toLocaleString('en-US')}${orElse ? `, or ${orElse}` : ''}`;
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? NaN : Number(v.replace(/_/g, ''))) : v),
    z.number({ error: range }).int(range).min(min, range).max(max, range),
  );
};
