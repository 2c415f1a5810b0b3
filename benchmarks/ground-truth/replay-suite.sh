#!/usr/bin/env bash
# Runs every case of replay-cases.tsv through `shapednn replay --json` and prints, per case, the pick
# against exhaustive search, whether it is right (goal metric within 3 % of the exhaustive optimum's,
# or 0.3 pp for MaximizeAccuracy, and the pick's true validation accuracy at least MinAccuracy - 0.3 pp)
# and the spend; then the totals. The same rule is asserted by ReplaySuiteTests.
#   benchmarks/ground-truth/replay-suite.sh [SHAPEDNN_DLL]
set -euo pipefail
cd "$(dirname "$0")"
dll="${1:-../../src/ShapeDnn.Cli/bin/Release/net10.0/shapednn.dll}"
# Per run, so that two people on one machine do not overwrite each other's results.
results=$(mktemp -t replay-suite.XXXXXX); trap 'rm -f "$results"' EXIT
grep -v '^#' replay-cases.tsv | while IFS=$'\t' read -r name file goal constraints batch budget space parallel expect; do
  args=(replay --ground-truth "$file" --goal "$goal" --batch-size "$batch" --parallel "$parallel" --json)
  [ "$constraints" != - ] && args+=(--constraints "$constraints")
  [ "$budget" != - ] && args+=(--budget "$budget")
  [ "$space" != - ] && args+=(--design-space "$space")
  out=$(dotnet "$dll" "${args[@]}" 2>&1) || { printf '%s\tERROR\t-\tMISS\t0\t0\t0\t%s\n' "$name" "$(head -c 300 <<<"$out")"; continue; }
  python3 -c '
import json, re, sys
name, goal, constraints = sys.argv[1:4]
r = json.load(sys.stdin)
m = re.search(r"MinAccuracy=([0-9.]+)%", constraints)
limit = float(m.group(1)) / 100 if m else None
if goal == "MaximizeAccuracy":
    right = r["chosenMetric"] >= r["exhaustiveMetric"] - 0.003
else:
    right = r["chosenMetric"] <= 1.03 * r["exhaustiveMetric"]
right = right and (limit is None or r["chosenValidationAccuracy"] >= limit - 0.003)
t, e = r["trainingSeconds"], r["exhaustiveSeconds"]
trained = " ".join("%s:%d" % (x["shape"], x["epochs"]) for x in r["trained"])
print("\t".join([name, r["chosen"], r["exhaustiveChoice"], "right" if right else "MISS", "%.0f" % t, "%.0f" % e, "%.3f" % (t / e), r["stopReason"], trained]))
' "$name" "$goal" "$constraints" <<<"$out"
done | tee "$results" | column -t -s $'\t'
awk -F'\t' '{n++; if ($4=="right") ok++; s+=$5; e+=$6} END {printf "right %d of %d; training %.0f s of %.0f s exhaustive (%.3f)\n", ok, n, s, e, s/e}' "$results"
