import { defineConfig } from 'vitest/config';

// Timeouts sized for a loaded machine (other jobs on the cores, several times
// slower than idle), not for an idle one: a timeout here only bounds a hang.
// Tests that start processes set their own SPAWN_TIMEOUT (test/helpers/processes.ts);
// no test waits a fixed time for something to happen.
export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
  },
});
