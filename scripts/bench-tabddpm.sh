#!/usr/bin/env bash
# Whole-process timing of tabddpm on Adult: fit with the default options but STEPS optimiser steps (default 500),
# report steps per second, then sample 32,561 rows and report the time. Run on a quiet machine.
# Usage: bash scripts/bench-tabddpm.sh [STEPS]
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-500}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
dotnet build src/Doppel.Cli -c Release -nologo -v quiet > "$work/build.log" || { cat "$work/build.log"; exit 1; }
doppel() { dotnet src/Doppel.Cli/bin/Release/net10.0/Doppel.Cli.dll "$@"; }
start=$(date +%s.%N)
doppel fit data/adult.csv --synthesizer tabddpm --set steps="$steps" --seed 0 -o "$work/adult.model" 2> "$work/fit.log"
fitted=$(date +%s.%N)
doppel sample "$work/adult.model" -n 32561 --seed 0 -o "$work/synthetic.csv" 2> "$work/sample.log"
end=$(date +%s.%N)
fit=$(echo "$fitted - $start" | bc)
echo "fit, $steps steps (with start-up and the quantile transform): $fit s, $(echo "scale=1; $steps / $fit" | bc) steps/s"
echo "sample 32,561 rows (with start-up): $(echo "$end - $fitted" | bc) s"
