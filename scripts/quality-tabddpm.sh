#!/usr/bin/env bash
# Quality of tabddpm (or another synthesizer) on any bundled table, scored like scripts/quality-adult.sh:
# split DATA 80/20 (seed 0; stratified by TARGET unless --regression), fit on the training rows, sample as many
# rows, evaluate against the held-out rows with TARGET (R² for a numeric target).
# Usage: bash scripts/quality-tabddpm.sh DATA TARGET SEED OUTDIR [--regression] [--synthesizer NAME] [--set NAME=VALUE ...]
# Set DOPPEL_NO_BUILD=1 to use the CLI as already built.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: DATA TARGET SEED OUTDIR [--regression] [--synthesizer NAME] [--set NAME=VALUE ...]}
target=${2:?target column}
seed=${3:?seed}
work=${4:?output folder}
shift 4
stratify=(--stratify "$target")
synth=tabddpm
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --regression) stratify=(); shift ;;
    --synthesizer) synth=$2; shift 2 ;;
    *) extra+=("$1"); shift ;;
  esac
done
mkdir -p "$work"

if [ -z "${DOPPEL_NO_BUILD:-}" ]; then
  dotnet build src/Doppel.Cli -c Release -nologo -v quiet > "$work/build.log" || { cat "$work/build.log"; exit 1; }
fi
doppel() { dotnet src/Doppel.Cli/bin/Release/net10.0/Doppel.Cli.dll "$@"; }

doppel split "$data" --test 0.2 "${stratify[@]}" --seed 0 -o "$work/train.csv" -o "$work/test.csv"
start=$(date +%s.%N)
doppel fit "$work/train.csv" --synthesizer "$synth" --seed "$seed" -o "$work/$synth.model" "${extra[@]}"
fitted=$(date +%s.%N)
rows=$(( $(wc -l < "$work/train.csv") - 1 ))
doppel sample "$work/$synth.model" -n "$rows" --seed "$seed" -o "$work/synthetic.csv"
end=$(date +%s.%N)
echo "$synth on $data: fit $(echo "$fitted - $start" | bc) s, sample of $rows rows $(echo "$end - $fitted" | bc) s" >&2
doppel evaluate "$work/train.csv" "$work/synthetic.csv" --holdout "$work/test.csv" --target "$target" --seed 0 \
  --json "$work/evaluation.json" --report "$work/report.html"
