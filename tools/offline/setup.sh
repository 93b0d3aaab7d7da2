#!/usr/bin/env bash
# Prepares real Bazel for this project's tests and examples, and prints the path of a launcher: an
# executable that runs that Bazel with this set-up's flags in the current directory
# (tools/offline/bazel execs it). The lane is chosen by RULES_GO_API_BAZEL:
#
#   4 (default)  the host's Bazel. Debian's 4.2.3 (installed if there is no Bazel and this is Debian
#                with root) runs offline in WORKSPACE mode with local copies of every external
#                repository (lane4.sh). A Bazel 7 or newer with network gets only shared caches.
#   7            Debian unstable's Bazel 7.7 with bzlmod, offline, in a root filesystem of its own
#                (lane7.sh).
#
# Everything lives under $RULES_GO_API_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/rules_go_api),
# outside the repository. Completed set-ups are stamped with a hash of these scripts and the
# versions they found, so later runs only check the stamp.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${RULES_GO_API_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rules_go_api}

log() { echo "offline-bazel: $*" >&2; }
die() {
  echo "offline-bazel: error: $*" >&2
  exit 1
}

# install_debian_packages PACKAGE...: installs Debian packages, or fails saying how to get them.
install_debian_packages() {
  if [[ ! -f /etc/debian_version ]] || [[ $(id -u) != 0 ]]; then
    die "$* missing. Install Bazel 7 or newer (https://bazel.build/install/bazelisk) or, on Debian 12 as root:
  apt-get install $*"
  fi
  log "installing Debian packages: $*"
  apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2 || die "apt-get install $* failed"
}

# module_dir PATH@VERSION: the (read-only) directory of a module from the Go module proxy.
module_dir() {
  local json
  json=$(cd / && GOFLAGS=-mod=mod go mod download -json "$1") || die "go mod download $1 failed: $json"
  sed -nE 's/^\s*"Dir": "(.*)",?$/\1/p' <<<"$json"
}

command -v go >/dev/null || die "no go on PATH: install Go 1.26 (https://go.dev/dl/)"
mkdir -p "$cache"

case ${RULES_GO_API_BAZEL:-4} in
4) source "$here/lane4.sh" ;;
7) source "$here/lane7.sh" ;;
*) die "RULES_GO_API_BAZEL=${RULES_GO_API_BAZEL} is not a lane: use 4 (the host's Bazel, Debian's 4.2.3 by default) or 7 (Debian unstable's 7.7 with bzlmod)" ;;
esac
