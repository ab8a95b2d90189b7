#!/usr/bin/env bash
# Speed and memory of a GAN on Adult, whole process, pinned to two cores: fits with 1 and 1 + E epochs (the
# difference over E is the time of an epoch, without start-up and the transformer fit), reports the peak resident
# memory of the longer fit, then times sampling 32,561 rows.
# Usage: bash scripts/bench-gan.sh [SYNTH=ctgan] [E=5]    (run on a quiet machine)
set -euo pipefail
cd "$(dirname "$0")/.."
synth=${1:-ctgan}
extra=${2:-5}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
dotnet build src/Doppel.Cli -c Release -nologo -v quiet > "$work/build.log" || { cat "$work/build.log"; exit 1; }
doppel() { taskset -c 0,1 dotnet src/Doppel.Cli/bin/Release/net10.0/Doppel.Cli.dll "$@"; }
seconds() { local s; s=$(date +%s.%N); "$@" > /dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }

one=$(seconds doppel fit data/adult.csv -s "$synth" --seed 0 --set epochs=1 -o "$work/one.model")
/usr/bin/time -f '%M' -o "$work/rss" taskset -c 0,1 dotnet src/Doppel.Cli/bin/Release/net10.0/Doppel.Cli.dll \
  fit data/adult.csv -s "$synth" --seed 0 --set epochs=$((1 + extra)) -o "$work/more.model" > /dev/null 2>&1
more=$(seconds doppel fit data/adult.csv -s "$synth" --seed 0 --set epochs=$((1 + extra)) -o "$work/more.model")
doppel sample "$work/more.model" -n 100 --seed 1 -o "$work/warm.csv" > /dev/null 2>&1
small=$(seconds doppel sample "$work/more.model" -n 1 --seed 1 -o "$work/s1.csv")
large=$(seconds doppel sample "$work/more.model" -n 32561 --seed 1 -o "$work/s2.csv")
echo "$synth on adult.csv, 2 cores:"
echo "  fit, 1 epoch:            $one s"
echo "  fit, $((1 + extra)) epochs:           $more s"
echo "  one epoch:               $(echo "scale=3; ($more - $one) / $extra" | bc) s"
echo "  peak memory (fit):       $(( $(cat "$work/rss") / 1024 )) MB"
echo "  sample 32,561 rows:      $(echo "scale=3; $large - $small" | bc) s (beyond a 1-row sample: start-up excluded)"
