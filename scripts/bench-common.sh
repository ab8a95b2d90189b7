# Sourced by the whole-process benchmark scripts (run from the repository root): the CLI to time, a scratch folder,
# and `timed`, which runs one command under /usr/bin/time.
# DOPPEL_CLI: the Doppel.Cli.dll to measure (default: this checkout's Release build, built first). To measure another
# build, for example the code before a change:
#   git archive <commit> | tar -x -C /tmp/before && dotnet build /tmp/before/src/Doppel.Cli -c Release
#   DOPPEL_CLI=/tmp/before/src/Doppel.Cli/bin/Release/net10.0/Doppel.Cli.dll bash scripts/<script>.sh
if [[ -z "${DOPPEL_CLI:-}" ]]; then
  dotnet build src/Doppel.Cli -c Release -nologo -v quiet >/dev/null
  DOPPEL_CLI=src/Doppel.Cli/bin/Release/net10.0/Doppel.Cli.dll
fi
doppel=(dotnet "$DOPPEL_CLI")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# timed COMMAND...: runs COMMAND with its output discarded and sets wall (s), cpu (user + system, s) and rss (peak,
# KB); if COMMAND fails, prints its standard error and ends the script.
timed() {
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr"; exit 1; }
  local user sys
  read -r wall user sys rss < "$work/time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
}
