#!/usr/bin/env bash
# Regenerates the public-API baseline of every library project (src/*/PublicAPI.Unshipped.txt) from the code,
# with the PublicApiAnalyzers' own code fix (RS0016, "add to the public API"), then builds to check it.
# Review the diff: every added or removed line is a change to what users can call.
#
# Usage: bash scripts/update-public-api.sh           regenerate PublicAPI.Unshipped.txt
#        bash scripts/update-public-api.sh --ship    afterwards, at a release: move the unshipped lines into
#                                                    PublicAPI.Shipped.txt
# A symbol that was shipped and is now gone (RS0017) is a breaking change and is not removed silently: the script
# lists it; delete its line from PublicAPI.Shipped.txt yourself if the break is intended.
set -euo pipefail
cd "$(dirname "$0")/.."

projects=()
for shipped in src/*/PublicAPI.Shipped.txt; do
  projects+=("$(dirname "$shipped")")
done

if [ "${1:-}" = "--ship" ]; then
  for p in "${projects[@]}"; do
    { cat "$p/PublicAPI.Shipped.txt"; grep -v '^#nullable enable$' "$p/PublicAPI.Unshipped.txt" || true; } \
      | awk 'NR == 1 && $0 == "#nullable enable" { print; next } { lines[n++] = $0 } END { asort(lines); for (i = 1; i <= n; i++) if (lines[i] != "") print lines[i] }' \
      > "$p/PublicAPI.Shipped.txt.new"
    mv "$p/PublicAPI.Shipped.txt.new" "$p/PublicAPI.Shipped.txt"
    printf '#nullable enable\n' > "$p/PublicAPI.Unshipped.txt"
  done
  echo "moved the unshipped public API of ${#projects[@]} projects into PublicAPI.Shipped.txt"
  exit 0
fi

# Start every Unshipped file afresh, so removed symbols disappear and added ones appear.
for p in "${projects[@]}"; do
  printf '#nullable enable\n' > "$p/PublicAPI.Unshipped.txt"
done

# Dependencies first, so each project is analysed against its references' current code.
for p in src/Doppel.Data src/Doppel.Neural src/Doppel.Synthesis src/Doppel.Evaluation src/Doppel.Api src/Doppel.Interop; do
  [ -f "$p/PublicAPI.Shipped.txt" ] || continue
  echo "updating $p"
  dotnet format analyzers "$p" --diagnostics RS0016 --severity warn --no-restore -v q || true
done
for p in "${projects[@]}"; do
  case " src/Doppel.Data src/Doppel.Neural src/Doppel.Synthesis src/Doppel.Evaluation src/Doppel.Api src/Doppel.Interop " in
    *" $p "*) ;;
    *) echo "updating $p"; dotnet format analyzers "$p" --diagnostics RS0016 --severity warn --no-restore -v q || true ;;
  esac
done

# Keep the files sorted (the code fix appends) so diffs stay small.
for p in "${projects[@]}"; do
  f="$p/PublicAPI.Unshipped.txt"
  { echo '#nullable enable'; awk 'NF && $0 != "#nullable enable"' "$f" | LC_ALL=C sort -u; } > "$f.new"
  mv "$f.new" "$f"
done

log=$(mktemp)
if dotnet build Doppel.slnx -c Release -nologo -v q > "$log" 2>&1; then
  echo "public API baseline updated; review: git diff -- 'src/*/PublicAPI.*.txt'"
else
  if grep -q 'RS0017' "$log"; then
    echo "these shipped symbols are gone (a breaking change; delete their lines from PublicAPI.Shipped.txt if intended):"
    grep 'RS0017' "$log" | sed 's/.*RS0017: //' | sort -u
  fi
  grep -E 'error' "$log" | grep -v RS0017 | sort -u | head -20
  rm -f "$log"
  exit 1
fi
rm -f "$log"
