"""featgen and apidiff for the rules' actions, built without a standard library of their own.

Tools run on the exec platform. Built as go_binary targets in the exec configuration, they would
make rules_go compile the whole standard library a second time (once for the target configuration,
once for exec), which would be most of what API checks add to a cold build. There are two cheaper
ways, and select_tools picks one per configuration:

- go_api_target_tools: the go_binary targets in the configuration of the checked libraries, when
  that configuration's GOOS and GOARCH are the exec platform's (the usual case: building for the
  machine one builds on). Their compiles use the standard library that the libraries' compiles
  need anyway, so the tools cost only their own dozen packages.
- go_api_tools: otherwise (a Windows context checked on Linux, say), one `go build` of both tools
  with the SDK's go command, like rules_go's own builder (go_tool_binary), which compiles only the
  standard packages the two tools import (about 140 of them, 30 s of CPU).

The sources come from the tools' go_binary targets, so Gazelle keeps them up to date.
"""

load("@io_bazel_rules_go//go:def.bzl", "GoArchive")
load(":common.bzl", "GO_TOOLCHAIN")
load(":go_version.bzl", "MIN_GO_VERSION", "go_version_error")
load(":providers.bzl", "GoApiToolsInfo")

# Runs in a fresh temporary directory: copies "dest=src" pairs into a module tree, writes a go.mod
# whose go line is the SDK's language version, and builds the main packages into the output
# directory. The go command's cache lives and dies with the action; Bazel caches the result.
_BUILD_SCRIPT = """\
set -eu
go="$PWD/$1"; out="$PWD/$2"; module="$3"; goos="$4"; goarch="$5"; min="$6"; shift 6
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src"
mains=""
while [ $# -gt 0 ]; do
  case "$1" in
    --main) mains="$mains ./$2"; shift 2 ;;
    *) dest="$tmp/src/${1%%=*}"; mkdir -p "${dest%/*}"; cp "${1#*=}" "$dest"; shift ;;
  esac
done
version=$(GOENV=off GOTOOLCHAIN=local "$go" env GOVERSION | sed -n 's/^[^0-9]*\\([0-9][0-9]*\\.[0-9][0-9]*\\).*/\\1/p')
# The analysis checked GoSDK.version; an SDK that did not say is checked here.
if [ "${version%%.*}" -lt "${min%%.*}" ] || { [ "${version%%.*}" -eq "${min%%.*}" ] && [ "${version#*.}" -lt "${min#*.}" ]; }; then
  echo "rules_go_api needs a Go SDK >= $min to build its tools, and the Go toolchain's SDK is $version: register a newer one" >&2
  exit 1
fi
printf 'module %s\\n\\ngo %s\\n' "$module" "$version" >"$tmp/src/go.mod"
mkdir -p "$out"
cd "$tmp/src"
env -i PATH="${PATH:-/usr/bin:/bin}" HOME="$tmp" GOENV=off GOTOOLCHAIN=local GOFLAGS= GOPROXY=off \\
  GO111MODULE=on GOWORK=off GOCACHE="$tmp/cache" GOPATH="$tmp/gopath" CGO_ENABLED=0 \\
  GOOS="$goos" GOARCH="$goarch" \\
  "$go" build -trimpath -buildvcs=false -o "$out/" $mains
"""

def _relative_path(module, importpath, file):
    if importpath != module and not importpath.startswith(module + "/"):
        fail("%s: import path %s is not in module %s" % (file.owner, importpath, module))
    return importpath[len(module) + 1:] + "/" + file.basename if importpath != module else file.basename

def _files(x):
    """GoSDK's file fields are lists in rules_go v0.50.1; accept depsets too."""
    return x if type(x) == "depset" else depset(x)

def _go_api_tools_impl(ctx):
    toolchain = ctx.toolchains[GO_TOOLCHAIN]
    sdk = toolchain.sdk
    version_error = go_version_error(sdk.version)
    if version_error:
        fail(version_error)
    module = ctx.attr.module
    suffix = ".exe" if toolchain.default_goos == "windows" else ""
    featgen = ctx.actions.declare_file(ctx.label.name + "/featgen" + suffix)
    apidiff = ctx.actions.declare_file(ctx.label.name + "/apidiff" + suffix)

    args = ctx.actions.args()
    args.add(sdk.go)
    args.add(featgen.dirname)
    args.add(module)
    args.add(toolchain.default_goos)
    args.add(toolchain.default_goarch)
    args.add(MIN_GO_VERSION)

    copies = {}
    for binary in (ctx.attr.featgen, ctx.attr.apidiff):
        archive = binary[GoArchive]
        args.add("--main", archive.data.importpath[len(module) + 1:])
        for data in archive.transitive.to_list():
            for f in data.srcs:
                if f.extension == "go":
                    copies[_relative_path(module, data.importpath, f)] = f
    srcs = []
    for dest in sorted(copies.keys()):
        args.add("%s=%s" % (dest, copies[dest].path))
        srcs.append(copies[dest])

    ctx.actions.run_shell(
        command = _BUILD_SCRIPT,
        arguments = [args],
        inputs = depset(srcs + [sdk.go], transitive = [_files(f) for f in (sdk.headers, sdk.tools, sdk.srcs, sdk.libs)]),
        outputs = [featgen, apidiff],
        mnemonic = "GoApiTools",
        progress_message = "Building featgen and apidiff from the Go SDK",
        # The go command is the Go toolchain's: the action runs where the toolchain does.
        toolchain = GO_TOOLCHAIN,
    )
    return [
        DefaultInfo(files = depset([featgen, apidiff])),
        GoApiToolsInfo(featgen = featgen, apidiff = apidiff, goos = toolchain.default_goos, goarch = toolchain.default_goarch),
    ]

go_api_tools = rule(
    implementation = _go_api_tools_impl,
    doc = "Builds featgen and apidiff with the Go SDK's go command, without rules_go's stdlib.",
    attrs = {
        "featgen": attr.label(mandatory = True, providers = [GoArchive], doc = "featgen's go_binary."),
        "apidiff": attr.label(mandatory = True, providers = [GoArchive], doc = "apidiff's go_binary."),
        "module": attr.string(mandatory = True, doc = "The module path that all their import paths share."),
    },
    toolchains = [GO_TOOLCHAIN],
)

def _go_api_target_tools_impl(ctx):
    toolchain = ctx.toolchains[GO_TOOLCHAIN]
    version_error = go_version_error(toolchain.sdk.version)
    if version_error:
        fail(version_error)
    return [GoApiToolsInfo(
        featgen = ctx.executable.featgen,
        apidiff = ctx.executable.apidiff,
        goos = toolchain.default_goos,
        goarch = toolchain.default_goarch,
    )]

go_api_target_tools = rule(
    implementation = _go_api_target_tools_impl,
    doc = """featgen and apidiff as rules_go builds them in the current configuration, for
select_tools; nothing is built unless it picks them.""",
    attrs = {
        "featgen": attr.label(mandatory = True, executable = True, cfg = "target", doc = "featgen's go_binary."),
        "apidiff": attr.label(mandatory = True, executable = True, cfg = "target", doc = "apidiff's go_binary."),
    },
    toolchains = [GO_TOOLCHAIN],
)

def select_tools(exec_tools, target_tools):
    """Picks the tools an action or test runs.

    Args:
      exec_tools: GoApiToolsInfo of go_api_tools, built for the exec platform.
      target_tools: GoApiToolsInfo of go_api_target_tools in the configurations at hand.

    Returns:
      The first of target_tools built for the exec platform's GOOS and GOARCH, else exec_tools.
    """
    for tools in target_tools:
        if tools.goos == exec_tools.goos and tools.goarch == exec_tools.goarch:
            return tools
    return exec_tools

def tools_attrs(target_cfg):
    """Returns the attributes that give a rule or aspect the tools to run (see select_tools).

    Args:
      target_cfg: the configuration of the checked libraries: "target", or a transition.

    Returns:
      {"_tools": the tools built for the exec platform, "_target_tools": those built in target_cfg}.
    """
    return {
        "_tools": attr.label(
            default = Label("//rules/private:tools"),
            providers = [GoApiToolsInfo],
            cfg = "exec",
        ),
        "_target_tools": attr.label(
            default = Label("//rules/private:target_tools"),
            providers = [GoApiToolsInfo],
            cfg = target_cfg,
        ),
    }
