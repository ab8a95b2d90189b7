#!/usr/bin/env bash
# Whole-process timing of `doppel fit` with tvae on Adult (32,561 rows): wall time, CPU time and peak memory from
# /usr/bin/time -v. Run it on a quiet machine. EPOCHS defaults to 10; the per-epoch figure subtracts a 1-epoch run
# (reading, transformer fit, start-up), so 300 epochs take about (fixed + 300 x per-epoch).
# Usage: bash scripts/bench-tvae.sh [EPOCHS]
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-10}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
dotnet build src/Doppel.Cli -c Release -nologo -v quiet > "$work/build.log" || { cat "$work/build.log"; exit 1; }
run() {
  /usr/bin/time -v dotnet src/Doppel.Cli/bin/Release/net10.0/Doppel.Cli.dll fit data/adult.csv -s tvae --epochs "$1" --seed 0 \
    -o "$work/m.model" > /dev/null 2> "$work/time-$1.log"
  wall=$(grep 'Elapsed (wall clock)' "$work/time-$1.log" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  cpu=$(grep -E 'User time|System time' "$work/time-$1.log" | awk '{s += $NF} END {print s}')
  rss=$(grep 'Maximum resident set size' "$work/time-$1.log" | awk '{print int($NF/1024)}')
  echo "$1 $wall $cpu $rss"
}
read -r _ wall1 cpu1 rss1 < <(run 1)
read -r _ wallN cpuN rssN < <(run "$epochs")
per=$(echo "($wallN - $wall1) / ($epochs - 1)" | bc -l)
printf 'tvae fit, 1 epoch:  wall %.2f s, cpu %.2f s, peak RSS %d MB\n' "$wall1" "$cpu1" "$rss1"
printf 'tvae fit, %d epochs: wall %.2f s, cpu %.2f s, peak RSS %d MB\n' "$epochs" "$wallN" "$cpuN" "$rssN"
printf 'per epoch: %.3f s wall; 300 epochs estimated at %.0f s\n' "$per" "$(echo "$wall1 + 299 * $per" | bc -l)"
