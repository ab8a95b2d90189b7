#!/usr/bin/env bash
# Matrix-product speed: runs GemmBenchmarks and FmaPeakBenchmarks (BenchmarkDotNet) and prints one
# Markdown table of GFLOP/s per shape, layout and thread count, with the fastest iteration's rate as a
# share of the stated peak (210 GFLOP/s on one core, 420 on two) and the reference stack's OpenBLAS
# figure (one thread) for the same shape.
# Usage: bash scripts/bench-gemm.sh            run the benchmarks, then print the table
#        bash scripts/bench-gemm.sh --no-run   print the table from the last run's CSV reports
set -euo pipefail
cd "$(dirname "$0")/.."
results=BenchmarkDotNet.Artifacts/results

if [ "${1:-}" != "--no-run" ]; then
  dotnet run -c Release --project benchmarks/Doppel.Benchmarks -- \
    --filter '*.GemmBenchmarks.*' '*.FmaPeakBenchmarks.*' "$@" >&2
fi

report() {
  # $1: CSV report. Prints: method|shape|threads|mean|gflops|best|share|ratio
  mawk -v want="Method Shape Threads Mean GFLOP/s best.GFLOP/s best.%.of.peak Ratio" '
    function split_csv(line, out,   i, c, q, f, n) {
      n = 0; f = ""; q = 0
      for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (c == "\"") { q = !q; continue }
        if (c == "," && !q) { out[++n] = f; f = ""; continue }
        f = f c
      }
      out[++n] = f
      return n
    }
    NR == 1 {
      n = split_csv($0, head)
      for (i = 1; i <= n; i++) { name = head[i]; gsub(/ /, ".", name); col[name] = i }
      m = split(want, names, " ")
      next
    }
    {
      split_csv($0, row)
      line = ""
      for (i = 1; i <= m; i++) line = line (i > 1 ? "|" : "") ((names[i] in col) ? row[col[names[i]]] : "-")
      print line
    }' "$1"
}

gemm=$results/Doppel.Benchmarks.Neural.GemmBenchmarks-report.csv
peak=$results/Doppel.Benchmarks.Neural.FmaPeakBenchmarks-report.csv
[ -f "$gemm" ] || { echo "no report at $gemm: run without --no-run first" >&2; exit 1; }

# The core's measured ceiling: the faster of the two FMA loops' best rates in the same run.
ceiling=0
if [ -f "$peak" ]; then
  ceiling=$(report "$peak" | mawk -F'|' 'BEGIN { c = 0 } { if ($6 + 0 > c) c = $6 + 0 } END { print c }')
fi

echo "| shape (m x k times k x n) | layout | threads | mean time | GFLOP/s (mean) | GFLOP/s (best) | best, share of 210 per core | best, share of measured ceiling | best, times baseline | OpenBLAS, 1 thread |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
report "$gemm" | mawk -F'|' -v ceiling="$ceiling" '
  BEGIN {
    ref["500x256x256"] = 33; ref["500x384x256"] = 46; ref["5000x256x256"] = 38
    ref["4096x256x1024"] = 37; ref["4096x1024x1024"] = 68; ref["1024x1024x1024"] = 92
    layout["Baseline"] = "baseline (TensorPrimitives rows)"; layout["AB"] = "A·B"
    layout["AtB"] = "Aᵀ·B"; layout["ABt"] = "A·Bᵀ"
  }
  { rows[NR] = $0; if ($1 == "Baseline") base[$2 "|" $3] = $6 + 0 }
  END {
    for (i = 1; i <= NR; i++) {
      split(rows[i], f, "|")
      split(f[2], d, "x")
      b = base[f[2] "|" f[3]]
      times = (b > 0) ? sprintf("%.1f", (f[6] + 0) / b) : "-"
      share = (ceiling > 0) ? sprintf("%.0f%%", 100 * (f[6] + 0) / (ceiling * f[3])) : "-"
      printf "| %s x %s * %s x %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", d[1], d[2], d[2], d[3], layout[f[1]], f[3], f[4], f[5], f[6], f[7], share, times, ref[f[2]]
    }
  }'

if [ -f "$peak" ]; then
  echo
  echo "| core ceiling (12 independent FMA chains, one thread) | mean GFLOP/s | best GFLOP/s |"
  echo "|---|---:|---:|"
  report "$peak" | mawk -F'|' '{ printf "| %s | %s | %s |\n", $1, $5, $6 }'
fi
