#!/usr/bin/env bash
# Packs the full Fashion-MNIST (Debian's dataset-fashion-mnist) as raw IDX files in one .tar.xz for
# the GPU scripts: .data/fashion-mnist.tar.xz (xz beats the shipped gzip by several MiB, which keeps
# bundle + data + working tree under the 64 MiB that travels to the GPU host).
set -euo pipefail
cd "$(dirname "$0")/../.."
src="${1:-/usr/share/datasets/fashion-mnist}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/fm" .data
for f in "$src"/*-ubyte.gz; do gunzip -c "$f" > "$tmp/fm/$(basename "$f" .gz)"; done
tar -C "$tmp" -cf - fm | xz -9e -T0 > .data/fashion-mnist.tar.xz
ls -l .data/fashion-mnist.tar.xz
