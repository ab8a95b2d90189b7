#!/usr/bin/env bash
# Quality of one synthesizer on California housing, measured like scripts/quality-adult.sh: split
# data/california_housing.csv 80/20 (seed 0, stratified by ocean_proximity), fit SYNTH on the training rows, sample
# as many rows, and evaluate them against the held-out rows with target ocean_proximity. Prints the headline scores.
# Usage: bash scripts/quality-california.sh SYNTH [SEED] [OUTDIR] [--set NAME=VALUE ...]
set -euo pipefail
cd "$(dirname "$0")/.."
synth=${1:?usage: bash scripts/quality-california.sh SYNTHESIZER [SEED] [OUTDIR] [--set NAME=VALUE ...]}
seed=${2:-0}
if [ -n "${3:-}" ]; then work=$3; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
shift $(( $# < 3 ? $# : 3 ))

dotnet build src/Doppel.Cli -c Release -nologo -v quiet > "$work/build.log" || { cat "$work/build.log"; exit 1; }
doppel() { dotnet src/Doppel.Cli/bin/Release/net10.0/Doppel.Cli.dll "$@"; }

doppel split data/california_housing.csv --test 0.2 --stratify ocean_proximity --seed 0 -o "$work/train.csv" -o "$work/test.csv"
start=$(date +%s.%N)
doppel fit "$work/train.csv" --synthesizer "$synth" --seed "$seed" -o "$work/$synth.model" "$@"
rows=$(( $(wc -l < "$work/train.csv") - 1 ))
doppel sample "$work/$synth.model" -n "$rows" --seed "$seed" -o "$work/synthetic.csv"
end=$(date +%s.%N)
echo "$synth: fit + sample of $rows rows took $(echo "$end - $start" | bc) s" >&2
doppel evaluate "$work/train.csv" "$work/synthetic.csv" --holdout "$work/test.csv" --target ocean_proximity --seed 0 \
  --json "$work/evaluation.json" --report "$work/report.html"
[ -n "${3:-}" ] && echo "files in $work" >&2
exit 0
