#!/usr/bin/env bash
# The fastest shape per network family at validation-accuracy limits (issue 13), on the GPU, in one call:
# `shapednn search --family F --constraints MinAccuracy=A --goal MinimizeLatency --batch-size 128
# --budget standard --device cuda` per family and limit, each under a wall-clock ceiling (--time-budget).
# Each family starts from an empty cache that its limits then share, so a higher limit reuses the
# trainings of a lower one (the search trains only what it has not got). Reports and logs go to $OUT.
#   benchmarks/gpu/family-check.sh [--limit 93%[,94%...]] [--time-budget 120s] [--until SECONDS] FAMILY[=DESIGN-SPACE]...
# --until: skip a remaining search once SECONDS have passed since the start.
source "$(dirname "$0")/common.sh"
limits="93%"; ceiling="120s"; until=100000; runs=()
while [ $# -gt 0 ]; do case $1 in --limit) limits=$2; shift 2;; --time-budget) ceiling=$2; shift 2;; --until) until=$2; shift 2;; *) runs+=("$1"); shift;; esac; done
t0=$(date +%s)
for r in "${runs[@]}"; do
  family=${r%%=*}; space=""; [ "$r" != "$family" ] && space=${r#*=}
  export SHAPEDNN_CACHE="$WORK/cache-family-$family"; rm -rf "$SHAPEDNN_CACHE"
  for limit in ${limits//,/ }; do
    name="family-$family-${limit%\%}"
    if [ $(( $(date +%s) - t0 )) -ge "$until" ]; then log "skipped $name (past ${until}s)"; continue; fi
    args=(--family "$family" --constraints "MinAccuracy=$limit" --goal MinimizeLatency --batch-size 128 --time-budget "$ceiling")
    [ -n "$space" ] && args+=(--design-space "$space")
    start=$(date +%s); log "search $name: ${args[*]}"
    "$SHAPEDNN" search --data "$DATA" "${args[@]}" --budget standard --device cuda --out "$WORK/out-$name" --name Family --verbose > "$OUT/$name.txt" 2>&1 \
      || log "search $name failed: $(tail -2 "$OUT/$name.txt" | head -c 400)"
    log "search $name took $(( $(date +%s) - start )) s"
    cp "$WORK/out-$name/Family.report.json" "$OUT/$name.report.json" 2>/dev/null || true
  done
done
