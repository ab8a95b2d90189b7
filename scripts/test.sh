#!/usr/bin/env bash
# Runs the whole test suite and ends with one line: "N passed, N failed[, N skipped]".
# Usage: bash scripts/test.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

bash scripts/setup.sh postgresql chromium || { echo "0 passed, 1 failed"; exit 1; }

if ! dotnet build Doppel.slnx -c Release -nologo -v minimal; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

log="$results/test-output.log"
dotnet test Doppel.slnx -c Release --no-build -nologo \
  --logger "console;verbosity=normal" --results-directory "$results" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# With normal verbosity every test prints one line: "  Passed NAME", "  Failed NAME" or "  Skipped NAME".
passed=$(grep -c -E '^  Passed ' "$log")
failed=$(grep -c -E '^  Failed ' "$log")
skipped=$(grep -c -E '^  Skipped ' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit "$status"
