"""go_api_update_all: the .update of a go_api_checks suite, which runs every check's .update."""

load(":common.bzl", "label_string", "rlocation_path", "shell_quote")

def _go_api_update_all_impl(ctx):
    runs = []
    for u in ctx.attr.updates:
        executable = u[DefaultInfo].files_to_run.executable
        runs.append("run_update %s %s \"$@\"" % (
            shell_quote(label_string(u.label)),
            shell_quote(rlocation_path(ctx, executable.short_path)),
        ))
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.expand_template(
        template = ctx.file._template,
        output = script,
        substitutions = {
            "%LABEL%": label_string(ctx.label),
            "%RUNS%": "\n".join(runs),
            "%COUNT%": str(len(ctx.attr.updates)),
        },
        is_executable = True,
    )
    runfiles = ctx.runfiles(files = [script])
    for u in ctx.attr.updates:
        runfiles = runfiles.merge(u[DefaultInfo].default_runfiles)
    return [DefaultInfo(executable = script, runfiles = runfiles)]

go_api_update_all = rule(
    implementation = _go_api_update_all_impl,
    attrs = {
        "updates": attr.label_list(mandatory = True, doc = "The checks' .update targets."),
        "_template": attr.label(
            default = Label("//rules/private:update_all.sh.tpl"),
            allow_single_file = True,
        ),
    },
    executable = True,
    doc = "Runs the .update of every check in one `bazel run`.",
)
