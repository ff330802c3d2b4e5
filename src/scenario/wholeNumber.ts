import { z } from 'zod';

/** A whole number from a flag: accepts 1000000, 1_000_000 and 1e6. Shared by every command's flags and the sensitivity methods' options. */
export const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? Number(v.replace(/_/g, '')) : v),
    z.number({ error: 'must be a number' }).int('must be a whole number').min(min).max(max),
  );
