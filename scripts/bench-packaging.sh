#!/usr/bin/env bash
# Whole-process figures of the packages and the tool: package sizes, `dotnet pack` of the built solution,
# `dotnet tool install` from the packed folder, the installed tool's start-up (`doppel --help`, hyperfine), and
# restoring and building a fresh project against Doppel.Api. Writes artifacts/bench-packaging.md.
# Usage: bash scripts/bench-packaging.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh hyperfine
root=$(pwd)
work=$(mktemp -d)
version="0.1.0-bench.$(date +%s)"
cleanup() {
  rm -rf "$work"
  for id in doppel.data doppel.neural doppel.synthesis doppel.evaluation doppel.api; do
    rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/$id/$version"
  done
}
trap cleanup EXIT
mkdir -p artifacts
out=artifacts/bench-packaging.md

dotnet build Doppel.slnx -c Release -nologo -v q >/dev/null
seconds() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }

pack=$(seconds dotnet pack Doppel.slnx -c Release --no-build -o "$work/feed" -p:Version="$version")
install=$(seconds dotnet tool install --tool-path "$work/tools" --add-source "$work/feed" doppel --version "$version")

mkdir -p "$work/consumer"
cat > "$work/consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
  <ItemGroup><PackageReference Include="Doppel.Api" Version="$version" /></ItemGroup>
</Project>
XML
cat > "$work/consumer/Program.cs" <<'CS'
using Doppel;
using Doppel.Data;
var table = Table.ReadCsv(args[0]);
var model = Synthesizers.GaussianCopula().Fit(table);
Console.WriteLine(model.Sample(10_000, seed: 1).RowCount);
CS
cat > "$work/consumer/nuget.config" <<XML
<configuration><packageSources><add key="packed" value="$work/feed" /></packageSources></configuration>
XML
build=$(cd "$work/consumer" && seconds dotnet build -c Release)

{
  echo "| what | figure |"
  echo "|---|---|"
  for f in "$work"/feed/*.nupkg; do
    echo "| $(basename "$f" | sed "s/\.$version//") size | $(du -k "$f" | cut -f1) KiB |"
  done
  echo "| dotnet pack Doppel.slnx --no-build (all packages) | ${pack} s |"
  echo "| dotnet tool install doppel from the folder | ${install} s |"
  echo "| restore + build of a new project referencing Doppel.Api | ${build} s |"
} > "$out"
hyperfine --warmup 2 --runs 10 --style basic --export-markdown "$work/help.md" \
  -n "doppel --help (installed tool)" "$work/tools/doppel --help" \
  -n "consumer: read adult.csv, fit gaussian-copula, sample 10,000" "dotnet $work/consumer/bin/Release/net10.0/Consumer.dll $root/data/adult.csv" >/dev/null
{ echo; cat "$work/help.md"; } >> "$out"
cat "$out"
