#!/usr/bin/env bash
# ONNX export time of WRN-28-10 and WRN-16-4 (3x32x32, 10 classes) at this tree and at BASE, side by
# side: both built in Release, then run alternately (ROUNDS processes each, RUNS exports per process).
#   benchmarks/onnx-export.sh BASE [rounds=3] [runs=7]
# Prints one line per process and shape: label, shape, bytes, file median/min ms, array median/min ms.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
base="${1:?usage: onnx-export.sh BASE [rounds] [runs]}"
rounds="${2:-3}" runs="${3:-7}"
tree="$(mktemp -d)"
trap 'git worktree remove --force "$tree/base" >/dev/null 2>&1 || true; rm -rf "$tree"' EXIT
git worktree add --detach "$tree/base" "$base" >/dev/null 2>&1
# The same benchmark source, compiled against BASE's ShapeDnn.Onnx.
cp -r benchmarks/OnnxExport "$tree/base/benchmarks/"
for t in . "$tree/base"; do
  dotnet build -c Release "$t/benchmarks/OnnxExport" -nologo -v:q >/dev/null
done
run() { dotnet "$1/benchmarks/OnnxExport/bin/Release/net10.0/OnnxExport.dll" "$2" "$runs"; }
for ((r = 1; r <= rounds; r++)); do
  run "$tree/base" "base:$(git rev-parse --short "$base")"
  run . "this:$(git rev-parse --short HEAD)"
done
