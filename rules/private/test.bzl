"""go_api_test, the test that compares the API of Go libraries with API files, and its .update."""

load(":aspect.bzl", "go_api_aspect")
load(":common.bzl", "GO_TOOLCHAIN", "label_string", "rlocation_path")
load(":libraries.bzl", "LIBRARY_ATTRS", "api_tools", "collect_features", "features_by_context")
load(":transition.bzl", "contexts_transition")

def _features(ctx, collected):
    """Returns ([{"context": CTX, "file": RUNFILES_PATH}], [File]): the features files by context."""
    entries = []
    files = []
    for name in sorted(collected.keys()):
        for f in collected[name]:
            entries.append({"context": name, "file": rlocation_path(ctx, f.short_path)})
            files.append(f)
    return entries, files

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

# The launch file of a go_api_update, for the go_api_update_all of a suite.
GoApiLaunchInfo = provider(
    doc = "The launch file of an update target (rules/private/test.bzl).",
    fields = {"launch": "File: the JSON launch file apidiff reads (tools/apidiff/launch.go)."},
)

def launcher(ctx, apidiff, launch_data):
    """Makes apidiff the rule's executable, started with a launch file that says what to run.

    No shell and no runfiles tree are needed (Windows has neither by default): apidiff finds the
    launch file, named by RULES_GO_API_LAUNCH as a runfiles path, and every file it names through
    the runfiles manifest or directory (tools/apidiff/launch.go).

    Args:
      ctx: the rule context.
      apidiff: the apidiff File.
      launch_data: the launch file's contents (a dict, written as JSON).

    Returns:
      (executable File, launch File, RunEnvironmentInfo).
    """
    suffix = ".exe" if apidiff.basename.endswith(".exe") else ""
    executable = ctx.actions.declare_file(ctx.label.name + suffix)
    ctx.actions.symlink(output = executable, target_file = apidiff, is_executable = True)
    launch = ctx.actions.declare_file(ctx.label.name + ".launch.json")
    ctx.actions.write(launch, json.encode_indent(dict(launch_data, label = label_string(ctx.label))) + "\n")
    env = RunEnvironmentInfo(environment = {"RULES_GO_API_LAUNCH": rlocation_path(ctx, launch.short_path)})
    return executable, launch, env

def _runfiles_package(ctx):
    """The runfiles path of the rule's package: "REPO" or "REPO/PKG"."""
    repo = ctx.label.workspace_root[len("external/"):] if ctx.label.workspace_root else ctx.workspace_name
    return repo + "/" + ctx.label.package if ctx.label.package else repo

def _baseline_name(ctx):
    """The baselines' labels, as the reports name them.

    As the user wrote them (the macro passes them), not canonical (`@@+_repo_rules+x//:x` for
    `@x//:x`).
    """
    if ctx.attr.baseline_name:
        return ctx.attr.baseline_name
    seen = {}
    for t in ctx.attr.baselines:
        seen[label_string(t.label)] = True
    return ", ".join(seen.keys())

def _go_api_test_impl(ctx):
    features, feature_files = _features(ctx, collect_features(ctx, features_by_context(ctx)))
    apidiff = api_tools(ctx).apidiff
    if ctx.attr.baselines:
        # A check against other targets' API: nothing to read from the package, nothing to accept.
        baseline, baseline_files = _features(ctx, collect_features(ctx, features_by_context(ctx, baseline = True), baseline = True))
        executable, launch, env = launcher(ctx, apidiff, {
            "command": "check",
            "flags": ["-label", label_string(ctx.label)],
            "features": features,
            "baseline": baseline,
            "baseline_name": _baseline_name(ctx),
        })
        runfiles = ctx.runfiles(files = [apidiff, launch] + feature_files + baseline_files)
        return [DefaultInfo(executable = executable, runfiles = runfiles), env]
    flags = ["-mode", ctx.attr.mode, "-approval", ctx.attr.approval]
    if ctx.attr.proposal:
        # The update command passes it, so the printed command need not ask for one.
        flags += ["-proposal", str(ctx.attr.proposal)]
    flags += ["-update-hint", _update_command(ctx), "-label", label_string(ctx.label)]
    executable, launch, env = launcher(ctx, apidiff, {
        "command": "check",
        "flags": flags,
        "package": _runfiles_package(ctx),
        "api_path": ctx.attr.api_path,
        # The reports name the API files by their path in the workspace, as the user knows it.
        "workspace_path": _package_path(ctx),
        "api_files": [rlocation_path(ctx, f.short_path) for f in ctx.files.api_files],
        "features": features,
    })
    runfiles = ctx.runfiles(files = [apidiff, launch] + feature_files + ctx.files.api_files)
    return [DefaultInfo(executable = executable, runfiles = runfiles), env]

def _go_api_update_impl(ctx):
    apidiff = api_tools(ctx).apidiff
    if ctx.attr.baselines:
        # There are no API files to write: the update says so (and a suite's update skips it).
        executable, launch, env = launcher(ctx, apidiff, {"command": "no-update", "baseline_name": _baseline_name(ctx)})
        runfiles = ctx.runfiles(files = [apidiff, launch])
        return [DefaultInfo(executable = executable, runfiles = runfiles), env, GoApiLaunchInfo(launch = launch)]
    features, feature_files = _features(ctx, collect_features(ctx, features_by_context(ctx)))
    flags = ["-mode", ctx.attr.mode, "-approval", ctx.attr.approval, "-update-hint", _update_command(ctx)]
    if ctx.attr.next:
        flags += ["-next", ctx.attr.next]
    if ctx.attr.proposal:
        flags += ["-proposal", str(ctx.attr.proposal)]
    executable, launch, env = launcher(ctx, apidiff, {
        "command": "update",
        "flags": flags,
        "workspace_path": _package_path(ctx),
        "features": features,
    })
    runfiles = ctx.runfiles(files = [apidiff, launch] + feature_files)
    return [DefaultInfo(executable = executable, runfiles = runfiles), env, GoApiLaunchInfo(launch = launch)]

_CHECK_ATTRS = dict(LIBRARY_ATTRS, **{
    "api_path": attr.string(
        doc = "The snapshot file or API directory, relative to the package (none with baselines).",
    ),
    "baseline_name": attr.string(doc = "How reports name the baselines (the labels as written; go_api_test sets it)."),
    "baselines": attr.label_list(
        aspects = [go_api_aspect],
        cfg = contexts_transition,
        doc = "Libraries whose API the libraries' is compared with instead of API files (another " +
              "version's), each built in every context as the libraries are.",
    ),
    "api_files": attr.label_list(
        allow_files = True,
        doc = "The API files: the files at api_path (a glob).",
    ),
    "mode": attr.string(
        mandatory = True,
        values = ["snapshot", "go", "baseline"],
        doc = "snapshot: api_path is one file with the whole API; go: a directory laid out like Go's api/; " +
              "baseline: no API files, the baselines' API.",
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

def _check_rule(implementation, doc, **kwargs):
    return rule(
        implementation = implementation,
        attrs = _CHECK_ATTRS,
        toolchains = [GO_TOOLCHAIN],
        doc = doc,
        **kwargs
    )

go_api_test = _check_rule(
    _go_api_test_impl,
    "Compares the API of Go libraries with checked-in API files, like Go's `cmd/api -check`.",
    test = True,
)

go_api_update = _check_rule(
    _go_api_update_impl,
    "Writes the current API of a go_api_test's libraries into its API files (`bazel run`).",
    executable = True,
)
