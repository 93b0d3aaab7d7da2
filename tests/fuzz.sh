#!/usr/bin/env bash
# Fuzzes each of rules_go_api's fuzz targets for DURATION (a Go duration, default 10m), one after
# the other. New failing inputs land in the package's testdata/fuzz/<target>/, where the normal
# `go test` runs them from then on (commit them with the fix).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration=${1:-10m}
targets=(
  "./internal/apifile FuzzParse"
  "./internal/worker FuzzReadRequest"
  "./tools/featgen FuzzExportMode"
)
failed=()
for t in "${targets[@]}"; do
  set -- $t
  echo "== fuzz $2 in $1 for $duration"
  go test -run='^$' -fuzz="^$2\$" -fuzztime="$duration" "$1" || failed+=("$2")
done
if ((${#failed[@]})); then
  echo "fuzz: failures in ${failed[*]}: the failing inputs are in testdata/fuzz/" >&2
  exit 1
fi
