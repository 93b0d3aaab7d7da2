"""go_api_test, the test that compares the API of Go libraries with API files, and its .update."""

load(":common.bzl", "GO_TOOLCHAIN", "label_string", "rlocation_path", "shell_quote")
load(":libraries.bzl", "LIBRARY_ATTRS", "api_tools", "collect_features", "features_by_context")

def _feature_args(ctx, collected):
    """Returns (["-features", "CTX=PATH", ...], [File]) with runfiles paths."""
    args = []
    files = []
    for name in sorted(collected.keys()):
        for f in collected[name]:
            args.extend(["-features", "%s=%s" % (name, rlocation_path(ctx, f.short_path))])
            files.append(f)
    return args, files

def _package_path(ctx):
    """The path of the API files in their repository: the package-relative api_path in the rule's package."""
    return ctx.label.package + "/" + ctx.attr.api_path if ctx.label.package else ctx.attr.api_path

def _update_command(ctx):
    """The command that accepts the change, with the label as a user types it.

    Checks in the main repository (the usual case) need no repository name. Elsewhere, Bazel's
    canonical names under bzlmod (they hold "~" or "+") are written with "@@", which the command
    line accepts; WORKSPACE names with "@".
    """
    repo = ""
    if ctx.label.workspace_root:
        name = ctx.label.workspace_name
        repo = ("@@" if ("~" in name or "+" in name) else "@") + name

    # The test's label, or (from the update rule itself) the update's.
    update = ctx.label.name if ctx.label.name.endswith(".update") else ctx.label.name + ".update"
    return "bazel run %s//%s:%s" % (repo, ctx.label.package, update)

def _script(ctx, template, substitutions):
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.expand_template(
        template = template,
        output = script,
        substitutions = dict(substitutions, **{"%LABEL%": label_string(ctx.label)}),
        is_executable = True,
    )
    return script

def _go_api_test_impl(ctx):
    feature_args, feature_files = _feature_args(ctx, collect_features(ctx, features_by_context(ctx)))
    apidiff = api_tools(ctx).apidiff
    api = _package_path(ctx)
    if ctx.label.workspace_root:
        api = ctx.label.workspace_root[len("external/"):] + "/" + api
    else:
        api = ctx.workspace_name + "/" + api

    # -api is a runfiles path; the reports name the path in the workspace, as the user knows it.
    args = ["-mode", ctx.attr.mode, "-api", api, "-api-name", _package_path(ctx), "-approval", ctx.attr.approval]
    if ctx.attr.proposal:
        # The update command passes it, so the printed command need not ask for one.
        args += ["-proposal", str(ctx.attr.proposal)]
    args += feature_args
    args += ["-update-hint", _update_command(ctx), "-label", label_string(ctx.label)]
    script = _script(ctx, ctx.file._template, {
        "%APIDIFF%": shell_quote(rlocation_path(ctx, apidiff.short_path)),
        "%ARGS%": " ".join([shell_quote(a) for a in args]),
    })
    runfiles = ctx.runfiles(files = [apidiff] + feature_files + ctx.files.api_files)
    return [DefaultInfo(executable = script, runfiles = runfiles)]

def _go_api_update_impl(ctx):
    feature_args, feature_files = _feature_args(ctx, collect_features(ctx, features_by_context(ctx)))
    apidiff = api_tools(ctx).apidiff
    args = ["-mode", ctx.attr.mode, "-approval", ctx.attr.approval, "-update-hint", _update_command(ctx)]
    if ctx.attr.next:
        args += ["-next", ctx.attr.next]
    if ctx.attr.proposal:
        args += ["-proposal", str(ctx.attr.proposal)]
    script = _script(ctx, ctx.file._template, {
        "%APIDIFF%": shell_quote(rlocation_path(ctx, apidiff.short_path)),
        "%ARGS%": " ".join([shell_quote(a) for a in args + feature_args]),
        "%API%": shell_quote(_package_path(ctx)),
    })
    runfiles = ctx.runfiles(files = [apidiff] + feature_files)
    return [DefaultInfo(executable = script, runfiles = runfiles)]

_CHECK_ATTRS = dict(LIBRARY_ATTRS, **{
    "api_path": attr.string(
        mandatory = True,
        doc = "The snapshot file or API directory, relative to the package.",
    ),
    "api_files": attr.label_list(
        allow_files = True,
        doc = "The API files: the files at api_path (a glob).",
    ),
    "mode": attr.string(
        mandatory = True,
        values = ["snapshot", "go"],
        doc = "snapshot: api_path is one file with the whole API; go: a directory laid out like Go's api/.",
    ),
    "approval": attr.string(
        default = "go",
        values = ["go", "all", "none"],
        doc = "Which API files need \" #<proposal>\" suffixes: go (Go's rules: go1.N.txt from N = 19 " +
              "and next/*.txt; none in a snapshot), all, or none.",
    ),
    "next": attr.string(doc = "Go mode: the next/ file that `.update` appends new features to."),
    "proposal": attr.int(doc = "The proposal number that `.update` appends as ` #N` where approvals are required."),
})

def _check_rule(implementation, template, doc, **kwargs):
    return rule(
        implementation = implementation,
        attrs = dict(_CHECK_ATTRS, _template = attr.label(default = template, allow_single_file = True)),
        toolchains = [GO_TOOLCHAIN],
        doc = doc,
        **kwargs
    )

go_api_test = _check_rule(
    _go_api_test_impl,
    Label("//rules/private:test.sh.tpl"),
    "Compares the API of Go libraries with checked-in API files, like Go's `cmd/api -check`.",
    test = True,
)

go_api_update = _check_rule(
    _go_api_update_impl,
    Label("//rules/private:update.sh.tpl"),
    "Writes the current API of a go_api_test's libraries into its API files (`bazel run`).",
    executable = True,
)
