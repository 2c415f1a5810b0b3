#!/usr/bin/env bash
# Builds the ShapeDnn worker for GPU hosts without .NET (docs/gpu.md):
#   artifacts/worker/shapednn-linux-x64.tar.xz  — a self-contained linux-x64 publish of shapednn
# WITHOUT the packaged CPU libtorch: on the host, SHAPEDNN_LIBTORCH (or --libtorch) points at a
# PyTorch install's torch/lib. Fails if a libtorch library slipped in or the archive is >= 64 MiB.
#   build/bundle-worker.sh [--check-only DIR]   (--check-only: just run the exclusion check on DIR)
set -euo pipefail
cd "$(dirname "$0")/.."

# Files that must not be in the bundle: the packaged libtorch and its OpenMP runtime.
forbidden_regex='^(libtorch(_cpu|_cuda|_global_deps|_python)?\.so|libc10(_cuda)?\.so|libgomp.*\.so.*|libshm\.so|libbackend_with_compiler\.so|libjitbackend_test\.so|libtorchbind_test\.so|libaoti_custom_ops\.so|libnnapi_backend\.so)$'
# Files that must be in it: the app, TorchSharp's bridge, ONNX Runtime (CPU latency profiling).
required=(shapednn libLibTorchSharp.so TorchSharp.dll libonnxruntime.so)

check() {
  local dir="$1" bad
  bad=$(find "$dir" -type f -printf '%f\n' | grep -E "$forbidden_regex" || true)
  if [ -n "$bad" ]; then echo "bundle-worker: libtorch files in the bundle (must come from the host): $bad" >&2; return 1; fi
  for f in "${required[@]}"; do
    [ -e "$dir/$f" ] || { echo "bundle-worker: $f is missing from the bundle" >&2; return 1; }
  done
}

if [ "${1:-}" = "--check-only" ]; then check "$2"; echo "bundle-worker: $2 passes the exclusion check"; exit 0; fi

out=artifacts/worker
stage="$out/shapednn"
rm -rf "$stage" && mkdir -p "$out"
dotnet publish src/ShapeDnn.Cli -c Release -r linux-x64 --self-contained true \
  -p:ShapeDnnWorkerBundle=true -p:PublishTrimmed=false -p:DebugType=none -p:GenerateDocumentationFile=false \
  -o "$stage" -nologo -v q
check "$stage"
# Debugger/diagnostics support of the runtime (~1 MiB compressed): not needed to run, and every MiB counts.
rm -f "$stage"/libmscordaccore.so "$stage"/libmscordbi.so "$stage"/createdump
# Reflection-heavy TorchSharp and System.Text.Json make trimming unsafe; xz -9e does the shrinking.
tar -C "$out" -cf - shapednn | xz -9e -T0 > "$out/shapednn-linux-x64.tar.xz"
bytes=$(stat -c %s "$out/shapednn-linux-x64.tar.xz")
echo "bundle-worker: $out/shapednn-linux-x64.tar.xz $((bytes / 1024 / 1024)) MiB compressed ($(du -sm "$stage" | cut -f1) MB unpacked)"
[ "$bytes" -lt $((64 * 1024 * 1024)) ] || { echo "bundle-worker: the archive is not under 64 MiB" >&2; exit 1; }
