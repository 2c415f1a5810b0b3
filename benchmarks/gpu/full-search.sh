#!/usr/bin/env bash
# A full ShapeDnn search on the GPU: Fashion-MNIST in full, the standard budget (10 epochs, all
# 55,000 training images), a part of the paper's space that fits ~8 minutes of an H100.
#   benchmarks/gpu/full-search.sh [DESIGN_SPACE] [PARALLEL]
# default space: depths 10,16,22,28 x widths 1,2,4,8 (16 shapes; the paper's grid has 110).
source "$(dirname "$0")/common.sh"
SPACE="${1:-depths=10,16,22,28;widths=1,2,4,8}"
PARALLEL="${2:-2}"
log "full search: space '$SPACE', parallel $PARALLEL, standard budget"
start=$(date +%s)
"$SHAPEDNN" search --data "$DATA" --constraints "MaxParameters=3M; MinAccuracy=93%" --goal MinimizeSize \
  --out "$WORK/search" --name FashionGpu --device cuda --budget standard --design-space "$SPACE" \
  --parallel "$PARALLEL" --verbose > "$OUT/full-search.txt" 2>&1 || { log "search failed"; tail -30 "$OUT/full-search.txt" >&2; exit 1; }
log "search took $(( $(date +%s) - start )) s"
tail -40 "$OUT/full-search.txt"
cp "$WORK/search/FashionGpu.report.json" "$OUT/full-search.report.json" 2>/dev/null || true
