#!/usr/bin/env bash
# Issue 2 figures: a `quick` search on the full Fashion-MNIST over a narrowed space of 6 shapes,
# first with an empty cache, then repeated (everything cached), plus the training process's resident
# memory per epoch (from the report) to check that native memory stays flat.
#   benchmarks/quick-search.sh [runs]     (needs Debian's dataset-fashion-mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
data=/usr/share/datasets/fashion-mnist
[ -f "$data/train-images-idx3-ubyte.gz" ] || { echo "install dataset-fashion-mnist first" >&2; exit 1; }
dotnet build src/ShapeDnn.Cli -c Release -nologo -v q >/dev/null
cli=src/ShapeDnn.Cli/bin/Release/net10.0/shapednn.dll

for run in $(seq 1 "$runs"); do
  work=$(mktemp -d)
  search() {
    local start end
    start=$(date +%s.%N)
    dotnet "$cli" search --data "$data" --constraints "MinAccuracy=75%" --goal MinimizeLatency \
      --design-space "depths=10,16;widths=1,1.5,2" --budget quick \
      --out "$work/out" --name Bench --cache "$work/cache" >"$work/$1.log" 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc
  }
  cold=$(search cold)
  warm=$(search warm)
  python3 - "$work/out/Bench.report.json" "$cold" "$warm" "$run" <<'PY'
import json, sys
report, cold, warm, run = json.load(open(sys.argv[1])), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
s = report["search"]
print(f"run {run}: cold {cold:.1f} s, repeat {warm:.1f} s ({100*warm/cold:.1f} % of cold); "
      f"trained {s['trainedShapes']} of {s['feasibleShapes']} feasible; chosen {report['chosen']['name']} "
      f"val {report['chosen']['training']['validationAccuracy']:.4f} test {report['chosen']['training']['testAccuracy']:.4f}")
for row in report["shapes"]:
    t = row.get("training")
    if not t: continue
    mem = [e["nativeMemoryBytes"] for e in t["epochs"]][1:]  # epoch 2 to the last
    drift = (max(mem) - min(mem)) / min(mem) * 100 if mem else 0
    print(f"  {row['name']}: {t['imagesPerSecond']:.0f} img/s, {t['trainingSeconds']:.1f} s, "
          f"val {t['validationAccuracy']:.4f}, RSS epochs 2..{len(mem)+1}: {min(mem)/2**20:.0f}-{max(mem)/2**20:.0f} MiB ({drift:.1f} %)")
PY
  rm -rf "$work"
done
