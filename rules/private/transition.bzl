"""The contexts transition: one configuration per cmd/api context, on rules_go's platform for it."""

load(":context_names.bzl", "parse_context")

def platform_label(ctx):
    """Returns the rules_go platform label string of a parsed context."""
    return str(Label("@io_bazel_rules_go//go/toolchain:%s_%s%s" % (ctx.goos, ctx.goarch, "_cgo" if ctx.cgo else "")))

_PLATFORMS = "//command_line_option:platforms"

# The key of the one configuration of a check without contexts: the current one, unchanged.
CURRENT = "current"

def _contexts_transition_impl(settings, attr):
    if not attr.contexts:
        # Setting an option to the value it has changes nothing: the libraries are built, and
        # their standard library, in the configuration they are built in anyway.
        return {CURRENT: {_PLATFORMS: settings[_PLATFORMS]}}
    result = {}
    for name in attr.contexts:
        ctx = parse_context(name)
        if type(ctx) == "string":
            fail(ctx)
        result[name] = {_PLATFORMS: platform_label(ctx)}
    return result

# A split transition: one configuration per context named in the rule's `contexts` attribute,
# keyed by the context name (ctx.split_attr.<attr>[name]), or, without contexts, the current
# configuration keyed CURRENT.
contexts_transition = transition(
    implementation = _contexts_transition_impl,
    inputs = [_PLATFORMS],
    outputs = [_PLATFORMS],
)
