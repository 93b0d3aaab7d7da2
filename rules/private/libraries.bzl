"""What the rules over go_library targets share: their attributes, and the libraries' features."""

load(":aspect.bzl", "go_api_aspect", "is_library_kind")
load(":common.bzl", "GO_TOOLCHAIN")
load(":context_names.bzl", "parse_context")
load(":providers.bzl", "GoApiInfo", "GoApiToolsInfo")
load(":tools.bzl", "select_tools", "tools_attrs")
load(":transition.bzl", "contexts_transition")

# The attributes of every rule over libraries. Both library attributes are built once per context
# (contexts_transition; without contexts, in the current configuration).
LIBRARY_ATTRS = dict(tools_attrs(contexts_transition), **{
    "library": attr.label(
        aspects = [go_api_aspect],
        cfg = contexts_transition,
        doc = "The go_library whose API is checked (or use `libraries`).",
    ),
    "libraries": attr.label_list(
        aspects = [go_api_aspect],
        cfg = contexts_transition,
        doc = "Several go_library targets whose APIs are checked together.",
    ),
    "contexts": attr.string_list(
        doc = "cmd/api context names (linux-amd64, windows-amd64, linux-amd64-cgo, ...) to check, each " +
              "built in its own configuration on rules_go's platform for it; empty: the current " +
              "configuration only.",
    ),
    "_allowlist_function_transition": attr.label(
        default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
    ),
})

def _api_info(target):
    if GoApiInfo not in target:
        fail("%s is not a Go library: API checks need targets that provide rules_go's GoArchive (a go_library)" % target.label)
    info = target[GoApiInfo]
    if not is_library_kind(info.kind):
        fail("%s is a %s, which nothing imports and which has no API: point the check at the go_library it uses" % (target.label, info.kind))
    return info

def _context_libraries(ctx, key, baseline):
    """The library (or baseline) targets built in the configuration of one context (its transition key)."""
    if baseline:
        return ctx.split_attr.baselines.get(key, [])
    return _as_list(ctx.split_attr.library.get(key)) + ctx.split_attr.libraries.get(key, [])

def _current_libraries(ctx, baseline):
    """The library (or baseline) targets of a rule without contexts: one configuration, whatever its key."""
    if baseline:
        return ctx.attr.baselines
    return _as_list(ctx.attr.library) + ctx.attr.libraries

def _as_list(value):
    """A label attribute with a split transition is a list (one target per configuration)."""
    if not value:
        return []
    return value if type(value) == "list" else [value]

def features_by_context(ctx, baseline = False):
    """Returns {context name: [GoApiInfo]}: the libraries' features in each context.

    Args:
      ctx: the context of a rule with LIBRARY_ATTRS.
      baseline: the targets of the `baselines` attribute (a go_api_test's) instead of the libraries.

    Returns:
      A dict from context name to the GoApiInfo of each library built for that context.
    """
    if not baseline and (not ctx.attr.library) == (not ctx.attr.libraries):
        fail("%s: set exactly one of library or libraries" % ctx.label)
    if not ctx.attr.contexts:
        toolchain = ctx.toolchains[GO_TOOLCHAIN]
        name = "%s-%s" % (toolchain.default_goos, toolchain.default_goarch)
        return {name: [_api_info(t) for t in _current_libraries(ctx, baseline)]}
    result = {}
    for name in ctx.attr.contexts:
        infos = [_api_info(t) for t in _context_libraries(ctx, name, baseline)]
        context = parse_context(name)
        for info in infos:
            if context.cgo and not info.cgo:
                fail(("context %s needs a C toolchain for %s/%s, and this build has none: rules_go built %s " +
                      "without cgo. Check %s-%s (pure Go) instead, or register a C toolchain for %s/%s") % (
                    name,
                    context.goos,
                    context.goarch,
                    info.label,
                    context.goos,
                    context.goarch,
                    context.goos,
                    context.goarch,
                ))
        result[name] = infos
    return result

def api_tools(ctx):
    """Returns the GoApiToolsInfo to run.

    The tools built in a configuration of the libraries if one is for the exec platform (its
    standard library is built anyway), else those go_api_tools builds for exec.

    Args:
      ctx: the context of a rule with LIBRARY_ATTRS.

    Returns:
      A GoApiToolsInfo.
    """
    return select_tools(ctx.attr._tools[GoApiToolsInfo], [t[GoApiToolsInfo] for t in ctx.attr._target_tools])

def merge_features(ctx, out, files_by_context, mnemonic, progress_message, facts = False):
    """Runs `apidiff merge` over {context name: [feature File]} into out.

    Args:
      ctx: the context of a rule with LIBRARY_ATTRS.
      out: the File to write.
      files_by_context: {context name: [File]}: featgen outputs.
      mnemonic: the action's mnemonic.
      progress_message: the action's progress message.
      facts: also write the facts (for a check's verdict); without, out is cmd/api's format.
    """
    args = ctx.actions.args()
    args.add("merge")
    if facts:
        args.add("-facts")
    args.add("-o", out)
    inputs = []
    for name in sorted(files_by_context.keys()):
        args.add_all(files_by_context[name], format_each = name + "=%s")
        inputs += files_by_context[name]
    ctx.actions.run(
        executable = api_tools(ctx).apidiff,
        arguments = [args],
        inputs = inputs,
        outputs = [out],
        mnemonic = mnemonic,
        progress_message = progress_message,
        toolchain = None,
    )

def collect_features(ctx, by_context, baseline = False):
    """Returns {context name: [File]}: the feature files of all libraries in each context.

    With contexts, each context's files are combined by one apidiff action into a file named after
    the context: the aspect's outputs in different configurations share a runfiles path, so they
    cannot be handed to a test side by side. Without contexts there is one configuration, and the
    aspect's outputs are used as they are.

    Args:
      ctx: the context of a rule with LIBRARY_ATTRS.
      by_context: features_by_context(ctx) (or of the baselines).
      baseline: whether by_context holds a go_api_test's baselines (their files get a directory
        of their own).

    Returns:
      A dict from context name to a list of File.
    """
    result = {}
    for name in sorted(by_context.keys()):
        files = [info.features for info in by_context[name] if info.features]
        if not files:
            fail("%s: no %s with an API to check: all are internal packages" % (ctx.label, "baseline" if baseline else "library"))
        if not ctx.attr.contexts:
            result[name] = files
            continue
        out = ctx.actions.declare_file("%s.go_api/%s%s.txt" % (ctx.label.name, "baseline/" if baseline else "", name))
        merge_features(ctx, out, {name: files}, "GoApiCollect", "Collecting the %s API features of %s" % (name, ctx.label), facts = True)
        result[name] = [out]
    return result
