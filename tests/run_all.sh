#!/usr/bin/env bash
# Runs every test of rules_go_api: formatting and lint (gofmt, go vet, buildifier), the Go unit and
# oracle tests, and the integration tests that drive real Bazel on the examples (tests/bazel, which
# set Bazel up through dev/offline/setup.sh on first use), on both Bazel lanes: Debian unstable's
# 7.7.1 with bzlmod and Debian's 4.2.3 in WORKSPACE mode. Extra arguments go to `go test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v go >/dev/null || { echo "run_all: Go is required: https://go.dev/dl/" >&2; exit 1; }

echo "== gofmt, go vet"
unformatted=$(gofmt -l $(git ls-files -co --exclude-standard '*.go' | grep -v '/testdata/'))
if [[ -n $unformatted ]]; then
  echo "run_all: gofmt needed on:" >&2
  echo "$unformatted" >&2
  exit 1
fi
go vet ./...

echo "== buildifier (format and lint of all Starlark files)"
starlark=$(git ls-files -co --exclude-standard | grep -E '(^|/)(BUILD|BUILD\.bazel|WORKSPACE|MODULE\.bazel)$|\.bzl$' | grep -v '/testdata/')
# buildifier is pinned in its own module (dev/buildifier/go.mod); it runs there, on absolute paths.
go -C dev/buildifier tool buildifier -mode=check -lint=warn $(printf "$PWD/%s\n" $starlark) || {
  echo "run_all: fix with: go -C dev/buildifier tool buildifier -lint=fix <absolute paths>" >&2
  exit 1
}

# Set both Bazel lanes up first, so that what a fresh machine's set-up costs is printed (the
# tests' output is shown only when they fail).
for lane in 7 4; do
  echo "== Bazel set-up, lane $lane (dev/offline/setup.sh)"
  start=$SECONDS
  RULES_GO_API_BAZEL=$lane dev/offline/setup.sh >/dev/null
  echo "lane $lane ready in $((SECONDS - start)) s"
done

echo "== go test (unit, oracle, compatibility tests; Bazel integration tests on Bazel 7.7.1, bzlmod)"
RULES_GO_API_BAZEL=7 go test -count=1 -timeout 80m "$@" ./...

# The same integration tests on the second Bazel lane (dev/offline/lane4.sh).
echo "== Bazel integration tests on Bazel 4.2.3, WORKSPACE (RULES_GO_API_BAZEL=4)"
RULES_GO_API_BAZEL=4 go test -count=1 -timeout 80m "$@" ./tests/bazel/

# The Gazelle extension is built and its golden tests run a second time against the newest Gazelle
# (gazelle/newest.mod; go.mod pins v0.38.0, the newest Gazelle that Bazel 4.2.3 runs).
echo "== Gazelle extension against $(sed -n 's/^\t*github.com\/bazelbuild\/bazel-gazelle \(v[^ ]*\).*/Gazelle \1/p' gazelle/newest.mod)"
GOFLAGS=-modfile="$PWD/gazelle/newest.mod" go test -count=1 "$@" ./gazelle/
