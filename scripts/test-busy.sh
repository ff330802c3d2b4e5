#!/usr/bin/env bash
# Runs the test suite (npm test) beside a CPU hog on every core, to show that no
# test depends on how fast the machine is (issue 11 §6). Not part of .ci/run.
#   scripts/test-busy.sh                 the whole suite, one busy-loop per core
#   BUSY_HOGS=4 scripts/test-busy.sh     another number of hogs
#   scripts/test-busy.sh test/engine     extra arguments go to vitest
# The hogs are killed when the script ends, however it ends; its exit code is npm test's.
set -uo pipefail
cd "$(dirname "$0")/.."

hogs=${BUSY_HOGS:-$(nproc)}
pids=()
stop_hogs() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  pids=()
}
trap stop_hogs EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in $(seq "$hogs"); do
  node -e 'for (;;);' &
  pids+=("$!")
done
echo "test-busy: $hogs CPU hog(s) running (pids ${pids[*]}) beside npm test"

start=$(date +%s)
npm test -- "$@"
rc=$?
echo "test-busy: npm test exited $rc after $(( $(date +%s) - start )) s beside $hogs CPU hog(s)"
exit "$rc"
