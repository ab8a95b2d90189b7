#!/usr/bin/env bash
# Regenerates the Markdown API reference in docs/api/ from the public API and its XML comments, with DocFX
# (a local .NET tool, see dotnet-tools.json). DocFX reads the built assemblies rather than the sources, because
# it does not yet understand C# 14 extension blocks (Table.ReadCsv and friends) in source form.
# Usage: bash scripts/api-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
# The Oversampling sample references every library project, so its output folder holds all the assemblies,
# their XML documentation and their dependencies.
dotnet build samples/Oversampling -c Release -nologo -v q
rm -rf docs/api
dotnet docfx metadata docs/docfx.json
# Index page: the namespaces, and a pointer to the guide.
{
  echo "# Doppel API reference"
  echo
  echo "Generated from the XML comments by \`bash scripts/api-docs.sh\`; do not edit by hand. Start with the"
  echo "namespace [Doppel](Doppel.md) (the entry points) and [docs/GUIDE.md](../GUIDE.md)."
  echo
  for f in docs/api/*.md; do
    name=$(basename "$f" .md)
    case "$name" in
      README) ;;
      *) if grep -q '^# <a id=.*Namespace ' "$f"; then echo "- [$name]($name.md)"; fi ;;
    esac
  done
} > docs/api/README.md
echo "wrote $(ls docs/api/*.md | wc -l) pages to docs/api/"
