#!/usr/bin/env bash
# The generated FashionModel.Predict against a direct ONNX Runtime OrtValue call, batch 1, same
# model and session options, interleaved rounds in one process.
#   benchmarks/predict-overhead.sh [rounds=30] [calls-per-round=300]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build samples/FashionApp -nologo -v:q >/dev/null
gen="$(pwd)/samples/FashionApp/obj/Debug/net10.0/shapednn"
dotnet run -c Release --project benchmarks/PredictOverhead -p:GeneratedModelFolder="$gen/" -- "$gen/FashionModel.onnx" "${1:-30}" "${2:-300}"
