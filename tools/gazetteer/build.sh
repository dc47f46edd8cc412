#!/usr/bin/env bash
# Rebuilds internal/geo/data/gazetteer.tsv.zst from the pinned npm packages
# in tools/gazetteer/package.json. Run from anywhere inside the repository:
#
#   bash tools/gazetteer/build.sh
#
# The packages are installed into a temporary folder that is removed
# afterwards; nothing under node_modules is ever committed. The same package
# versions give the same output bytes.
set -euo pipefail
root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel 2>/dev/null || (cd "$(dirname "$0")/../.." && pwd))"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$root/tools/gazetteer/package.json" "$tmp/"
(cd "$tmp" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error)
cd "$root"
go run ./internal/geo/cmd/buildgazetteer -npm "$tmp/node_modules" -out internal/geo/data/gazetteer.tsv.zst "$@"
