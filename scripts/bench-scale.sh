#!/usr/bin/env bash
# Whole-process figures for docs/BENCHMARKS.md, "Sources, sinks and scale": sampling N Adult-shaped rows from the
# Gaussian copula into Parquet, CSV and SQLite, and the streaming fit of the N-row CSV, each with wall time, CPU time
# (user + system) and peak resident memory from /usr/bin/time.
# Usage: bash scripts/bench-scale.sh [ROWS]    (default 10000000)
# To measure another build (for example the code before a change), point DOPPEL_CLI at its Doppel.Cli.dll
# (scripts/bench-common.sh shows how).
# PARQUET_ONLY=1 runs only the Parquet step (the 1,000,000 rows/s goal), RUNS=k repeats each sample step k times.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
runs=${RUNS:-1}
source scripts/bench-common.sh

measure() {
  local label=$1
  shift
  timed "$@"
  awk -v l="$label" -v w="$wall" -v c="$cpu" -v r="$rss" -v n="$rows" 'BEGIN {
    printf "%-34s wall %7.1f s  cpu %7.1f s  %5.2f M rows/s (wall)  %5.2f M rows per cpu-s  peak RSS %5.0f MB\n",
      l, w, c, n / w / 1e6, n / c / 1e6, r / 1024 }'
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; rows: $rows; cli: $DOPPEL_CLI"
"${doppel[@]}" fit data/adult.csv --na '?' -s gaussian-copula -o "$work/adult.model" --seed 1 2>/dev/null
for ((r = 0; r < runs; r++)); do
  rm -f "$work/out.parquet"
  measure "sample -> parquet" "${doppel[@]}" sample "$work/adult.model" -n "$rows" -o "$work/out.parquet" --seed 2
done
echo "parquet file: $(( $(stat -c %s "$work/out.parquet") / 1000000 )) MB"
if [[ -n "${PARQUET_ONLY:-}" ]]; then
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
  exit 0
fi
for ((r = 0; r < runs; r++)); do
  measure "sample -> csv" "${doppel[@]}" sample "$work/adult.model" -n "$rows" -o "$work/out.csv" --seed 2
done
for ((r = 0; r < runs; r++)); do
  rm -f "$work/out.db"
  measure "sample -> sqlite" "${doppel[@]}" sample "$work/adult.model" -n "$rows" -o "sqlite:$work/out.db" --table adult --seed 2
done
rm -f "$work/out.db" "$work/out.parquet"
measure "fit gaussian-copula <- csv" "${doppel[@]}" fit "$work/out.csv" -s gaussian-copula -o "$work/big.model" --seed 3
measure "fit independent <- csv" "${doppel[@]}" fit "$work/out.csv" -s independent -o "$work/big.model" --seed 3
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
