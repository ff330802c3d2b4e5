import { approachFloor } from '../../model/processes/learningCurve.js';

/** Inputs of the launch-price path (shared by orbital-vs-ground and space-buildout). */
export interface LaunchPath {
  /** $/kg to LEO today (Falcon-class). */
  today: number;
  /** Annual decline before Starship is fully reusable, 1/yr. */
  preReuseDecline: number;
  /** Month Starship becomes fully reusable (beyond the horizon: never within it). */
  reuseMonth: number;
  /** The floor the price approaches after full reuse, $/kg. */
  floor: number;
  /** Fraction of the gap to the floor closed per year after full reuse. */
  learningRate: number;
  /**
   * Price a fully reusable Starship charges when full reuse arrives, $/kg: the path
   * steps down to it at the reuse month (if it is below the pre-reuse path) and
   * approaches the floor from there. Absent: no step (the path starts from P(R)).
   */
  atReuse?: number;
}

/**
 * Launch price in month m, $/kg:
 * before full reuse, P(m) = P₀·(1 − d)^(m/12);
 * from the reuse month R on, P(m) = floor + (S − floor)·(1 − k)^((m − R)/12)
 * (approachFloor), never above the pre-reuse path, where S = min(P(R), atReuse)
 * is the Starship price at arrival (S = P(R) without `atReuse`).
 *
 * @example launchCostAt(36, {today: 3000, preReuseDecline: 0.05, reuseMonth: 24, floor: 50, learningRate: 0.5})
 */
export function launchCostAt(m: number, p: LaunchPath): number {
  const pre = p.today * Math.pow(1 - p.preReuseDecline, m / 12);
  if (m < p.reuseMonth) return pre;
  const before = p.today * Math.pow(1 - p.preReuseDecline, p.reuseMonth / 12);
  const atReuse = p.atReuse !== undefined && p.atReuse < before ? p.atReuse : before;
  const post = approachFloor(atReuse, Math.min(p.floor, atReuse), p.learningRate, m - p.reuseMonth);
  return post < pre ? post : pre;
}

/**
 * The launch price of every month m = 0…horizon (`launchCostAt` for each
 * month) written into `out`, by recurrence: each month's (1 − d)^(1/12) and
 * (1 − k)^(1/12) factors are one multiply, so the only powers are taken once
 * per path (at the first month on or after R). Equal to `launchCostAt` up to
 * floating-point rounding (a relative 1e−13 over 120 months; test/models checks it).
 */
export function launchCostPath(p: LaunchPath, horizon: number, out: Float64Array): void {
  const preStep = Math.pow(1 - p.preReuseDecline, 1 / 12);
  const R = p.reuseMonth;
  let pre = p.today;
  let m = 0;
  for (; m <= horizon && m < R; m++) {
    out[m] = pre;
    pre *= preStep;
  }
  if (m > horizon) return;
  const before = p.today * Math.pow(1 - p.preReuseDecline, R / 12);
  const atReuse = p.atReuse !== undefined && p.atReuse < before ? p.atReuse : before;
  const floor = Math.min(p.floor, atReuse);
  const postStep = Math.pow(1 - p.learningRate, 1 / 12);
  // The gap to the floor at the first month on or after R, then one multiply a month.
  let gap = (atReuse - floor) * Math.pow(1 - p.learningRate, (m - R) / 12);
  for (; m <= horizon; m++) {
    const post = floor + gap;
    out[m] = post < pre ? post : pre;
    pre *= preStep;
    gap *= postStep;
  }
}
