# Sourced by setup.sh for a lane of dev/offline/lanes.txt whose script it is (lane 7: Debian
# unstable's Bazel 7.7): a Debian root filesystem's Bazel, offline, with bzlmod (a workspace with
# MODULE.bazel) or in WORKSPACE mode (a workspace with only a WORKSPACE file). The Bazel version, the
# Debian suite and package, and the rules_go and Gazelle versions are the lane's row's.
#
# Debian's stable release has no Bazel newer than 4.2.3, and unstable's bazel-bootstrap 7.7 needs a
# newer C library than the host's. So Bazel runs in a Debian unstable root filesystem (debootstrap
# minbase) through bubblewrap: a mount namespace per command in which the root filesystem is `/`,
# and the host's own directories (every top-level one but the system's: the workspace, this cache,
# /tmp, $HOME), the Go SDK (read-only), resolv.conf and the CA certificates keep their paths. Nothing
# is mounted on the host itself, so deleting the cache never reaches through a mount into the host
# (as it would with chroot and bind mounts).
#
# bzlmod runs offline: an empty file registry, and --override_module for every module in the graph:
# rules_go and Gazelle from the Go module proxy, the rule sets Debian ships under /usr/share/bazel
# (its /etc/bazel/bazelrc already overrides most), small stubs for modules that Bazel's own
# graph names but Go builds never use, and buildozer built from source for `bazel mod tidy`.
# WORKSPACE mode runs offline the same way: --override_repository for every repository a Go build
# fetches, from the same copies.
#
# Inputs from setup.sh: $here, $cache, $table, log, die, module_dir, install_debian_packages, and
# the lane's row: $lane_name, $lane_bazel, $lane_source, $lane_script, $lane_rules_go, $lane_gazelle.
# Prints the launcher's path.

# debian-rootfs:SUITE:PACKAGE
IFS=: read -r source_kind debian_suite bazel_package <<<"$lane_source"
[[ $source_kind == debian-rootfs && -n $debian_suite && -n $bazel_package ]] ||
  die "$table: lane $lane_name's source $lane_source is not debian-rootfs:SUITE:PACKAGE, which $lane_script sets up"
bazel_series=${lane_bazel%.*}
lane_dir=$cache/bazel$lane_name
rootfs=$lane_dir/rootfs
rules_go_version=$lane_rules_go
gazelle_version=$lane_gazelle
mirror=${RULES_GO_API_DEBIAN_MIRROR:-http://deb.debian.org/debian}
# bazel-rules-shell: rules_go and Gazelle depend on rules_shell. zip and file: Bazel's test-setup.sh
# zips a test's undeclared outputs and fails the test without them.
rootfs_packages="$bazel_package bazel-rules-shell zip file"

# in_rootfs CMD...: runs CMD in the root filesystem, with the host's network (apt needs it).
in_rootfs() {
  bwrap --bind "$rootfs" / --proc /proc --dev /dev --tmpfs /tmp \
    --ro-bind /etc/resolv.conf /etc/resolv.conf \
    /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root DEBIAN_FRONTEND=noninteractive "$@"
}

make_rootfs() {
  [[ $(id -u) == 0 ]] || die "building lane $lane_name's root filesystem needs root (debootstrap, apt); run once as root:
  RULES_GO_API_BAZEL=$lane_name $here/setup.sh"
  command -v debootstrap >/dev/null || install_debian_packages debootstrap
  command -v bwrap >/dev/null || install_debian_packages bubblewrap
  local start=$SECONDS
  log "building a Debian $debian_suite root filesystem in $rootfs (once; measured here: about 2 minutes on 2 cores)"
  rm -rf "$rootfs.tmp"
  debootstrap --variant=minbase "$debian_suite" "$rootfs.tmp" "$mirror" >&2 ||
    die "debootstrap $debian_suite from $mirror failed (set RULES_GO_API_DEBIAN_MIRROR to another Debian mirror)"
  local debootstrap_seconds=$((SECONDS - start))
  # The mirror may serve a snapshot whose Release files are past their Valid-Until date: accept
  # the date, keep the signature check.
  local apt=(apt-get -o Acquire::Check-Valid-Until=false -o APT::Install-Recommends=false -y -q)
  rootfs=$rootfs.tmp in_rootfs "${apt[@]}" update >&2 || die "apt-get update in the root filesystem failed"
  # shellcheck disable=SC2086
  rootfs=$rootfs.tmp in_rootfs "${apt[@]}" install $rootfs_packages >&2 ||
    die "apt-get install $rootfs_packages in the root filesystem failed"
  rootfs=$rootfs.tmp in_rootfs apt-get clean
  rm -rf "$rootfs"
  mv "$rootfs.tmp" "$rootfs"
  log "root filesystem ready in $((SECONDS - start)) s (debootstrap ${debootstrap_seconds} s, apt $((SECONDS - start - debootstrap_seconds)) s); installed:"
  in_rootfs dpkg-query -W "$bazel_package" bazel-rules-shell openjdk-25-jre-headless libc6 >&2 || true
}

[[ -x $rootfs/usr/bin/bazel ]] || make_rootfs
command -v bwrap >/dev/null || install_debian_packages bubblewrap

bazel_version=$(in_rootfs bazel --version 2>/dev/null) || die "bazel --version failed in $rootfs; remove it to rebuild"
[[ $bazel_version == "bazel $bazel_series."* ]] ||
  die "the root filesystem has $bazel_version, not Bazel $bazel_series (Debian $debian_suite moved on?): remove $rootfs to rebuild, or update lane $lane_name in $table"

# The table: the lane's versions. go.mod: buildozer is built at the buildtools version it pins.
key=$(cat "$here/setup.sh" "$here/$lane_script" "$table" "$here/../../go.mod" <(echo "$bazel_version") <(go version) | sha256sum | cut -c1-12)
deps=$lane_dir/deps-$key
if [[ ! -f $deps/.complete ]]; then
  log "building lane $lane_name's module set in $deps (once)"
  rm -rf "$lane_dir"/deps-*
  mkdir -p "$deps.tmp"
  mods=$deps.tmp/modules

  # proxy_module PATH@VERSION DEST: a module's source tree from the Go module proxy.
  proxy_module() {
    mkdir -p "$(dirname "$2")"
    cp -R "$(module_dir "$1")" "$2"
    chmod -R u+w "$2"
    # Module zips keep no file modes: scripts must be executable again (rules_go runs
    # go/private/rules/binary_wrapper.sh directly).
    find "$2" -type f -exec awk 'FNR == 1 { if (/^#!/) print FILENAME; nextfile }' {} + | xargs -r -d '\n' chmod +x
  }
  proxy_module "github.com/bazelbuild/rules_go@$rules_go_version" "$mods/rules_go"
  proxy_module "github.com/bazelbuild/bazel-gazelle@$gazelle_version" "$mods/gazelle"
  # Gazelle's BUILD files name //v2/..., a nested module its zip leaves out: graft in the v2
  # module at the version its go.mod requires. go_repository_tools lists //v2:go.sum, which the
  # v2 zip lacks (v2 has no requirements, so it is empty).
  gazelle_v2=$(awk '$1 == "github.com/bazel-contrib/bazel-gazelle/v2" { print $2 }' "$mods/gazelle/go.mod")
  [[ -n $gazelle_v2 ]] || die "Gazelle $gazelle_version's go.mod does not require bazel-gazelle/v2"
  proxy_module "github.com/bazel-contrib/bazel-gazelle/v2@$gazelle_v2" "$mods/gazelle/v2"
  touch "$mods/gazelle/v2/go.sum"

  # stub NAME [PATH=CONTENT...]: a module with nothing in it but the given files.
  stub() {
    local dir=$mods/$1 file
    shift
    mkdir -p "$dir"
    printf 'module(name = "%s")\n' "$(basename "$dir")" >"$dir/MODULE.bazel"
    : >"$dir/BUILD.bazel"
    for file in "$@"; do
      mkdir -p "$(dirname "$dir/${file%%=*}")"
      printf '%s\n' "${file#*=}" >"$dir/${file%%=*}"
    done
  }
  # Named by bazel_tools' or rules_go's MODULE.bazel, never used by a Go build.
  stub protobuf
  stub zlib
  stub apple_support
  # buildozer: `bazel mod tidy` runs @buildozer_binary//:buildozer.exe, which the real module
  # downloads from GitHub. Here it is the real buildozer, built from the buildtools version that
  # rules_go_api's go.mod pins.
  buildtools_version=$(awk '$1 == "github.com/bazelbuild/buildtools" { print $2 }' "$here/../../go.mod")
  [[ -n $buildtools_version ]] || die "go.mod does not require github.com/bazelbuild/buildtools"
  (cd / && GOFLAGS=-mod=mod GOBIN="$deps.tmp/bin" CGO_ENABLED=0 go install "github.com/bazelbuild/buildtools/buildozer@$buildtools_version") >&2 ||
    die "building buildozer $buildtools_version from the Go module proxy failed"
  stub buildozer 'buildozer_binary.bzl=def _repo_impl(rctx):
    rctx.symlink("'"$deps"'/bin/buildozer", "buildozer.exe")
    rctx.file("BUILD.bazel", "exports_files([\"buildozer.exe\"])\n")

_repo = repository_rule(_repo_impl)

def _extension_impl(_mctx):
    _repo(name = "buildozer_binary")

buildozer_binary = module_extension(_extension_impl)'
  # rules_go loads PackageMetadataInfo, and Gazelle's go_repository writes package_metadata
  # targets into every go_deps repository. The stub's targets carry no metadata, as if none was
  # declared.
  stub package_metadata \
    'providers/BUILD.bazel=exports_files(["package_metadata_info.bzl"])' \
    'providers/package_metadata_info.bzl=PackageMetadataInfo = provider(fields = ["metadata", "purl"])' \
    'rules/BUILD.bazel=exports_files(["package_metadata.bzl"])' \
    'rules/package_metadata.bzl=def _impl(_ctx):
    return [DefaultInfo()]

_package_metadata = rule(
    implementation = _impl,
    attrs = {"purl": attr.string(), "attributes": attr.label_list()},
)

def package_metadata(name, **kwargs):
    # Not applicable_licenses of itself (the repository default would make a self-edge).
    _package_metadata(name = name, applicable_licenses = [], **kwargs)'

  # Debian's bazel_features (1.11) predates a field rules_go v0.6x reads; on Bazel 7 the true
  # value is False (the feature is Bazel 9's).
  cp -R "$rootfs/usr/share/bazel/tools/features" "$mods/bazel_features"
  chmod -R u+w "$mods/bazel_features"
  sed -i 's/^_rules = struct($/&\n    instrumented_files_info_has_baseline_coverage_files = False,/' "$mods/bazel_features/features.bzl"
  grep -q instrumented_files_info_has_baseline_coverage_files "$mods/bazel_features/features.bzl" ||
    die "patching Debian's bazel_features failed: its features.bzl changed"

  # An empty registry: nothing is ever looked up on the network.
  mkdir -p "$deps.tmp/registry/modules"
  echo '{}' >"$deps.tmp/registry/bazel_registry.json"

  # rules_go's go_sdk extension asks go.dev for the list of Go releases whenever a module declares
  # a downloaded SDK (rules_go itself declares its default one), even when the root module uses
  # go_sdk.host(); it allows the failure, but offline Bazel prints a warning for each of its two
  # hosts, which a user with network never sees. Blocking them (unreachable here anyway) fails the
  # download at once and silently.
  printf '%s\n' "block go.dev" "block golang.google.cn" >"$deps.tmp/downloader.cfg"

  # Bazel 7.7 rejects an override of a module that is not in the graph, so there are two rc
  # files: base.bazelrc for any workspace, go.bazelrc for workspaces whose graph has rules_go
  # (which brings Gazelle, package_metadata and rules_shell with it).
  {
    echo "# Written by dev/offline/setup.sh: $bazel_version, bzlmod, no network."
    echo "common --registry=file://$deps/registry"
    echo "common --lockfile_mode=off"
    echo "common --noenable_workspace"
    for m in buildozer protobuf zlib apple_support bazel_features; do
      echo "common --override_module=$m=$deps/modules/$m"
    done
    echo "common --repository_cache=$lane_dir/repository_cache"
    echo "common --experimental_downloader_config=$deps/downloader.cfg"
    echo "build --disk_cache=$lane_dir/disk_cache"
  } >"$deps.tmp/base.bazelrc"
  {
    echo "# Written by dev/offline/setup.sh: workspaces whose module graph has rules_go."
    echo "import $deps/base.bazelrc"
    for m in package_metadata rules_go gazelle; do
      echo "common --override_module=$m=$deps/modules/$m"
    done
    echo "common --override_module=rules_shell=/usr/share/bazel/rules/shell"
    # go_deps downloads modules with the host's proxy settings.
    echo "common --repo_env=GOPROXY=$(go env GOPROXY)"
    echo "common --repo_env=GOSUMDB=$(go env GOSUMDB)"
  } >"$deps.tmp/go.bazelrc"

  # WORKSPACE mode (Bazel 7's --enable_workspace, which Bazel 8 turns off by default and 9
  # removes): the repositories rules_go's and Gazelle's WORKSPACE macros declare, from the same
  # copies. Not importing base.bazelrc, whose --noenable_workspace would win over a workspace's
  # own .bazelrc.
  {
    echo "# Written by dev/offline/setup.sh: $bazel_version, WORKSPACE mode, no network."
    echo "common --enable_workspace"
    echo "common --noenable_bzlmod"
    for r in io_bazel_rules_go=rules_go bazel_gazelle=gazelle bazel_features=bazel_features package_metadata=package_metadata; do
      echo "common --override_repository=${r%%=*}=$deps/modules/${r#*=}"
    done
    for r in bazel_skylib=tools/skylib platforms=tools/platforms rules_shell=rules/shell rules_cc=rules/cc \
      rules_java=rules/java rules_license=rules/license rules_python=rules/python rules_proto=rules/proto; do
      echo "common --override_repository=${r%%=*}=/usr/share/bazel/${r#*=}"
    done
    echo "common --repository_cache=$lane_dir/repository_cache"
    echo "common --experimental_downloader_config=$deps/downloader.cfg"
    echo "build --disk_cache=$lane_dir/disk_cache"
    echo "common --repo_env=GOPROXY=$(go env GOPROXY)"
    echo "common --repo_env=GOSUMDB=$(go env GOSUMDB)"
  } >"$deps.tmp/workspace.bazelrc"

  # The launcher: Bazel in the root filesystem, in the caller's directory, with the host
  # directories it needs at their own paths.
  cat >"$deps.tmp/bazel" <<EOF
#!/usr/bin/env bash
# Written by dev/offline/setup.sh: runs $bazel_version from $rootfs.
set -euo pipefail
rootfs=$rootfs
deps=$deps
user_root=$lane_dir/output_user_root
goroot=$(go env GOROOT)
EOF
  cat >>"$deps.tmp/bazel" <<'EOF'
# The workspace is the nearest directory upwards with one of Bazel's marker files, as bazel finds
# it: a command may run from any directory of a workspace.
root=$PWD
until [[ -f $root/MODULE.bazel || -f $root/REPO.bazel || -f $root/WORKSPACE || -f $root/WORKSPACE.bazel ]]; do
  if [[ $root == / ]]; then
    echo "dev/offline/bazel: $PWD is not in a Bazel workspace (no MODULE.bazel, REPO.bazel, WORKSPACE or WORKSPACE.bazel here or above)" >&2
    exit 2
  fi
  root=$(dirname "$root")
done
rc=$deps/base.bazelrc
if [[ -f $root/MODULE.bazel ]]; then
  if grep -qE 'name = "(rules_go|rules_go_api|gazelle)"' "$root/MODULE.bazel"; then
    rc=$deps/go.bazelrc
  fi
elif [[ -f $root/WORKSPACE || -f $root/WORKSPACE.bazel ]]; then
  rc=$deps/workspace.bazelrc
fi
binds=()
# Every top-level host directory but the system's own (which the root filesystem provides): the
# workspace, this cache, the temporary directory, $HOME and any path given in the arguments keep
# their paths. The same set for every command, because the Bazel server a first command starts
# keeps that command's view for all later ones.
for top in /*; do
  [[ -d $top && ! -L $top ]] || continue
  case $top in
  /bin | /boot | /dev | /etc | /lib | /lib32 | /lib64 | /libx32 | /proc | /run | /sbin | /sys | /usr | /var) ;;
  *) binds+=(--bind "$top" "$top") ;;
  esac
done
binds+=(--ro-bind "$goroot" "$goroot")
case $PWD/ in
/bin/* | /boot/* | /dev/* | /etc/* | /lib/* | /lib32/* | /lib64/* | /libx32/* | /proc/* | /run/* | /sbin/* | /sys/* | /usr/* | /var/*)
  echo "dev/offline/bazel: the workspace $PWD is in a system directory that the root filesystem of Bazel has its own of; use a directory elsewhere" >&2
  exit 2
  ;;
esac
exec bwrap --bind "$rootfs" / --proc /proc --dev /dev "${binds[@]}" \
  --ro-bind /etc/resolv.conf /etc/resolv.conf --ro-bind /etc/ssl/certs /etc/ssl/certs \
  --chdir "$PWD" \
  /usr/bin/env -i HOME="$HOME" USER="${USER:-root}" TERM=dumb TMPDIR="${TMPDIR:-/tmp}" \
  PATH="$goroot/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  bazel --bazelrc="$rc" --output_user_root="$user_root" --max_idle_secs=900 "$@"
EOF
  chmod +x "$deps.tmp/bazel"
  touch "$deps.tmp/.complete"
  mv "$deps.tmp" "$deps"
  log "lane $lane_name's module set ready: $bazel_version, rules_go $rules_go_version, Gazelle $gazelle_version"
fi
echo "$deps/bazel"
