#!/usr/bin/env bash
# Ground truth for the search (issue 9), on the GPU host, with ShapeDnn's own trainer (worker bundle):
#   train   every shape of shapes.sh with the standard budget (10 epochs, 55,000 / 5,000 / 10,000), seed 1,
#           and the GT_SEED2 shapes again with seed 2; GT_PARALLEL processes at a time on the one GPU,
#           largest shapes first. Meanwhile, on GT_CPU_JOBS x 2 of the host's CPU cores, the quick budget on
#           the CPU (4 epochs, 5,000 / 1,000 / 2,000), smallest shapes first, as far as the phase's time allows.
#   alone   each shape alone on the GPU for 2 epochs of 10,000 images: the throughput and per-epoch
#           validation time from which trainSeconds "as if trained alone" is computed (assemble.py says how).
#   profile latency at batch 1 and 128 (TorchSharp/cuDNN, as the search measures it) and NVML energy per
#           pass at batch 128, every shape, nothing else running.
# Resumable: a finished training is never redone (its JSON is kept under $GT_WORK), so the phases can be
# spread over several device calls while the machine stays warm. Each call copies what it has to $OUT.
#   benchmarks/ground-truth/gpu-ground-truth.sh PHASE... [--until SECONDS]
#   (--until: start no new training after SECONDS since the script started; running ones finish)
source "$(dirname "$0")/../gpu/common.sh"
source "$ROOT/benchmarks/ground-truth/shapes.sh"
GT_WORK="$WORK/gt"; mkdir -p "$GT_WORK/train" "$GT_WORK/alone" "$GT_WORK/cpu"
GT_PARALLEL="${GT_PARALLEL:-6}"; GT_CPU_JOBS="${GT_CPU_JOBS:-3}"
phases=(); until=100000
while [ $# -gt 0 ]; do case $1 in --until) until=$2; shift 2;; *) phases+=("$1"); shift;; esac; done
t0=$(date +%s)
export DATA SHAPEDNN GT_WORK until t0 GT_UNTIL_APPLIES

# One training: shape seed budget device outfile [extra args]. Skips finished ones and honours --until.
train_one() {
  local shape=$1 seed=$2 budget=$3 device=$4 out=$5; shift 5
  [ -s "$out" ] && grep -q '"validationAccuracy"' "$out" && return 0
  # --until limits the train phase only (GT_UNTIL_APPLIES is set there): the later phases always run whole.
  [ -n "${GT_UNTIL_APPLIES:-}" ] && [ $(( $(date +%s) - t0 )) -ge "$until" ] && return 0
  "$SHAPEDNN" train --data "$DATA" --shape "$shape" --budget "$budget" --device "$device" --json "$@" > "$out.tmp" 2> "$out.err" \
    && mv "$out.tmp" "$out" || echo "[$(date +%T)] $shape seed $seed on $device failed: $(tail -2 "$out.err")" >&2
}
export -f train_one

for phase in "${phases[@]}"; do case $phase in
train)
  export GT_UNTIL_APPLIES=1
  log "train: $GT_PARALLEL at a time on the GPU, $GT_CPU_JOBS quick CPU trainings beside them, until ${until}s"
  # Largest first (parameters as the proxy for time), so that the last to start are the short ones.
  jobs_file="$GT_WORK/gpu-jobs.txt"
  "$SHAPEDNN" shapes --input 1x28x28 --classes 10 --design-space "depths=10,16,22,28,40,52,64;widths=1,2,4,6,8" --json > "$GT_WORK/space.json"
  python3 - "$GT_WORK/space.json" "$GT_SHAPES" "$GT_SEED2" > "$jobs_file" <<'PY'
import json, sys
params = {s["name"]: s["parameters"] for s in json.load(open(sys.argv[1]))}
jobs = [(params[s], s, 1) for s in sys.argv[2].split()] + [(params[s], s, 2) for s in sys.argv[3].split()]
for p, s, seed in sorted(jobs, key=lambda j: (-j[0], j[2])): print(p, s, seed)
PY
  # CPU side: smallest first, seed 1 only, 2 threads each; stopped when the GPU side is done.
  rm -f "$GT_WORK/stop-cpu"
  ( sort -k1,1n "$jobs_file" | awk '$3==1 {print $2}' | xargs -P "$GT_CPU_JOBS" -I{} bash -c \
      '[ -e "$GT_WORK/stop-cpu" ] || train_one {} 1 quick cpu "$GT_WORK/cpu/{}.json" --threads 2' ) &
  cpu_pid=$!
  awk '{print $2, $3}' "$jobs_file" | xargs -P "$GT_PARALLEL" -n 2 bash -c \
    'b=standard; [ "$1" = 2 ] && b="epochs=10;validation=5000;seed=2"; train_one "$0" "$1" "$b" cuda "$GT_WORK/train/$0-seed$1.json"'
  log "train: GPU side done after $(( $(date +%s) - t0 )) s ($(ls "$GT_WORK"/train/*.json 2>/dev/null | wc -l) results); stopping the CPU side"
  touch "$GT_WORK/stop-cpu"; pkill -TERM -f "train .*--device cpu" 2>/dev/null; wait "$cpu_pid" 2>/dev/null
  log "cpu quick: $(ls "$GT_WORK"/cpu/*.json 2>/dev/null | wc -l) results"; unset GT_UNTIL_APPLIES ;;
alone)
  log "alone: 2 epochs of 10,000 images per shape, one at a time"
  for s in $GT_SHAPES; do train_one "$s" 1 "epochs=2;subset=10000;validation=5000;test=500" cuda "$GT_WORK/alone/$s.json"; done
  log "alone: $(ls "$GT_WORK"/alone/*.json 2>/dev/null | wc -l) results after $(( $(date +%s) - t0 )) s" ;;
profile)
  log "profile: latency at batch 1, latency and energy at batch 128"
  "$SHAPEDNN" profile --device cuda --input 1x28x28 --classes 10 --shapes "$GT_LIST" --batch-sizes 1 --no-energy --json \
    > "$GT_WORK/gpu-latency-b1.json" 2> "$GT_WORK/gpu-latency-b1.err" || log "profile b1 failed: $(tail -3 "$GT_WORK/gpu-latency-b1.err")"
  "$SHAPEDNN" profile --device cuda --input 1x28x28 --classes 10 --shapes "$GT_LIST" --batch-sizes 128 --energy-window 1 --json \
    > "$GT_WORK/gpu-profile-b128.json" 2> "$GT_WORK/gpu-profile-b128.err" || log "profile b128 failed: $(tail -3 "$GT_WORK/gpu-profile-b128.err")" ;;
*) echo "unknown phase $phase" >&2; exit 2 ;;
esac; done

{ echo "GPU: $GPU"; echo "PyTorch: $TORCH"; echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"; } > "$GT_WORK/machine.txt"
tar -C "$WORK" -czf "$OUT/gt-raw.tar.gz" gt
log "copied $(tar -tzf "$OUT/gt-raw.tar.gz" | grep -c '\.json$') JSON files to gt-raw.tar.gz after $(( $(date +%s) - t0 )) s"
