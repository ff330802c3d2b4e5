/**
 * Peak memory against the number of trajectories: runs the default scenario
 * at 1,000,000 and at 10,000,000 trajectories (2 workers), each in its own
 * process, and reports each process's peak resident set size (maxRSS covers
 * every thread). Memory must not grow with N: the 10M peak should be within
 * 10% of the 1M peak.
 *
 *   npm run build && node dist/bench/memory.js [small] [large]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '../..');

if (process.argv[2] === '--child') {
  const { forecastFile } = await import('../src/result/forecastFile.js');
  const n = Number(process.argv[3]);
  const t0 = performance.now();
  await forecastFile(path.join(root, 'config/examples/demo-growth.yaml'), { trajectories: n, workers: 2 });
  const s = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ n, seconds: s, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const sizes = [Number(process.argv[2] ?? 1_000_000), Number(process.argv[3] ?? 10_000_000)];
  const rows = sizes.map((n) => {
    const r = spawnSync(process.execPath, [here, '--child', String(n)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as { n: number; seconds: number; maxRssMb: number };
  });
  for (const r of rows) console.log(`${r.n.toLocaleString('en-US').padStart(12)} trajectories: peak RSS ${r.maxRssMb.toFixed(0)} MB, ${r.seconds.toFixed(1)} s`);
  console.log(`peak at ${sizes[1].toLocaleString('en-US')} / peak at ${sizes[0].toLocaleString('en-US')}: ${(rows[1].maxRssMb / rows[0].maxRssMb).toFixed(3)}`);
}
