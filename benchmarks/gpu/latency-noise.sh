#!/usr/bin/env bash
# Why launch-bound GPU latencies move between processes (issue 9: the 110-shape search's cheap-shape order),
# in one call: `shapednn profile` of a few shapes at batch 128, ROUNDS times per setting, each a fresh
# process, the settings interleaved round by round so that a drift of the host does not read as a setting:
#   default   as the search runs
#   local     pinned (taskset) to the CPUs of the GPU's own NUMA node
#   remote    pinned to the other CPUs (skipped where the host has one node)
#   tc0       DOTNET_TieredCompilation=0 (the forward path fully optimised from the first call)
#   cap0.4    a 0.4 s time cap per shape (SHAPEDNN_GPU_LATENCY_CAP_SECONDS; the default was 0.75 s when this ran)
# One JSON per process under $OUT/noise/, and the host's CPU/NUMA layout in $OUT/noise/host.txt.
#   benchmarks/gpu/latency-noise.sh [ROUNDS] [SHAPES]
source "$(dirname "$0")/common.sh"
rounds="${1:-3}"
shapes="${2:-WRN-10-1,WRN-10-3,WRN-16-1.5,WRN-22-1.5,WRN-64-1,WRN-10-8,WRN-16-3}"
dir="$OUT/noise"; mkdir -p "$dir"
bus=$(nvidia-smi --query-gpu=pci.bus_id --format=csv,noheader | head -1 | tr 'A-F' 'a-f' | sed 's/^0000\(0000:\)/\1/')
pci="/sys/bus/pci/devices/$bus"
local_cpus=$(cat "$pci/local_cpulist" 2>/dev/null || nproc --all | awk '{print "0-" $1-1}')
all_cpus=$(cat /sys/devices/system/cpu/online)
remote_cpus=$(python3 - "$local_cpus" "$all_cpus" <<'EOF'
import sys
def parse(t):
    s = set()
    for part in t.strip().split(","):
        a, _, b = part.partition("-")
        s.update(range(int(a), int(b or a) + 1))
    return s
rest = sorted(parse(sys.argv[2]) - parse(sys.argv[1]))
print(",".join(map(str, rest)))
EOF
)
{ echo "GPU: $GPU; torch $TORCH; PCI $bus, NUMA node $(cat "$pci/numa_node" 2>/dev/null), local CPUs $local_cpus, others '${remote_cpus}'"
  lscpu | grep -E 'Model name|^CPU\(s\)|NUMA|Thread|MHz' || true
  nvidia-smi topo -m 2>/dev/null || true
  nvidia-smi -q -d PERFORMANCE,CLOCK 2>/dev/null | head -40 || true; } > "$dir/host.txt"
log "latency noise: $rounds rounds of $shapes; local CPUs $local_cpus, others '${remote_cpus}'"
settings=(default local tc0 cap0.4)
[ -n "$remote_cpus" ] && settings+=(remote)
for r in $(seq 1 "$rounds"); do
  for s in "${settings[@]}"; do
    cmd=("$SHAPEDNN" profile --input 1x28x28 --shapes "$shapes" --device cuda --batch-sizes 128 --no-energy --json)
    case $s in
      local) cmd=(taskset -c "$local_cpus" "${cmd[@]}");;
      remote) cmd=(taskset -c "$remote_cpus" "${cmd[@]}");;
      tc0) cmd=(env DOTNET_TieredCompilation=0 "${cmd[@]}");;
      cap0.4) cmd=(env SHAPEDNN_GPU_LATENCY_CAP_SECONDS=0.4 "${cmd[@]}");;
    esac
    start=$(date +%s.%N)
    "${cmd[@]}" > "$dir/$s-$r.json" 2> "$dir/$s-$r.err" || true
    log "$s round $r: $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s"
  done
done
tar -C "$OUT" -czf "$OUT/noise.tgz" noise && rm -rf "$dir"
