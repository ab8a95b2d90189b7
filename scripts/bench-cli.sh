#!/usr/bin/env bash
# Times `doppel fit` and `doppel sample` as whole processes (start-up, reading, fitting or sampling, writing) on the
# bundled Adult table with hyperfine, and writes the table to artifacts/bench-cli.md.
# Usage: bash scripts/bench-cli.sh [synthesizer ...]   (default: independent gaussian-copula)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh hyperfine
dotnet build src/Doppel.Cli -c Release -nologo -v quiet >/dev/null
doppel="dotnet src/Doppel.Cli/bin/Release/net10.0/Doppel.Cli.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p artifacts
synthesizers=("$@")
[ ${#synthesizers[@]} -eq 0 ] && synthesizers=(independent gaussian-copula)
commands=()
for s in "${synthesizers[@]}"; do
  $doppel fit data/adult.csv -s "$s" -o "$work/$s.model" --seed 1 2>/dev/null
  commands+=(-n "fit $s" "$doppel fit data/adult.csv -s $s -o $work/$s.model --seed 1")
  commands+=(-n "sample $s (32,561 rows)" "$doppel sample $work/$s.model -n 32561 -o $work/$s.csv --seed 1")
done
hyperfine --warmup 1 --runs 10 --style basic --export-markdown artifacts/bench-cli.md "${commands[@]}"
echo
cat artifacts/bench-cli.md
