#!/usr/bin/env bash
# Runs every test of rules_go_api: formatting and lint (gofmt, go vet, buildifier), the Go unit and
# oracle tests, and the integration tests that drive real Bazel on the examples (tests/bazel, which
# set Bazel up through dev/offline/setup.sh on first use), on every lane of the version table
# dev/offline/lanes.txt: all of them on the first lane (today the only one, Bazel 7.7.1, with bzlmod
# and in WORKSPACE mode for the WORKSPACE tests), the integration tests again on each other lane.
# Extra arguments go to `go test`. Each phase prints its time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v go >/dev/null || { echo "run_all: Go is required: https://go.dev/dl/" >&2; exit 1; }

phase_start=$SECONDS
phase() {
  if [[ -n ${phase_name:-} ]]; then
    echo "-- $phase_name: $((SECONDS - phase_start)) s"
  fi
  phase_name=$1
  phase_start=$SECONDS
  [[ -n $phase_name ]] && echo "== $phase_name"
  return 0
}
trap 'phase ""; echo "run_all: $SECONDS s in all"' EXIT

phase "gofmt, go vet"
unformatted=$(gofmt -l $(git ls-files -co --exclude-standard '*.go' | grep -v '/testdata/'))
if [[ -n $unformatted ]]; then
  echo "run_all: gofmt needed on:" >&2
  echo "$unformatted" >&2
  exit 1
fi
go vet ./...

phase "buildifier (format and lint of all Starlark files)"
starlark=$(git ls-files -co --exclude-standard | grep -E '(^|/)(BUILD|BUILD\.bazel|WORKSPACE|MODULE\.bazel)$|\.bzl$' | grep -v '/testdata/')
# buildifier is pinned in its own module (dev/buildifier/go.mod); it runs there, on absolute paths.
go -C dev/buildifier tool buildifier -mode=check -lint=warn $(printf "$PWD/%s\n" $starlark) || {
  echo "run_all: fix with: go -C dev/buildifier tool buildifier -lint=fix <absolute paths>" >&2
  exit 1
}

# The lanes: name, Bazel version and modes of each row (dev/offline/lanes.txt).
mapfile -t lanes < <(awk '$1 == "lane" { print $2, $3, $6 }' dev/offline/lanes.txt)
((${#lanes[@]} > 0)) || { echo "run_all: dev/offline/lanes.txt has no lane" >&2; exit 1; }

# Every lane's Bazel set-up first, so that what a fresh machine's set-up costs is printed (the
# tests' output is shown only when they fail).
for row in "${lanes[@]}"; do
  read -r lane bazel modes <<<"$row"
  phase "Bazel set-up, lane $lane: Bazel $bazel (dev/offline/setup.sh, RULES_GO_API_BAZEL=$lane)"
  RULES_GO_API_BAZEL=$lane dev/offline/setup.sh >/dev/null
done

for i in "${!lanes[@]}"; do
  read -r lane bazel modes <<<"${lanes[i]}"
  if ((i == 0)); then
    phase "go test (unit, oracle, compatibility, catalogue, x/exp apidiff cases; Bazel integration tests on lane $lane: Bazel $bazel, ${modes/,/ and })"
    RULES_GO_API_BAZEL=$lane go test -count=1 -timeout 80m "$@" ./...
  else
    phase "Bazel integration tests on lane $lane: Bazel $bazel, ${modes/,/ and }"
    RULES_GO_API_BAZEL=$lane go test -count=1 -timeout 80m "$@" ./tests/bazel/
  fi
done

# The Gazelle extension is built and its golden tests run a second time against the newest Gazelle
# (gazelle/newest.mod; go.mod pins the Gazelle the Bazel lane runs).
phase "Gazelle extension against $(sed -n 's/^\t*github.com\/bazelbuild\/bazel-gazelle \(v[^ ]*\).*/Gazelle \1/p' gazelle/newest.mod)"
GOFLAGS=-modfile="$PWD/gazelle/newest.mod" go test -count=1 "$@" ./gazelle/
