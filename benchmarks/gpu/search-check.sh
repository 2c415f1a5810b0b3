#!/usr/bin/env bash
# The real search on the GPU against what the replay said (issue 9), in one call:
#   1. cases of benchmarks/ground-truth/replay-cases.tsv on the 25-shape grid (depths 10..40 x widths 1..8),
#      standard budget, one training at a time, empty cache each: pick, epochs per shape, training seconds;
#   2. the paper's 110-shape grid, MinAccuracy=94.5 %, MinimizeLatency at batch 128, default --parallel.
# Reports (N.report.json) and the console logs (each line stamped with the seconds since the search started) go to $OUT.
#   benchmarks/gpu/search-check.sh [--until SECONDS] CASE...   (CASE: a name from replay-cases.tsv, or 'grid110')
# --until: skip a remaining case once SECONDS have passed since the start.
source "$(dirname "$0")/common.sh"
GRID25="depths=10,16,22,28,40;widths=1,2,4,6,8"
until=100000; cases=()
# EXTRA: more search options for every case, e.g. EXTRA="--parallel 8" (word-split).
read -r -a EXTRA <<< "${EXTRA:-}"
while [ $# -gt 0 ]; do case $1 in --until) until=$2; shift 2;; *) cases+=("$1"); shift;; esac; done
t0=$(date +%s)
for c in "${cases[@]}"; do
  if [ $(( $(date +%s) - t0 )) -ge "$until" ]; then log "skipped $c (past ${until}s)"; continue; fi
  export SHAPEDNN_CACHE="$WORK/cache-$c"; rm -rf "$SHAPEDNN_CACHE"
  start=$(date +%s)
  if [ "$c" = grid110 ]; then
    args=(--constraints "MinAccuracy=94.5%" --goal MinimizeLatency --batch-size 128)
  else
    IFS=$'\t' read -r _ _ goal constraints batch budget space parallel _ < <(grep -P "^$c\t" "$ROOT/benchmarks/ground-truth/replay-cases.tsv")
    args=(--goal "$goal" --batch-size "$batch" --parallel "$parallel" --design-space "$GRID25")
    [ "$constraints" != - ] && args+=(--constraints "$constraints")
  fi
  log "search $c: ${args[*]}"
  rc=0; "$SHAPEDNN" search --data "$DATA" "${args[@]}" --budget standard --device cuda --out "$WORK/out-$c" --name Check --verbose "${EXTRA[@]}" 2>&1 | stamp > "$OUT/$c.txt" || rc=$?
  [ "$rc" = 0 ] || log "search $c failed: $(tail -3 "$OUT/$c.txt")"
  log "search $c took $(( $(date +%s) - start )) s"
  cp "$WORK/out-$c/Check.report.json" "$OUT/$c.report.json" 2>/dev/null || true
done
log "done after $(( $(date +%s) - t0 )) s"
