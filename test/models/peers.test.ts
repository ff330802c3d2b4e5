import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFile } from '../helpers/run.js';
import { runVariants } from '../../src/analysis/overrideVariants.js';
import { STARCLOUD_OMISSIONS } from './starcloudOmissions.js';

const peers = (f: string) => path.resolve('config/peers', f);
const within = (x: number, target: number, tol: number) => expect(Math.abs(x / target - 1), `${x} vs ${target}`).toBeLessThanOrEqual(tol);

describe('peer models reproduce their published figures', () => {
  it("McCalip's preset: orbit ≈ $51.1B (29.4 kt, 294 launches) and ground ≈ $15.9B, within 0.5% (PEERS.md)", async () => {
    const r = await runFile(peers('mccalip-preset.yaml'), { workers: 0 });
    within(r.scalars.orbitTotal.mean!, 51.1, 0.005);
    within(r.scalars.groundTotal.mean!, 15.9, 0.005);
    within(r.scalars.orbitMassKt.mean!, 29.4, 0.005);
    expect(Math.round(r.scalars.starshipLaunches.mean!)).toBe(294);
  });

  it("Starcloud's preset: $8.2M in orbit and $167M on land, within 0.5% (PEERS.md)", async () => {
    const r = await runFile(peers('starcloud-preset.yaml'), { workers: 0 });
    within(r.scalars.orbitTotal.mean!, 8.2, 0.005);
    within(r.scalars.landTotal.mean!, 167, 0.005);
  });

  it('McCalip with uncertain inputs rarely favours orbit', async () => {
    const r = await runFile(peers('mccalip-uncertain.yaml'), { workers: 0, trajectories: 20_000 });
    const c = Object.fromEntries(r.claims.map((x) => [x.id, x]));
    expect(c['mccalip-orbit-cheaper'].probability!).toBeLessThan(c['mccalip-within-2x'].probability!);
    expect(r.scalars.ratio.quantiles[2].value!).toBeGreaterThan(1);
  });

  it('the flagship on Starcloud assumptions matches a hand computation, and each omitted item put back raises the ratio except the ground facility', async () => {
    const r = await runFile(peers('orbital-starcloud-assumptions.yaml'), { workers: 0 });
    // Hand computation (README beside the model): array 1000/0.95 W at $0.05/W, 2.0526 kg/kW at $50/kg,
    // useful years ∫₀¹⁰ e^(−0.0015011 t) dt; ground: $500/kW over 10 years + $40/MWh × 8.76 × 1.05.
    const useful = (1 - Math.exp(-10 * -Math.log1p(-0.0015))) / -Math.log1p(-0.0015);
    const orbit = ((1000 / 0.95) * 0.05 + (1000 / 0.95 / 1000 + 1) * 50) / useful;
    const ground = 500 / 10 + 40 * 8.76 * 1.05;
    expect(r.series.costOrbit.mean[0]!).toBeCloseTo(orbit, 9);
    expect(r.series.costGround.mean[0]!).toBeCloseTo(ground, 9);
    const rows = await runVariants(peers('orbital-starcloud-assumptions.yaml'), STARCLOUD_OMISSIONS, (x) => x.series.costRatio.mean[0]!);
    const base = rows[0].value;
    for (const row of rows.slice(1)) {
      if (row.label.startsWith('ground')) expect(row.value, row.label).toBeLessThan(base);
      else expect(row.value, row.label).toBeGreaterThan(base);
    }
  }); // timeout: vitest.config.ts
});
