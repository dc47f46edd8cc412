#!/usr/bin/env bash
# build-world.sh rebuilds ../static/world.json.gz, the country outlines of the
# map view, from the npm package world-atlas (Natural Earth, public domain).
# It needs node and npm; go build and go test do not (the output is committed).
# Reproducible: the package version is pinned and gzip runs with -n (no name
# or time stamp).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent world-atlas@2.0.2)
node "$here/build-world.mjs" "$work/node_modules/world-atlas/countries-110m.json" "$work/world.json"
gzip -9 -n -c "$work/world.json" > "$here/../static/world.json.gz"
cp "$work/node_modules/world-atlas/LICENSE" "$here/../static/world-atlas-LICENSE.txt"
echo "wrote $here/../static/world.json.gz"
