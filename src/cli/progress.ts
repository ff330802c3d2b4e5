/**
 * A one-line progress bar on stderr (trajectories done, rate, ETA), drawn
 * only when stderr is a TTY and redrawn at most every 200 ms.
 */
export function progressBar(label: string, enabled: boolean): { update(done: number, total: number): void; finish(): void } {
  const tty = enabled && process.stderr.isTTY === true;
  const t0 = performance.now();
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (!tty) return;
      const now = performance.now();
      if (now - last < 200 && done < total) return;
      last = now;
      const secs = (now - t0) / 1000;
      const rate = done / Math.max(secs, 1e-9);
      const eta = rate > 0 ? (total - done) / rate : Infinity;
      const width = 24, filled = Math.round((done / total) * width);
      const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
      process.stderr.write(`\r${label} [${bar}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${formatRate(rate)}/s ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)}s` : '?'}   `);
      drawn = true;
    },
    finish() {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}

function formatRate(r: number): string {
  return r >= 1e6 ? `${(r / 1e6).toFixed(2)}M` : r >= 1e3 ? `${(r / 1e3).toFixed(1)}k` : r.toFixed(0);
}
