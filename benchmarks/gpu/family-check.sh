#!/usr/bin/env bash
# The fastest shape per network family at a validation-accuracy limit (issue 13), on the GPU, in one call:
# `shapednn search --family F --constraints MinAccuracy=A --goal MinimizeLatency --batch-size 128
# --budget standard --device cuda` per family, each under a wall-clock ceiling (--time-budget), an empty
# cache each. Reports and console logs go to $OUT.
#   benchmarks/gpu/family-check.sh [--limit 93%] [--time-budget 120s] FAMILY[=DESIGN-SPACE]...
source "$(dirname "$0")/common.sh"
limit="93%"; ceiling="120s"; runs=()
while [ $# -gt 0 ]; do case $1 in --limit) limit=$2; shift 2;; --time-budget) ceiling=$2; shift 2;; *) runs+=("$1"); shift;; esac; done
for r in "${runs[@]}"; do
  family=${r%%=*}; space=""; [ "$r" != "$family" ] && space=${r#*=}
  export SHAPEDNN_CACHE="$WORK/cache-family-$family"; rm -rf "$SHAPEDNN_CACHE"
  args=(--family "$family" --constraints "MinAccuracy=$limit" --goal MinimizeLatency --batch-size 128 --time-budget "$ceiling")
  [ -n "$space" ] && args+=(--design-space "$space")
  start=$(date +%s); log "search $family: ${args[*]}"
  "$SHAPEDNN" search --data "$DATA" "${args[@]}" --budget standard --device cuda --out "$WORK/out-$family" --name Family --verbose > "$OUT/family-$family.txt" 2>&1 \
    || log "search $family failed: $(tail -2 "$OUT/family-$family.txt" | head -c 400)"
  log "search $family took $(( $(date +%s) - start )) s"
  cp "$WORK/out-$family/Family.report.json" "$OUT/family-$family.report.json" 2>/dev/null || true
done
