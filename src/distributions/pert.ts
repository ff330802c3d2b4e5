import { check } from './distribution.js';
import { Beta } from './beta.js';
import type { PertParams } from './schemas.js';

/**
 * (Modified) PERT on [min, max] with most likely value `mode` and shape
 * `lambda` (4 is classic PERT; larger concentrates mass at the mode). A scaled
 * Beta with alpha = 1 + λ(mode − min)/(max − min), beta = 1 + λ(max − mode)/(max − min);
 * mean = (min + λ·mode + max)/(λ + 2). Vose (2008), Risk Analysis, §III.8.
 * @example createPert({dist: 'pert', min: 0, mode: 5, max: 10, lambda: 4}).mean // 5
 */
export class Pert extends Beta {
  override readonly family = 'pert';
  constructor(min: number, readonly mode: number, max: number, readonly lambda: number) {
    check(max > min, 'max', max, `must be greater than min (${min})`);
    check(mode >= min && mode <= max, 'mode', mode, `must lie in [min, max] = [${min}, ${max}]`);
    check(lambda > 0, 'lambda', lambda, 'must be greater than 0');
    check(lambda <= 1e6, 'lambda', lambda, 'must be at most 1e6 (the beta shapes 1 + lambda·… stay where quantiles are accurate)');
    const w = max - min;
    super(1 + (lambda * (mode - min)) / w, 1 + (lambda * (max - mode)) / w, min, max);
  }
}

export function createPert(p: PertParams): Pert {
  return new Pert(p.min, p.mode, p.max, p.lambda ?? 4);
}
