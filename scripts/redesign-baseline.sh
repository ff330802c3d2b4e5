#!/usr/bin/env bash
# Redesign baseline (issue 11): runs every shipped scenario, the flagship under
# each sampler, and sensitivity/compare/sweep on the flagship, then writes the
# sha256 of every output file (result.json without its `run` block, which
# holds wall times and host names; scenario.json, which holds absolute paths, left
# out) to a manifest. test/baseline/redesign.sha256 is the manifest of the last
# intended change of results (issues 12 and 14; issue 16 added histograms to
# result.json and compare-runs.json and `extends` to scorecard.json); a change that should move no
# number must reproduce every hash.
#   bash scripts/redesign-baseline.sh OUT_DIR   (then: diff the two manifests)
#   bash scripts/redesign-baseline.sh --manifest OUT_DIR   (only rewrite the manifest)
set -euo pipefail
cd "$(dirname "$0")/.."
manifest_only=0
if [ "${1:-}" = "--manifest" ]; then manifest_only=1; shift; fi
out=$(cd "$(dirname "${1:?usage: redesign-baseline.sh [--manifest] OUT_DIR}")" && pwd)/$(basename "$1")
if [ $manifest_only = 0 ]; then
rm -rf "$out"; mkdir -p "$out"
F="node dist/src/cli/bin.js"
flag=config/interview/space-cheapest-36m.yaml
$F run config/interview -o "$out/interview" -q -w 2 --no-checkpoint > "$out/interview-scorecard.txt"
$F run config/peers -o "$out/peers" -q -w 2 > "$out/peers-scorecard.txt"
$F run config/examples -o "$out/examples" -q -w 2 > "$out/examples-scorecard.txt"
for s in mc lhs sobol antithetic; do
  $F run $flag -n 65536 --sampler $s -o "$out/flagship-$s" -q -w 2 --no-report
done
$F sensitivity $flag --method rank,tornado,sobol --rows 512 -n 8192 -o "$out/sensitivity" -w 2 > "$out/sensitivity.txt"
$F sensitivity $flag --method breakeven --input launchCostFloor --output space-cheaper-by-120m --target 0.5 -n 8192 -o "$out/breakeven" -w 2 > "$out/breakeven.txt"
$F compare $flag --set launchCostFloor=20 -n 20000 -o "$out/compare" -w 2 > "$out/compare.txt"
$F sweep $flag --over launchCostFloor=20:200:4 -n 8192 -o "$out/sweep" -w 2 > "$out/sweep.txt"
fi
# The printed text names the output folder: make it OUT so two baselines compare.
sed -i "s#$out#OUT#g" "$out"/*.txt
# Manifest: result.json hashed without `run`; every other file as written (report.html excluded: it embeds wall times).
( cd "$out" && find . -type f ! -name report.html ! -name 'checkpoint.bin' ! -name scenario.json ! -name .forecast-files ! -name '*.lock' | sort | while read -r f; do
  case "$f" in
    *result.json) h=$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));delete r.run;process.stdout.write(require("crypto").createHash("sha256").update(JSON.stringify(r)).digest("hex"))' "$f");;
    *) h=$(sha256sum "$f" | cut -d' ' -f1);;
  esac
  echo "$h  $f"
done ) > "$out/MANIFEST.sha256"
wc -l "$out/MANIFEST.sha256"
