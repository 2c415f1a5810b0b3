#!/usr/bin/env bash
# CPU latency at batch 1 of the 27 ground-truth shapes, on this machine (ONNX Runtime, the settings
# the generated class uses), three runs per shape (assemble.py keeps the lowest median: a shared machine
# only ever adds time), as the search measures it. Writes benchmarks/ground-truth/raw/cpu-latency.json.
#   benchmarks/ground-truth/cpu-latency.sh [SHAPEDNN_DLL]
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/ground-truth/shapes.sh
dll="${1:-src/ShapeDnn.Cli/bin/Release/net10.0/shapednn.dll}"
[ -f "$dll" ] || dotnet build src/ShapeDnn.Cli -c Release -nologo -v q
mkdir -p benchmarks/ground-truth/raw
dotnet "$dll" profile --device cpu --input 1x28x28 --classes 10 --shapes "$GT_LIST" --batch-sizes 1 --repeat 3 --no-energy --json \
  > benchmarks/ground-truth/raw/cpu-latency.json
echo "cpu latency: $(grep -c medianMs benchmarks/ground-truth/raw/cpu-latency.json) shapes; $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
