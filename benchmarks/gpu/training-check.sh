#!/usr/bin/env bash
# All GPU training measurements of issue 5 in one call (~8 min on an H100), written as markdown to $OUT:
#   1. throughput, ShapeDnn (TorchSharp, bf16 + channels-last + cuDNN autotuning) vs PyTorch eager
#      (bf16 autocast, channels-last, cudnn.benchmark), WRN-10-1/16-2/22-4/28-8, 3 epochs, images/s of
#      epochs 2-3; plus ShapeDnn in tf32 (precision choice);
#   2. accuracy parity, 3 shapes, the standard recipe (10 epochs, 55,000 images), test accuracy;
#   3. 4 small shapes trained 1, 2 and 4 at a time (separate processes), wall clock.
# Usage (on the GPU host, repository root): benchmarks/gpu/training-check.sh [1|2|3 ...]
source "$(dirname "$0")/common.sh"
parts=("${@:-1 2 3}"); parts=(${parts[*]})
R="$OUT/training-check.md"
{ echo "# GPU training check"; echo; echo "GPU: $GPU; PyTorch $TORCH; libtorch from $SHAPEDNN_LIBTORCH; $(date -u +%FT%TZ)"; echo; } > "$R"

sd() { # shape epochs precision outfile [extra args]
  local shape=$1 epochs=$2 prec=$3 out=$4; shift 4
  "$SHAPEDNN" train --data "$DATA" --shape "$shape" --budget "epochs=$epochs;validation=5000" --device cuda \
    --precision "$prec" --json "$@" > "$out" 2> "$out.err" || { log "shapednn $shape failed: $(tail -3 "$out.err")"; return 1; }
}
pt() { # shape epochs precision outfile
  python3 "$ROOT/benchmarks/gpu/pytorch_train.py" --data "$DATA" --shape "$1" --epochs "$2" --precision "$3" > "$4" 2> "$4.err" \
    || { log "pytorch $1 failed: $(tail -3 "$4.err")"; return 1; }
}

log "smoke: device selection and native load"
"$SHAPEDNN" train --data "$DATA" --shape WRN-10-1 --budget "epochs=1;subset=2000;validation=500;test=500" --device cuda --verbose > "$RAW/smoke.txt" 2>&1 \
  || { log "smoke test failed:"; cat "$RAW/smoke.txt" >&2; exit 1; }
{ echo '```'; grep -E "ShapeDnn:|Training|Throughput" "$RAW/smoke.txt" | head -12; echo '```'; echo; } >> "$R"

for part in "${parts[@]}"; do case $part in
1)
  log "part 1: throughput"
  { echo "## 1. Training throughput (images/s, epochs 2-3 of 3, batch 128, 55,000 images)"; echo
    echo "| shape | params | PyTorch eager bf16 | ShapeDnn bf16 | ratio | ShapeDnn tf32 | PyTorch wall s | ShapeDnn wall s |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"; } >> "$R"
  for s in WRN-10-1 WRN-16-2 WRN-22-4 WRN-28-8; do
    pt "$s" 3 bf16 "$RAW/tp-pt-$s.json" || continue
    sd "$s" 3 bf16 "$RAW/tp-sd-$s.json" || continue
    t=""; if [ "$s" = WRN-16-2 ] || [ "$s" = WRN-28-8 ]; then sd "$s" 3 tf32 "$RAW/tp-sd32-$s.json" && t=$(json "$RAW/tp-sd32-$s.json" imagesPerSecondAfterFirstEpoch); fi
    a=$(json "$RAW/tp-pt-$s.json" imagesPerSecondAfterFirstEpoch); b=$(json "$RAW/tp-sd-$s.json" imagesPerSecondAfterFirstEpoch)
    echo "| $s | $(json "$RAW/tp-sd-$s.json" parameters) | ${a%.*} | ${b%.*} | $(python3 -c "print(f'{$b/$a:.2f}x')") | ${t%.*} | $(json "$RAW/tp-pt-$s.json" wallSeconds) | $(json "$RAW/tp-sd-$s.json" wallSeconds) |" >> "$R"
  done; echo >> "$R" ;;
2)
  log "part 2: accuracy parity (standard recipe, 10 epochs)"
  { echo "## 2. Accuracy parity (standard recipe: 10 epochs, 55,000 train / 5,000 validation, test on 10,000)"; echo
    echo "| shape | PyTorch test | ShapeDnn test | difference (pp) | PyTorch val | ShapeDnn val | ShapeDnn s |"
    echo "|---|---:|---:|---:|---:|---:|---:|"; } >> "$R"
  for s in WRN-10-1 WRN-16-2 WRN-16-4; do
    pt "$s" 10 bf16 "$RAW/acc-pt-$s.json" || continue
    sd "$s" 10 bf16 "$RAW/acc-sd-$s.json" || continue
    a=$(json "$RAW/acc-pt-$s.json" testAccuracy); b=$(json "$RAW/acc-sd-$s.json" testAccuracy)
    echo "| $s | $a | $b | $(python3 -c "print(f'{($b-$a)*100:+.2f}')") | $(json "$RAW/acc-pt-$s.json" validationAccuracy) | $(json "$RAW/acc-sd-$s.json" validationAccuracy) | $(json "$RAW/acc-sd-$s.json" trainingSeconds) |" >> "$R"
  done
  sd WRN-16-2 10 tf32 "$RAW/acc-sd32-WRN-16-2.json" && echo "| WRN-16-2 (ShapeDnn tf32) | | $(json "$RAW/acc-sd32-WRN-16-2.json" testAccuracy) | | | $(json "$RAW/acc-sd32-WRN-16-2.json" validationAccuracy) | $(json "$RAW/acc-sd32-WRN-16-2.json" trainingSeconds) |" >> "$R"
  echo >> "$R" ;;
3)
  log "part 3: concurrency"
  { echo "## 3. Concurrent training of 4 small shapes on one GPU (3 epochs each, one process per shape)"; echo
    echo "| at a time | wall clock s | speed-up |"; echo "|---:|---:|---:|"; } >> "$R"
  shapes="WRN-10-1 WRN-10-2 WRN-16-1 WRN-16-2"; base=""
  for n in 1 2 4; do
    start=$(date +%s.%N)
    printf '%s\n' $shapes | xargs -P "$n" -I{} sh -c "\"$SHAPEDNN\" train --data \"$DATA\" --shape {} --budget 'epochs=3;validation=5000' --device cuda --json > \"$RAW/par$n-{}.json\" 2>&1" || log "parallel $n: a worker failed"
    t=$(python3 -c "import time; print(f'{time.time()-$start:.1f}')"); base=${base:-$t}
    echo "| $n | $t | $(python3 -c "print(f'{$base/$t:.2f}x')") |" >> "$R"
  done; echo >> "$R" ;;
esac; done
pack_raw; log "done: $R"; cat "$R"
