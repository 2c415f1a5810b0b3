#!/usr/bin/env bash
# Issue 13's CPU figures: per network family, `quick` searches on the full Fashion-MNIST at batch 1
# (MinimizeLatency, ONNX Runtime on the CPU) for each accuracy limit, one search at a time, each
# under a wall-clock ceiling. The searches of one family share a cache, so a later limit reuses
# (or resumes) the trainings of an earlier one. Prints one line per search; keeps each search's
# logs, events and reports.
#   benchmarks/family-cpu.sh [families] [limits]
#   e.g. benchmarks/family-cpu.sh "wrn mobile densenet-bc" "93 94 78 80"
# Environment: OUT (default benchmarks/.work/family-cpu, git-ignored), TIME_BUDGET (per search, default 15m),
# NICE (default 10), DATA (default /usr/share/datasets/fashion-mnist), FINISH=1: after a family's
# searches, train every run they stopped early to the end from its cached checkpoint (docs/cache.md),
# outside the search and its cache, to check the search's verdicts; one line per run.
set -euo pipefail
cd "$(dirname "$0")/.."
families=${1:-"wrn mobile densenet-bc"}
limits=${2:-"93 94 78 80"}
out=${OUT:-benchmarks/.work/family-cpu}
time_budget=${TIME_BUDGET:-15m}
niceness=${NICE:-10}
data=${DATA:-/usr/share/datasets/fashion-mnist}
[ -f "$data/train-images-idx3-ubyte.gz" ] || { echo "install dataset-fashion-mnist first" >&2; exit 1; }
dotnet build src/ShapeDnn.Cli -c Release -nologo -v q >/dev/null
cli=src/ShapeDnn.Cli/bin/Release/net10.0/shapednn.dll

# Spaces a 2-core CPU can train in minutes: a search that cannot reach its limit trains the most
# capable shape before it gives up, so the largest shape of each space bounds the cost.
space_of() {
  case $1 in
    wrn) echo "depths=10,16,22;widths=1,2" ;;
    mobile) echo "depths=23,29,35;widths=0.5,0.75,1" ;;
    densenet-bc) echo "depths=10,16,22;growth=6,12" ;;
    *) echo "no space for family $1" >&2; exit 1 ;;
  esac
}

echo "# $(date -u +%FT%TZ) $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; time budget $time_budget per search"
for family in $families; do
  for limit in $limits; do
    run="$out/$family/min$limit"
    rm -rf "$run" && mkdir -p "$run"
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    start=$(date +%s.%N)
    rc=0
    nice -n "$niceness" dotnet "$cli" search --data "$data" --family "$family" \
      --design-space "$(space_of "$family")" --constraints "MinAccuracy=$limit%" \
      --goal MinimizeLatency --budget quick --device cpu --batch-size 1 --time-budget "$time_budget" \
      --out "$run/out" --name Family --cache "$out/cache/$family" --events "$run/events.jsonl" \
      >"$run/stdout.log" 2>"$run/stderr.log" || rc=$?
    end=$(date +%s.%N)
    load_after=$(cut -d' ' -f1-3 /proc/loadavg)
    python3 - "$run" "$family" "$limit" "$rc" "$start" "$end" "$load_before" "$load_after" <<'PY'
import json, os, re, sys
run, family, limit, rc, start, end, load_before, load_after = sys.argv[1:]
wall = float(end) - float(start)
events = [json.loads(l) for l in open(f"{run}/events.jsonl") if l.startswith("{")] if os.path.exists(f"{run}/events.jsonl") else []
trained = {e["shape"]: e for e in events if e["event"] == "trained"}
stopped = {e["shape"]: e["epoch"] for e in events if e["event"] == "stopped"}
best = max(trained.values(), key=lambda e: e["validationAccuracy"], default=None)
complete = [s for s in trained if s not in stopped]
fresh = sum(1 for e in trained.values() if not e["cached"])
line = (f"{family} MinAccuracy={limit}%: exit {rc}, {wall:.0f} s, load {load_before} -> {load_after}; "
        f"{len(trained)} trained ({fresh} now, {len(stopped)} stopped early)")
if best:
    line += f"; best {best['shape']} {100*best['validationAccuracy']:.1f} %"
report = f"{run}/out/Family.report.json"
if rc == "0" and os.path.exists(report):
    r = json.load(open(report))
    c = r["chosen"]
    line += (f"; chosen {c['name']} ({c.get('family', '?')}) val {100*c['training']['validationAccuracy']:.1f} % "
             f"test {100*c['training']['testAccuracy']:.1f} %, latency {c['latency']['medianMilliseconds']:.3f} ms "
             f"({c['latency']['source']}, p10 {c['latency']['p10Milliseconds']:.3f} p90 {c['latency']['p90Milliseconds']:.3f}); "
             f"stop {r['search']['stopReason']}")
else:
    err = open(f"{run}/stderr.log").read()
    m = re.search(r"SDNN\d{3}: [^\n]*", err)
    line += "; " + (m.group(0) if m else "no SDNN message; stderr tail: " + err.strip()[-300:])
print(line, flush=True)
PY
  done
  [ "${FINISH:-0}" = 1 ] || continue
  for entry in "$out/cache/$family"/trained/*/; do
    [ -f "$entry/checkpoint.bin" ] || continue
    shape=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["shape"])' "$entry/metrics.json")
    mkdir -p "$out/$family" && log="$out/$family/finish-$shape.log"
    start=$(date +%s.%N)
    rc=0
    nice -n "$niceness" dotnet "$cli" train --data "$data" --shape "$shape" --budget quick --device cpu \
      --resume-from "$entry/checkpoint.bin" >"$log" 2>&1 || rc=$?
    end=$(date +%s.%N)
    stopped_at=$(python3 -c 'import json, sys; e = json.load(open(sys.argv[1]))["epochs"][-1]; print("%.1f %% after epoch %d" % (100 * e["validationAccuracy"], e["epoch"]))' "$entry/metrics.json")
    echo "$family $shape, stopped by the search at $stopped_at: trained to the end, exit $rc, $(printf %.0f "$(echo "$end - $start" | bc)") s: $(grep -o 'validation .*' "$log" | tail -1)"
  done
done
