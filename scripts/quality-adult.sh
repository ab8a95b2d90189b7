#!/usr/bin/env bash
# Quality of one synthesizer on Adult, the way docs/BENCHMARKS.md and ../shared/REFERENCE.md measure it:
# split data/adult.csv 80/20 (seed 0, stratified by income), fit SYNTH on the training rows, sample as many rows,
# and evaluate them against the held-out rows with target income. Prints the headline scores.
# Usage: bash scripts/quality-adult.sh SYNTH [SEED] [OUTDIR]   (OUTDIR keeps the files, the JSON and report.html)
set -euo pipefail
cd "$(dirname "$0")/.."
synth=${1:?usage: bash scripts/quality-adult.sh SYNTHESIZER [SEED] [OUTDIR]}
seed=${2:-0}
if [ -n "${3:-}" ]; then work=$3; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi

dotnet build src/Doppel.Cli -c Release -nologo -v quiet > "$work/build.log" || { cat "$work/build.log"; exit 1; }
doppel() { dotnet src/Doppel.Cli/bin/Release/net10.0/Doppel.Cli.dll "$@"; }

doppel split data/adult.csv --test 0.2 --stratify income --seed 0 -o "$work/train.csv" -o "$work/test.csv"
start=$(date +%s.%N)
doppel fit "$work/train.csv" --synthesizer "$synth" --seed "$seed" -o "$work/$synth.model"
rows=$(( $(wc -l < "$work/train.csv") - 1 ))
doppel sample "$work/$synth.model" -n "$rows" --seed "$seed" -o "$work/synthetic.csv"
end=$(date +%s.%N)
echo "$synth: fit + sample of $rows rows took $(echo "$end - $start" | bc) s" >&2
doppel evaluate "$work/train.csv" "$work/synthetic.csv" --holdout "$work/test.csv" --target income --seed 0 \
  --json "$work/evaluation.json" --report "$work/report.html"
[ -n "${3:-}" ] && echo "files in $work" >&2
exit 0
