/**
 * The IPCC AR5 likelihood scale (Mastrandrea et al. 2010, IPCC guidance note on
 * uncertainties), with "exceptionally unlikely" and "virtually certain" at the
 * ends. Returns the verdict word for a probability.
 */
export const LIKELIHOOD_SCALE: ReadonlyArray<{ words: string; range: string; test: (p: number) => boolean }> = [
  { words: 'virtually certain', range: '> 99%', test: (p) => p > 0.99 },
  { words: 'extremely likely', range: '> 95%', test: (p) => p > 0.95 },
  { words: 'very likely', range: '> 90%', test: (p) => p > 0.9 },
  { words: 'likely', range: '> 66%', test: (p) => p > 0.66 },
  { words: 'about as likely as not', range: '33–66%', test: (p) => p >= 0.33 },
  { words: 'unlikely', range: '< 33%', test: (p) => p >= 0.1 },
  { words: 'very unlikely', range: '< 10%', test: (p) => p >= 0.05 },
  { words: 'extremely unlikely', range: '< 5%', test: (p) => p >= 0.01 },
  { words: 'exceptionally unlikely', range: '< 1%', test: () => true },
];

export function verdict(p: number | null): string {
  if (p === null) return 'undetermined';
  return LIKELIHOOD_SCALE.find((s) => s.test(p))!.words;
}
