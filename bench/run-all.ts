/**
 * Runs every benchmark in turn, each in its own process (so one's JIT and
 * heap do not colour the next), at sizes that finish in a few minutes on
 * two cores. Every benchmark prints ratios measured within its own run.
 * Redis is included only when redis-server is on the PATH.
 *
 *   npm run bench   (or: node dist/bench/run-all.js)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const runs: Array<[string, string[]]> = [
  ['micro.js', []],
  ['quantiles.js', []],
  ['throughput.js', ['200000', '5']],
  ['scaling.js', ['400000,1000000', '3']],
  ['memory.js', []],
  ['varianceReduction.js', ['65536', '20']],
  ['formulaModel.js', ['20000']],
  ...(hasRedis ? [['redisOverhead.js', ['400000']] as [string, string[]]] : []),
];
let failed = 0;
for (const [file, args] of runs) {
  console.log(`\n== node dist/bench/${file} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [path.join(here, file), ...args], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
if (!hasRedis) console.log('\n(redisOverhead skipped: no redis-server on the PATH)');
process.exitCode = failed > 0 ? 1 : 0;
