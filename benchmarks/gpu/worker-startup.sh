#!/usr/bin/env bash
# Where a training worker's time goes on the GPU (issue 9: the 110-shape search's rounds), in one call:
# `shapednn train` of one shape for a few epochs of the full training set, RUNS times, each a fresh
# process as `search --parallel` starts them; every console line stamped with the seconds since the
# process started, and the epochs' own times from `--json`. The stages: process start to the
# "Training …" line (runtime, libtorch, CUDA, dataset), then each epoch (the first includes cuDNN's
# autotuning when it is on), then the end.
#   benchmarks/gpu/worker-startup.sh [SHAPE] [EPOCHS] [RUNS] [LABEL] [TRAIN OPTIONS...]   (default WRN-10-1 2 3 default)
#   e.g. benchmarks/gpu/worker-startup.sh WRN-10-5 3 2 off --cudnn-autotune off
source "$(dirname "$0")/common.sh"
shape="${1:-WRN-10-1}"; epochs="${2:-2}"; runs="${3:-3}"; label="${4:-default}"; shift $(( $# < 4 ? $# : 4 ))
log "GPU: $GPU; torch $TORCH; worker start-up: $shape, $epochs epochs, $runs runs, $label: $*"
for r in $(seq 1 "$runs"); do
  f="$OUT/worker-$shape-$label-$r"
  # stderr (the console lines) through stamp into .txt, stdout (the --json summary) into .json.
  { "$SHAPEDNN" train --data "$DATA" --shape "$shape" --budget "epochs=$epochs" --device cuda --verbose --json "$@" 2>&1 1>&3 | stamp > "$f.txt"; } 3> "$f.json" || true
  epochs_s=$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1])); e=d.get("epochDetails") or []
print(" ".join("%.2f/%.2f" % (x.get("seconds", 0), x.get("trainingSeconds", 0)) for x in e), "(epoch/training steps); wall %.2f" % d.get("wallSeconds", 0))' "$f.json" 2>/dev/null || echo "?")
  log "$shape $label run $r: $(grep -m1 'Training ' "$f.txt" | awk '{print $1}') s to the first training line; epochs (s): $epochs_s; $(grep 'Throughput' "$f.txt" | tail -1 | cut -c10-)"
done
