"""The contexts transition: one configuration per cmd/api context, on rules_go's platform for it."""

load(":common.bzl", "LEGACY_BAZEL")
load(":context_names.bzl", "parse_context")

def platform_label(ctx):
    """Returns the rules_go platform label string of a parsed context."""
    return str(Label("@io_bazel_rules_go//go/toolchain:%s_%s%s" % (ctx.goos, ctx.goarch, "_cgo" if ctx.cgo else "")))

# Bazel's --host_cpu values and the GOOS-GOARCH they stand for: a cgo context can only be built
# for the host: a C toolchain for another OS is not something rules_go can count on.
_HOST_CPUS = {
    "aarch64": "linux-arm64",
    "arm64_windows": "windows-arm64",
    "darwin": "darwin-amd64",
    "darwin_arm64": "darwin-arm64",
    "darwin_x86_64": "darwin-amd64",
    "freebsd": "freebsd-amd64",
    "k8": "linux-amd64",
    "ppc": "linux-ppc64le",
    "s390x": "linux-s390x",
    "x64_windows": "windows-amd64",
}

# --host_cpu is deprecated in newer Bazel versions (select() on it warns after Bazel 8, and it is on
# its way out with the other legacy CPU flags). Only Bazel 4.2.3 (LEGACY_BAZEL) reads it, to say
# early that a foreign cgo context cannot be built. Everywhere, go_api_test also fails when rules_go
# built a cgo context's library without cgo (no C toolchain: rules_go v0.6x then falls back to pure
# Go instead of failing), so this goes with the Bazel 4.2.3 test lane.
_HOST_CPU = "//command_line_option:host_cpu"
_READ_HOST_CPU = LEGACY_BAZEL
_PLATFORMS = "//command_line_option:platforms"

# The key of the one configuration of a check without contexts: the current one, unchanged.
CURRENT = "current"

def _contexts_transition_impl(settings, attr):
    if not attr.contexts:
        # Setting an option to the value it has changes nothing: the libraries are built, and
        # their standard library, in the configuration they are built in anyway.
        return {CURRENT: {_PLATFORMS: settings[_PLATFORMS]}}
    host = _HOST_CPUS.get(settings[_HOST_CPU]) if _READ_HOST_CPU else None
    result = {}
    for name in attr.contexts:
        ctx = parse_context(name)
        if type(ctx) == "string":
            fail(ctx)
        port = "%s-%s" % (ctx.goos, ctx.goarch)
        if ctx.cgo and host and port != host:
            fail(("context %s needs a C toolchain for %s/%s, and this build only has one for the host " +
                  "(%s): check %s (pure Go) instead, or check %s on a %s machine") % (
                name,
                ctx.goos,
                ctx.goarch,
                host,
                port,
                name,
                port,
            ))
        result[name] = {_PLATFORMS: platform_label(ctx)}
    return result

# A split transition: one configuration per context named in the rule's `contexts` attribute,
# keyed by the context name (ctx.split_attr.<attr>[name]), or, without contexts, the current
# configuration keyed CURRENT.
contexts_transition = transition(
    implementation = _contexts_transition_impl,
    inputs = [_PLATFORMS] + ([_HOST_CPU] if _READ_HOST_CPU else []),
    outputs = [_PLATFORMS],
)
