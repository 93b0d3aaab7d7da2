#!/usr/bin/env bash
# Prepares real Bazel for this project's tests and examples, and prints the path of a launcher: an
# executable that runs that Bazel with this set-up's flags in the current directory
# (dev/offline/bazel execs it). The lane is chosen by RULES_GO_API_BAZEL, among the lanes of the
# version table, dev/offline/lanes.txt, which says each lane's Bazel, its source, its script and
# its rules_go and Gazelle versions:
#
#   unset  a Bazel on PATH of a supported series (lanes.txt: Bazel 7 or newer) if there is one (with
#          network: bzlmod fetches everything; the set-up only shares caches), else the table's
#          first lane.
#   NAME   the table's lane NAME, set up by its script (lane 7: Debian unstable's Bazel 7.7,
#          offline, in a root filesystem of its own, lane7.sh: bzlmod in a workspace with
#          MODULE.bazel, WORKSPACE mode in one with only a WORKSPACE file).
#
# Everything lives under $RULES_GO_API_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/rules_go_api),
# outside the repository. Completed set-ups are stamped with a hash of these scripts, the table and
# the versions they found, so later runs only check the stamp.
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

# write_launcher DIR RC VERSION: DIR/bazel runs the host's Bazel with RC.
write_launcher() {
  cat >"$1/bazel" <<EOF
#!/usr/bin/env bash
# Written by dev/offline/setup.sh: runs $3 with $2.
exec bazel --bazelrc="$2" --output_user_root="$cache/output_user_root" --max_idle_secs=900 "\$@"
EOF
  chmod +x "$1/bazel"
}

command -v go >/dev/null || die "no go on PATH: install Go 1.26 (https://go.dev/dl/)"
mkdir -p "$cache"

# The version table (lanes.txt's header says its format).
table=$here/lanes.txt
lanes=$(awk '$1 == "lane" { print $2 }' "$table")
[[ -n $lanes ]] || die "$table has no lane"
min_major=$(awk '$1 == "supported" { sub(/\.x$/, "", $2); print $2 }' "$table" | sort -n | head -n 1)

lane=${RULES_GO_API_BAZEL:-}
if [[ -z $lane ]]; then
  lane=${lanes%%$'\n'*}
  host_version=$(bazel --version 2>/dev/null || true)
  if [[ $host_version =~ ^bazel\ ([0-9]+)\. ]] && ((BASH_REMATCH[1] >= min_major)); then
    lane=host
  fi
fi
if [[ $lane == host ]]; then
  host_version=${host_version:-$(bazel --version)}
  # A modern Bazel with network: MODULE.bazel fetches everything; only the caches are shared.
  rc=$cache/modern.bazelrc
  printf '%s\n' "# Written by dev/offline/setup.sh for $host_version: bzlmod, no overrides." \
    "common --disk_cache=$cache/disk_cache" "common --repository_cache=$cache/repository_cache" >"$rc.tmp"
  mv "$rc.tmp" "$rc"
  mkdir -p "$cache/modern"
  write_launcher "$cache/modern" "$rc" "$host_version"
  echo "$cache/modern/bazel"
  exit 0
fi

# The lane's row: lane NAME BAZEL SOURCE SCRIPT MODES RULES_GO GAZELLE. The script reads the rest.
read -r _ lane_name lane_bazel lane_source lane_script lane_modes lane_rules_go lane_gazelle _ < <(
  awk -v lane="$lane" '$1 == "lane" && $2 == lane' "$table"
) || die "RULES_GO_API_BAZEL=$lane is not a lane of $table: use one of: $(echo $lanes) (the first is the default without a Bazel $min_major+ on PATH)"
[[ -f $here/$lane_script ]] || die "$table: lane $lane_name's script $lane_script is not in $here"
# shellcheck source=lane7.sh
source "$here/$lane_script"
