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

/**
 * A decimal number from a flag, within a range whose ends are excluded unless
 * `inclusive` says otherwise; every failure states the range
 * ("must be a number above 0 and below 0.5"), as wholeNumber does.
 */
export const decimal = (min: number, max: number, inclusive: { min?: boolean; max?: boolean } = {}) => {
  const range = inclusive.min && inclusive.max
    ? `must be a number from ${min} to ${max}`
    : `must be a number ${inclusive.min ? 'at least' : 'above'} ${min} and ${inclusive.max ? 'at most' : 'below'} ${max}`;
  const lower = z.number({ error: range });
  const bounded = (inclusive.min ? lower.min(min, range) : lower.gt(min, range));
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? NaN : Number(v)) : v),
    inclusive.max ? bounded.max(max, range) : bounded.lt(max, range),
  );
};
