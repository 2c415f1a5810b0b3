#!/usr/bin/env bash
# GPU checks of issue 4, in one call on a host with an NVIDIA GPU, PyTorch (CUDA) and pynvml, and no .NET:
#   1. latency: shapednn (TorchSharp/cuDNN) vs PyTorch torch.cuda.Event, same shapes, same GPU, same call; both time
#      samples of K back-to-back passes (K so that a sample lasts >= 10 ms) after a >= 0.5 s warm-up, per pass;
#   2. energy per pass: shapednn's NVML reading vs pynvml's reading of the same counter around the same loop (a sidecar
#      reader during the tool's runs; the tool reports its windows in unix time), and, for context, vs pynvml around a
#      PyTorch loop of back-to-back passes;
#   3. repeatability: one shape measured 5 times by shapednn.
# Usage: benchmarks/gpu/latency-energy-check.sh BUNDLE_DIR [OUT_DIR]
#   BUNDLE_DIR holds the self-contained linux-x64 `shapednn` (build/bundle-worker.sh); OUT_DIR defaults to $OUT or ./gpu-check-out.
# Expected run time on an H100: about 4–6 minutes (shapednn ≈ 3.5–6 s per shape×input×batch, PyTorch ≈ 5–8 s).
set -euo pipefail
BUNDLE=${1:?usage: $0 BUNDLE_DIR [OUT_DIR]}
OUT_DIR=${2:-${OUT:-./gpu-check-out}}
HERE=$(cd "$(dirname "$0")" && pwd)
SHAPES=${SHAPES:-WRN-10-1,WRN-16-2,WRN-22-4,WRN-28-8,WRN-40-4}
INPUTS=${INPUTS:-1x28x28 3x32x32}
BATCHES=${BATCHES:-1,128}
REPEAT_SHAPE=${REPEAT_SHAPE:-WRN-16-2}
mkdir -p "$OUT_DIR"
export SHAPEDNN_LIBTORCH=$(python3 -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"lib"))')
export SHAPEDNN_CACHE="$OUT_DIR/cache"
export DOTNET_gcServer=0
{ nvidia-smi --query-gpu=name,driver_version,memory.total,power.limit --format=csv 2>&1 || true; } | tee "$OUT_DIR/card.txt"
python3 -c 'import torch;print("torch", torch.__version__, "cuda", torch.version.cuda, "cudnn", torch.backends.cudnn.version())' | tee -a "$OUT_DIR/card.txt"

start=$(date +%s)
# pynvml reads the same counter during the tool's runs: the spec check recomputes each of the tool's energy
# windows (reported in unix time) from these readings.
python3 "$HERE/nvml_sidecar.py" "$OUT_DIR/pynvml-sidecar.txt" & sidecar=$!
trap 'kill $sidecar 2>/dev/null || true' EXIT
ours=()
for input in $INPUTS; do
  tag=${input//x/_}
  echo "== shapednn profile $input" >&2
  "$BUNDLE/shapednn" profile --device cuda --input "$input" --classes 10 --shapes "$SHAPES" --batch-sizes "$BATCHES" \
      --energy-window 2 --json > "$OUT_DIR/shapednn-$tag.json" 2> "$OUT_DIR/shapednn-$tag.log" || { cat "$OUT_DIR/shapednn-$tag.log" >&2; exit 1; }
  ours+=("$OUT_DIR/shapednn-$tag.json")
done
kill $sidecar; wait $sidecar 2>/dev/null || true
first_input=${INPUTS%% *}
echo "== shapednn repeatability $REPEAT_SHAPE x5" >&2
"$BUNDLE/shapednn" profile --device cuda --input "$first_input" --classes 10 --shapes "$REPEAT_SHAPE" --batch-sizes 1 --repeat 5 --no-energy \
    --json > "$OUT_DIR/shapednn-repeat.json" 2> "$OUT_DIR/shapednn-repeat.log" || { cat "$OUT_DIR/shapednn-repeat.log" >&2; exit 1; }

echo "== PyTorch reference" >&2
python3 "$HERE/pytorch_latency_energy.py" --shapes "$SHAPES" --inputs "${INPUTS// /,}" --batch-sizes "$BATCHES" \
    --energy-window 4 --repeat-shape "$REPEAT_SHAPE" --out "$OUT_DIR/pytorch.json" > "$OUT_DIR/pytorch.log" 2>&1 || { cat "$OUT_DIR/pytorch.log" >&2; exit 1; }

python3 "$HERE/compare.py" "$OUT_DIR/RESULTS-gpu.md" "$OUT_DIR/pytorch.json" "$OUT_DIR/shapednn-repeat.json" "$OUT_DIR/pynvml-sidecar.txt" "${ours[@]}"
echo "elapsed: $(( $(date +%s) - start )) s; tables in $OUT_DIR/RESULTS-gpu.md (paste into benchmarks/RESULTS.md)" >&2
