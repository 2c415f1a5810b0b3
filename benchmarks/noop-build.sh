#!/usr/bin/env bash
# No-op incremental 'dotnet build' of samples/FashionApp against the same app without ShapeDnn
# (the generated class and ONNX file checked in as plain files, no ShapeDnn imports), measured
# side by side: the two builds alternate, so machine load affects both alike.
#   benchmarks/noop-build.sh [runs=10]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
work=benchmarks/.work/FashionAppPlain
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "Building samples/FashionApp (searches only if its inputs changed)..."
dotnet build samples/FashionApp -nologo -v:q >/dev/null
gen=samples/FashionApp/obj/Debug/net10.0/shapednn

# The same app without ShapeDnn: same sources, the generated class as a plain file, the same data copies.
rm -rf "$work" && mkdir -p "$work"
cp samples/FashionApp/Program.cs samples/FashionApp/IdxFile.cs "$gen/FashionModel.g.cs" "$gen/FashionModel.onnx" "$work/"
cat > "$work/FashionAppPlain.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <RootNamespace>FashionApp</RootNamespace>
    <IsPackable>false</IsPackable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.ML.OnnxRuntime" />
    <None Include="FashionModel.onnx" CopyToOutputDirectory="PreserveNewest" />
    <None Include="../../../samples/data/fashion-mnist-small/t10k-*.gz" Link="data/%(Filename)%(Extension)" CopyToOutputDirectory="PreserveNewest" />
  </ItemGroup>
</Project>
XML
dotnet build "$work" -nologo -v:q >/dev/null

ms() { local s e; s=$(date +%s%N); dotnet build "$1" -nologo -v:q >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
# One warm-up each (node start-up, file cache), then alternate.
ms samples/FashionApp >/dev/null; ms "$work" >/dev/null
with=(); without=()
for ((i = 0; i < runs; i++)); do
  with+=("$(ms samples/FashionApp)")
  without+=("$(ms "$work")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mw=$(median "${with[@]}"); mo=$(median "${without[@]}")
echo "with ShapeDnn (ms):    ${with[*]}"
echo "without ShapeDnn (ms): ${without[*]}"
awk -v a="$mw" -v b="$mo" -v n="$runs" 'BEGIN { printf "median of %d no-op builds: %d ms with ShapeDnn, %d ms without; ratio %.3f\n", n, a, b, a / b }'
