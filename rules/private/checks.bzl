"""go_api_update_all: the .update of a go_api_checks suite, which runs every check's .update."""

load(":common.bzl", "label_string", "rlocation_path")
load(":providers.bzl", "GoApiToolsInfo")
load(":test.bzl", "GoApiLaunchInfo", "launcher")
load(":tools.bzl", "select_tools", "tools_attrs")

def _go_api_update_all_impl(ctx):
    updates = []
    runfiles = ctx.runfiles()
    for u in ctx.attr.updates:
        updates.append({"label": label_string(u.label), "launch": rlocation_path(ctx, u[GoApiLaunchInfo].launch.short_path)})
        runfiles = runfiles.merge(u[DefaultInfo].default_runfiles)
    apidiff = select_tools(ctx.attr._tools[GoApiToolsInfo], [ctx.attr._target_tools[GoApiToolsInfo]]).apidiff
    executable, launch, env = launcher(ctx, apidiff, {"command": "update-all", "updates": updates})
    runfiles = runfiles.merge(ctx.runfiles(files = [apidiff, launch]))
    return [DefaultInfo(executable = executable, runfiles = runfiles), env]

go_api_update_all = rule(
    implementation = _go_api_update_all_impl,
    attrs = dict(tools_attrs("target"), **{
        "updates": attr.label_list(mandatory = True, providers = [GoApiLaunchInfo], doc = "The checks' .update targets."),
    }),
    executable = True,
    doc = "Runs the .update of every check in one `bazel run`.",
)
