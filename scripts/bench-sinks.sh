#!/usr/bin/env bash
# Whole-process write throughput for docs/BENCHMARKS.md, "Sources, sinks and scale": sampling N Adult-shaped rows
# from the Gaussian copula into CSV and a new SQLite table (one thread drawing rows, so the sink's own cost shows),
# each with wall time, CPU time (user + system) and peak resident memory from /usr/bin/time, best of R runs by CPU.
# Usage: bash scripts/bench-sinks.sh [ROWS] [RUNS]      (default 1000000 rows, 3 runs)
# To measure another build (for example the code before a change), point DOPPEL_CLI at its Doppel.Cli.dll
# (scripts/bench-common.sh shows how).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-3}
source scripts/bench-common.sh

measure() {
  local label=$1
  shift
  local best=""
  for ((r = 0; r < runs; r++)); do
    rm -f "$work"/out.*
    timed "$@"
    if [[ -z "$best" ]] || awk -v a="$cpu" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$cpu $wall $rss"
    fi
  done
  read -r cpu wall rss <<< "$best"
  awk -v l="$label" -v w="$wall" -v c="$cpu" -v r="$rss" -v n="$rows" 'BEGIN {
    printf "%-20s wall %6.2f s  cpu %6.2f s  %5.2f M rows/s (wall)  %5.2f M rows per cpu-s  peak RSS %5.0f MB\n",
      l, w, c, n / w / 1e6, n / c / 1e6, r / 1024 }'
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; rows: $rows; cli: $DOPPEL_CLI"
"${doppel[@]}" fit data/adult.csv --na '?' -s gaussian-copula -o "$work/adult.model" --seed 1 2>/dev/null
measure "sample -> csv" "${doppel[@]}" sample "$work/adult.model" -n "$rows" -o "$work/out.csv" --seed 2 --threads 1
measure "sample -> sqlite" "${doppel[@]}" sample "$work/adult.model" -n "$rows" -o "sqlite:$work/out.db" --table adult --seed 2 --threads 1
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
