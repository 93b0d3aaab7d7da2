"""go_api_aspect: one featgen action per go_library per configuration."""

load("@io_bazel_rules_go//go:def.bzl", "GoArchive")
load(":context_names.bzl", "is_public_path")
load(":providers.bzl", "GoApiInfo", "GoApiToolsInfo")
load(":tools.bzl", "select_tools", "tools_attrs")

def is_library_kind(kind):
    """Reports whether a rule kind with GoArchive builds an importable library.

    go_library, go_proto_library and other library rules do; go_test and go_binary (and rules
    named like them) build archives that nothing imports, which have no API.

    Args:
      kind: the rule kind, e.g. "go_library".

    Returns:
      False for test and binary rules.
    """
    return not (kind.endswith("_test") or kind.endswith("_binary"))

def _go_api_aspect_impl(target, ctx):
    if GoArchive not in target:
        return []
    data = target[GoArchive].data
    kind = ctx.rule.kind
    if not is_public_path(data.importpath) or not is_library_kind(kind):
        features = None
    else:
        features = ctx.actions.declare_file(ctx.label.name + ".go_api.txt")
        srcs = [f for f in data.srcs if f.extension == "go"]
        args = ctx.actions.args()

        # Arguments go in a file, one per line, which is what a persistent worker reads them from.
        args.use_param_file("@%s", use_always = True)
        args.set_param_file_format("multiline")
        args.add("-importpath", data.importpath)
        args.add("-export", data.export_file)
        if data.importmap != data.importpath:
            # The compiler recorded the importmap; features name the import path.
            args.add("-importmap", data.importmap)
        args.add_all(srcs, before_each = "-src")
        args.add("-o", features)
        tools = select_tools(ctx.attr._tools[GoApiToolsInfo], [ctx.attr._target_tools[GoApiToolsInfo]])
        ctx.actions.run(
            executable = tools.featgen,
            arguments = [args],
            inputs = [data.export_file] + srcs,
            outputs = [features],
            mnemonic = "GoApiFeatures",
            # A small library takes featgen 8-9 ms as a new process and 1.5-2 ms as a persistent
            # worker, which also saves Bazel a sandbox per library. Other strategies (sandboxed,
            # remote) run it as a plain command, reading the same parameter file.
            execution_requirements = {"supports-workers": "1"},
            progress_message = "Computing the API features of %s" % ctx.label,
            toolchain = None,
        )
    return [
        GoApiInfo(
            importpath = data.importpath,
            features = features,
            label = target.label,
            kind = kind,
            cgo = not target[GoArchive].source.mode.pure,
        ),
        OutputGroupInfo(go_api_features = depset([features] if features else [])),
    ]

go_api_aspect = aspect(
    implementation = _go_api_aspect_impl,
    doc = """Computes the API features of go_library targets with featgen, from their export data
and, for `// Deprecated:` comments, their sources. Provides GoApiInfo and the output group
go_api_features. Test and binary targets (go_test, go_binary) and internal packages get no
features. Command line use:

    bazel build //... --aspects=@rules_go_api//rules:defs.bzl%go_api_aspect --output_groups=go_api_features
""",
    # The tools in the library's configuration are used when it is built for the exec platform.
    attrs = tools_attrs("target"),
)
