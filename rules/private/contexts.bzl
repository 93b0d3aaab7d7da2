"""Build contexts: cmd/api's names (linux-amd64, linux-amd64-cgo) and the rules_go platforms for them."""

# The GOOS-GOARCH pairs for which both Go (`go tool dist list`) and rules_go v0.50.1 define a
# platform, with whether a cgo platform exists too (Go supports cgo there and rules_go defines
# <goos>_<goarch>_cgo). cmd/api's freebsd-arm64-cgo and freebsd-riscv64 have no rules_go platform.
PORTS = {
    "aix-ppc64": True,
    "android-386": True,
    "android-amd64": True,
    "android-arm": True,
    "android-arm64": True,
    "darwin-amd64": True,
    "darwin-arm64": True,
    "dragonfly-amd64": True,
    "freebsd-386": True,
    "freebsd-amd64": True,
    "freebsd-arm": True,
    "freebsd-arm64": False,
    "illumos-amd64": True,
    "ios-amd64": True,
    "ios-arm64": True,
    "js-wasm": False,
    "linux-386": True,
    "linux-amd64": True,
    "linux-arm": True,
    "linux-arm64": True,
    "linux-mips": True,
    "linux-mips64": True,
    "linux-mips64le": True,
    "linux-mipsle": True,
    "linux-ppc64": False,
    "linux-ppc64le": True,
    "linux-riscv64": True,
    "linux-s390x": True,
    "netbsd-386": True,
    "netbsd-amd64": True,
    "netbsd-arm": True,
    "netbsd-arm64": True,
    "openbsd-386": True,
    "openbsd-amd64": True,
    "openbsd-arm": True,
    "openbsd-arm64": True,
    "plan9-386": False,
    "plan9-amd64": False,
    "plan9-arm": False,
    "solaris-amd64": True,
    "wasip1-wasm": False,
    "windows-386": True,
    "windows-amd64": True,
    "windows-arm64": True,
}

def parse_context(name):
    """Parses a cmd/api context name.

    Args:
      name: a context name such as "linux-amd64" or "linux-amd64-cgo".

    Returns:
      A struct with goos, goarch, cgo (bool) and platform (the rules_go platform label), or an
      error string if the name is not a context rules_go can build.
    """
    port = name
    cgo = False
    if name.endswith("-cgo"):
        port = name[:-len("-cgo")]
        cgo = True
    if port not in PORTS:
        return "unknown context %r: want GOOS-GOARCH or GOOS-GOARCH-cgo naming a platform rules_go knows, one of %s" % (
            name,
            ", ".join(sorted(PORTS.keys())),
        )
    if cgo and not PORTS[port]:
        return "context %r: rules_go has no cgo platform for %s; use %r" % (name, port, port)
    goos, goarch = port.split("-")
    platform = "@io_bazel_rules_go//go/toolchain:%s_%s%s" % (goos, goarch, "_cgo" if cgo else "")
    return struct(
        name = name,
        goos = goos,
        goarch = goarch,
        cgo = cgo,
        platform = str(Label(platform)),
    )

# Bazel's --host_cpu values and the GOOS-GOARCH they stand for: a cgo context can only be built
# for the host, since a C toolchain for another OS is not available (offline-bazel.md).
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

def _contexts_transition_impl(settings, attr):
    host = _HOST_CPUS.get(settings["//command_line_option:host_cpu"])
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
        result[name] = {"//command_line_option:platforms": ctx.platform}
    return result

# A split transition: one configuration per context named in the rule's `contexts` attribute,
# keyed by the context name (ctx.split_attr.<attr>[name]).
contexts_transition = transition(
    implementation = _contexts_transition_impl,
    inputs = ["//command_line_option:host_cpu"],
    outputs = ["//command_line_option:platforms"],
)
