# Shared set-up for the GPU scripts (sourced). Unpacks the worker bundle, finds PyTorch's libtorch,
# and sets DATA, SHAPEDNN, OUT. Inputs travel in the working tree (see docs/gpu.md):
#   artifacts/worker/shapednn-linux-x64.tar.xz   (build/bundle-worker.sh)
#   .data/fashion-mnist.tar.xz                   (benchmarks/gpu/pack-data.sh: the full Fashion-MNIST as
#                                                 raw IDX in .tar.xz, ~5 MiB smaller than the .gz files, so
#                                                 bundle + data + tree stay under the 64 MiB a call carries)
#   or .data/fashion-mnist/*.gz                  (a plain copy of /usr/share/datasets/fashion-mnist)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-$ROOT/benchmarks/gpu/out}"; mkdir -p "$OUT"
BUNDLE="${BUNDLE:-$ROOT/artifacts/worker/shapednn-linux-x64.tar.xz}"
WORK="${WORK:-/tmp/shapednn-gpu}"; mkdir -p "$WORK"
# Raw per-run JSON stays out of $OUT (only 8 files come back from a device call); it is packed at the end.
RAW="$WORK/raw"; mkdir -p "$RAW"
pack_raw() { tar -C "$WORK" -czf "$OUT/raw.tar.gz" raw; }
if [ -z "${DATA:-}" ]; then
  if [ -f "$ROOT/.data/fashion-mnist.tar.xz" ]; then
    [ -f "$WORK/fm/train-images-idx3-ubyte" ] || tar -C "$WORK" -xJf "$ROOT/.data/fashion-mnist.tar.xz"
    DATA="$WORK/fm"
  else
    DATA="$ROOT/.data/fashion-mnist"
  fi
fi
ls "$DATA"/train-images-idx3-ubyte* >/dev/null 2>&1 || { echo "no Fashion-MNIST in $DATA" >&2; exit 1; }
if [ ! -x "$WORK/shapednn/shapednn" ]; then
  [ -f "$BUNDLE" ] || { echo "no worker bundle at $BUNDLE (build/bundle-worker.sh)" >&2; exit 1; }
  tar -C "$WORK" -xJf "$BUNDLE"
fi
SHAPEDNN="$WORK/shapednn/shapednn"
export SHAPEDNN_LIBTORCH="${SHAPEDNN_LIBTORCH:-$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')}"
export SHAPEDNN_CACHE="$WORK/cache"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
GPU="$(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | head -1)"
TORCH="$(python3 -c 'import torch; print(torch.__version__, "CUDA", torch.version.cuda)')"
log() { echo "[$(date +%T)] $*" | tee -a "$OUT/log.txt" >&2; }
# json FILE KEY: one value from a one-line JSON result (last line of the file).
json() { python3 -c 'import json,sys
s=open(sys.argv[1]).read().strip()
try: d=json.loads(s)
except ValueError: d=json.loads(s.splitlines()[-1])
v=d.get(sys.argv[2]); print("" if v is None else (f"{v:.4f}" if isinstance(v,float) else v))' "$1" "$2"; }
# stamp: prefixes each line of stdin with the seconds since the pipe started (where the time of a search goes).
stamp() { python3 -u -c 'import sys,time
t=time.time()
for l in sys.stdin: sys.stdout.write(f"{time.time()-t:8.2f} {l}")'; }
