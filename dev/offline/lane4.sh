# Sourced by setup.sh for RULES_GO_API_BAZEL=4: Debian 12's Bazel 4.2.3, offline, in WORKSPACE mode
# (the only Bazel of Debian's stable release; installed if there is no Bazel and this is Debian
# with root). Every external repository is overridden by a local copy built here: rules_go v0.50.1
# and Gazelle v0.38.0 from the Go module proxy with the fixes in patches/, Debian's
# skylib/platforms/rules_cc/rules_java, a stub remote_coverage_tools.
# This lane goes when Bazel 4 stops being worth testing (rules_go v0.65 needs Bazel 7.7).
#
# Inputs from setup.sh: $here, $cache, log, die, module_dir, install_debian_packages,
# write_launcher. Prints the launcher's path.

rules_go_version=v0.50.1
gazelle_version=v0.38.0
debian_packages="bazel-bootstrap bazel-skylib bazel-platforms bazel-rules-cc bazel-rules-java"

# shellcheck disable=SC2086
command -v bazel >/dev/null || install_debian_packages $debian_packages

bazel_version=$(bazel --version 2>/dev/null || true)
[[ $bazel_version == "bazel no_version" ]] ||
  die "RULES_GO_API_BAZEL=4 is Debian's Bazel 4.2.3 (bazel --version: bazel no_version), and the bazel on PATH says: $bazel_version"

# Debian's Bazel 4.2.3 ("bazel no_version"): the offline WORKSPACE set-up.
for dir in /usr/share/bazel/tools/skylib /usr/share/bazel/tools/platforms /usr/share/bazel/rules/cc /usr/share/bazel/rules/java; do
  # shellcheck disable=SC2086
  [[ -d $dir ]] || install_debian_packages $debian_packages
done

key=$(cat "$here/setup.sh" "$here/lane4.sh" "$here"/patches/* <(echo "$bazel_version") <(go version) | sha256sum | cut -c1-12)
deps=$cache/offline-$key
if [[ -f $deps/.complete ]]; then
  echo "$deps/bazel"
  return 0
fi

log "building the offline dependency set in $deps (once)"
rm -rf "$cache"/offline-*.tmp
mkdir -p "$deps.tmp"

# copy_patched SRC DEST PATCH: a writable copy of SRC with PATCH applied.
copy_patched() {
  cp -R "$1" "$2"
  chmod -R u+w "$2"
  if [[ -n ${3:-} ]]; then
    patch -d "$2" -p1 --quiet --forward <"$3" >&2 || die "applying $3 to $2 failed"
  fi
}

command -v patch >/dev/null || install_debian_packages patch

copy_patched "$(module_dir github.com/bazelbuild/rules_go@$rules_go_version)" \
  "$deps.tmp/io_bazel_rules_go" "$here/patches/rules_go-$rules_go_version.patch"
copy_patched "$(module_dir github.com/bazelbuild/bazel-gazelle@$gazelle_version)" \
  "$deps.tmp/bazel_gazelle" "$here/patches/gazelle-$gazelle_version.patch"
(cd "$deps.tmp/bazel_gazelle" && GOFLAGS=-mod=mod go mod tidy >&2 && GOFLAGS=-mod=mod go mod vendor >&2) || die "go mod vendor in Gazelle's copy failed"
copy_patched /usr/share/bazel/rules/cc "$deps.tmp/rules_cc" "$here/patches/rules_cc-debian-0.0.4.patch"
copy_patched /usr/share/bazel/tools/platforms "$deps.tmp/platforms"

# rules_go names CPUs that Debian's platforms package predates.
for cpu in ppc64le ppc32 mips64 riscv32 riscv64; do
  if ! grep -q "name = \"$cpu\"" "$deps.tmp/platforms/cpu/BUILD"; then
    printf '\nconstraint_value(\n    name = "%s",\n    constraint_setting = ":cpu",\n)\n' "$cpu" >>"$deps.tmp/platforms/cpu/BUILD"
  fi
done

# Every `bazel test` wants @remote_coverage_tools, which cannot be downloaded here; coverage is
# not used, so two empty public filegroups satisfy it.
mkdir -p "$deps.tmp/remote_coverage_tools"
echo 'workspace(name = "remote_coverage_tools")' >"$deps.tmp/remote_coverage_tools/WORKSPACE"
cat >"$deps.tmp/remote_coverage_tools/BUILD" <<'EOF'
filegroup(
    name = "coverage_report_generator",
    visibility = ["//visibility:public"],
)

filegroup(
    name = "lcov_merger",
    visibility = ["//visibility:public"],
)
EOF

{
  echo "# Written by dev/offline/setup.sh: Debian's Bazel 4.2.3, WORKSPACE mode, no network."
  for cmd in build query fetch; do
    echo "$cmd --override_repository=io_bazel_rules_go=$deps/io_bazel_rules_go"
    echo "$cmd --override_repository=bazel_gazelle=$deps/bazel_gazelle"
    echo "$cmd --override_repository=bazel_skylib=/usr/share/bazel/tools/skylib"
    echo "$cmd --override_repository=platforms=$deps/platforms"
    echo "$cmd --override_repository=rules_cc=$deps/rules_cc"
    echo "$cmd --override_repository=rules_java=/usr/share/bazel/rules/java"
    echo "$cmd --override_repository=remote_coverage_tools=$deps/remote_coverage_tools"
    echo "$cmd --repository_cache=$cache/repository_cache"
  done
  echo "build --disk_cache=$cache/disk_cache"
  echo "build --incompatible_strict_action_env"
  # Debian's linux-sandbox prints debug lines for every action. Workers first, as in Bazel's own
  # default order, so that featgen runs as a persistent worker.
  echo "build --spawn_strategy=worker,processwrapper-sandbox"
  # Gazelle's repository rules read modules from the host's module cache.
  echo "build --repo_env=GO_REPOSITORY_USE_HOST_MODCACHE=1"
  echo "fetch --repo_env=GO_REPOSITORY_USE_HOST_MODCACHE=1"
  echo "query --repo_env=GO_REPOSITORY_USE_HOST_MODCACHE=1"
} >"$deps.tmp/offline.bazelrc"
write_launcher "$deps.tmp" "$deps/offline.bazelrc" "$bazel_version"

touch "$deps.tmp/.complete"
rm -rf "$deps"
mv "$deps.tmp" "$deps"
log "done"
echo "$deps/bazel"
