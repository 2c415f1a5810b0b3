#!/usr/bin/env bash
# cuDNN autotuning on and off with N workers training at once on one GPU (issue 9): N `shapednn train`
# processes of the same shape start together, first with --cudnn-autotune on, then off (ROUNDS times,
# alternating); prints each batch's wall time and each worker's epoch times.
#   benchmarks/gpu/concurrent-autotune.sh [SHAPE] [EPOCHS] [N] [ROUNDS]   (default WRN-10-4 3 8 1)
source "$(dirname "$0")/common.sh"
shape="${1:-WRN-10-4}"; epochs="${2:-3}"; n="${3:-8}"; rounds="${4:-1}"
log "GPU: $GPU; $n x $shape at once, $epochs epochs, autotuning on then off, $rounds round(s)"
for r in $(seq 1 "$rounds"); do
  for mode in on off; do
    start=$(date +%s.%N); pids=()
    for k in $(seq 1 "$n"); do
      "$SHAPEDNN" train --data "$DATA" --shape "$shape" --budget "epochs=$epochs" --device cuda --json --cudnn-autotune "$mode" > "$RAW/$mode-$r-$k.json" 2> /dev/null & pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || true; done
    wall=$(python3 -c "import time; print('%.1f' % (time.time() - $start))")
    ep=$(python3 -c 'import json,sys
print("; ".join(" ".join("%.1f" % e["seconds"] for e in json.load(open(f))["epochDetails"]) for f in sys.argv[1:]))' "$RAW/$mode-$r-"*.json 2>/dev/null || echo "?")
    log "round $r autotuning $mode: $n workers done in $wall s; epochs (s) per worker: $ep"
  done
done
pack_raw
