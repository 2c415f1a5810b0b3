#!/usr/bin/env bash
# Wall time of the same search with N local workers (issue 12), in one call (~5 min on an H200):
#   1. N = 1 (in process), 2, 4, 8 worker processes on GPU 0 (--parallel N), an empty cache each;
#   2. --gpus 0: workers per GPU from the measurement (the probe runs first, cold), then the same search
#      again with the measurement kept (warm);
#   3. --gpus all, when the host has several GPUs: cold, then warm.
# A small space (6 shapes: depths 10,16,22 x widths 1,2), MaximizeAccuracy (never infeasible; the search
# trains as many shapes as its stop rules let it, shown per run), a shortened standard recipe (3 epochs,
# 15,000 images). Writes $OUT/parallel-workers.json and .md; logs and reports
# go to $OUT/raw.tar.gz.
#   benchmarks/gpu/parallel-workers.sh [--until SECONDS]
# --until: skip a remaining run once SECONDS have passed since the start.
source "$(dirname "$0")/common.sh"
until=100000
while [ $# -gt 0 ]; do case $1 in --until) until=$2; shift 2;; *) echo "unknown argument $1" >&2; exit 2;; esac; done
SPACE="depths=10,16,22;widths=1,2"
BUDGET="epochs=3;subset=15000;validation=2000;shapes=6"
GPUS=$(nvidia-smi --query-gpu=index --format=csv,noheader | wc -l)
t0=$(date +%s)
RESULTS="$WORK/results.jsonl"; : > "$RESULTS"

# run NAME CACHE-TO-KEEP-MEASUREMENTS-FROM ARGS...: one search with an empty trained-shape cache.
run() {
  local name=$1 keep=$2; shift 2
  if [ $(( $(date +%s) - t0 )) -ge "$until" ]; then log "skipped $name (past ${until}s)"; return; fi
  local cache="$WORK/cache-$name"; rm -rf "$cache"; mkdir -p "$cache"
  # The workers-per-GPU measurement of an earlier run, when asked: a warm run measures nothing.
  [ -n "$keep" ] && [ -d "$WORK/cache-$keep/workers-per-gpu" ] && cp -r "$WORK/cache-$keep/workers-per-gpu" "$cache/"
  log "search $name: $*"
  local start; start=$(date +%s.%N)
  SHAPEDNN_CACHE="$cache" "$SHAPEDNN" search --data "$DATA" --goal MaximizeAccuracy \
    --design-space "$SPACE" --budget "$BUDGET" --device cuda --out "$WORK/out-$name" --name Bench --verbose "$@" > "$RAW/$name.txt" 2>&1 \
    || log "search $name failed: $(tail -3 "$RAW/$name.txt")"
  local wall; wall=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
  cp "$WORK/out-$name/Bench.report.json" "$RAW/$name.report.json" 2>/dev/null || true
  python3 - "$name" "$wall" "$RAW/$name.report.json" "$RAW/$name.txt" "$*" >> "$RESULTS" <<'PY'
import json, os, re, sys
name, wall, report, logfile, args = sys.argv[1:6]
row = {"run": name, "args": args, "wallSeconds": float(wall)}
if os.path.exists(report):
    r = json.load(open(report))
    s = r["search"]
    row.update(chosen=r["chosen"]["name"], trainedShapes=s["trainedShapes"], trainingSeconds=round(s["trainingSeconds"], 1),
               totalSeconds=round(s["totalSeconds"], 1), parallel=s.get("parallel"), device=r["devices"]["training"],
               epochs=sum(len(x["training"]["epochs"]) for x in r["shapes"] if x.get("training")))
log = open(logfile, errors="replace").read()
row["workersPerGpu"] = re.findall(r"workers per GPU: (\d+) for (\S+) on", log)
print(json.dumps(row))
PY
  log "search $name took ${wall} s"
}

for n in 1 2 4 8; do run "n$n" "" --parallel "$n"; done
run gpu0-cold "" --gpus 0
run gpu0-warm gpu0-cold --gpus 0
if [ "$GPUS" -gt 1 ]; then
  run all-cold "" --gpus all
  run all-warm all-cold --gpus all
fi

python3 - "$RESULTS" "$OUT/parallel-workers.json" "$OUT/parallel-workers.md" "$GPU" "$GPUS" "$SPACE" "$BUDGET" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
gpu, gpus, space, budget = sys.argv[4:8]
json.dump({"gpu": gpu, "gpus": int(gpus), "space": space, "budget": budget, "runs": rows}, open(sys.argv[2], "w"), indent=2)
base = next((r["wallSeconds"] for r in rows if r["run"] == "n1"), None)
with open(sys.argv[3], "w") as md:
    md.write(f"# Parallel local workers\n\nGPU: {gpu} (x{gpus}); space {space}; budget {budget}; MaximizeAccuracy\n\n")
    md.write("| run | options | wall s | speed-up | training s (sum over shapes) | shapes | epochs | chosen | workers per GPU (measured) |\n|---|---|---:|---:|---:|---:|---:|---|---|\n")
    for r in rows:
        up = f"{base / r['wallSeconds']:.2f}x" if base else ""
        wpg = ", ".join(f"{n} ({c})" for n, c in r.get("workersPerGpu", []))
        md.write(f"| {r['run']} | `{r['args']}` | {r['wallSeconds']:.1f} | {up} | {r.get('trainingSeconds', '')} | {r.get('trainedShapes', '')} | {r.get('epochs', '')} | {r.get('chosen', 'failed')} | {wpg} |\n")
PY
pack_raw
log "done after $(( $(date +%s) - t0 )) s"
