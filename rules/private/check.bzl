"""go_api_test (the api_check test), its .update companion, and go_api_features."""

load(":aspect.bzl", "go_api_aspect", "is_library_kind")
load(":common.bzl", "GO_TOOLCHAIN", "TOOLS_CFG", "action_toolchain")
load(":context_names.bzl", "parse_context")
load(":contexts.bzl", "contexts_transition")
load(":providers.bzl", "GoApiInfo", "GoApiToolsInfo")
load(":tools.bzl", "select_tools")

def _api_info(target):
    if GoApiInfo not in target:
        fail("%s is not a Go library: API checks need targets that provide rules_go's GoArchive (a go_library)" % target.label)
    info = target[GoApiInfo]
    if not is_library_kind(info.kind):
        fail("%s is a %s, which nothing imports and which has no API: point the check at the go_library it uses" % (target.label, info.kind))
    return info

def _features_by_context(ctx):
    """Returns {context name: [GoApiInfo]}: one configuration per context, or the current one."""
    if not ctx.attr.contexts:
        toolchain = ctx.toolchains[GO_TOOLCHAIN]
        name = "%s-%s" % (toolchain.default_goos, toolchain.default_goarch)
        return {name: [_api_info(t) for t in ctx.attr.libraries]}
    result = {}
    for name in ctx.attr.contexts:
        infos = [_api_info(t) for t in ctx.split_attr.libraries[name]]
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

def _tools(ctx):
    """Returns the GoApiToolsInfo to run.

    The tools built in a configuration of the libraries if one is for the exec platform (its
    standard library is built anyway), else those go_api_tools builds for exec.
    """
    target = ctx.attr._target_tools if type(ctx.attr._target_tools) == "list" else [ctx.attr._target_tools]
    return select_tools(ctx.attr._tools[GoApiToolsInfo], [t[GoApiToolsInfo] for t in target])

def _collect(ctx, by_context):
    """Returns {context name: [File]}: the feature files of all libraries in each context.

    With contexts, each context's files are combined by one apidiff action into a file named after
    the context: the aspect's outputs in different configurations share a runfiles path
    (short_path), so they cannot be handed to the test directly. Without contexts there is one
    configuration and the aspect's outputs are used as they are.
    """
    result = {}
    for name in sorted(by_context.keys()):
        files = [info.features for info in by_context[name] if info.features]
        if not files:
            fail("%s: no library with an API to check: all are internal packages" % ctx.label)
        if not ctx.attr.contexts:
            result[name] = files
            continue
        out = ctx.actions.declare_file("%s.go_api/%s.txt" % (ctx.label.name, name))
        _merge(ctx, out, {name: files}, "GoApiCollect", "Collecting the %s API features of %s" % (name, ctx.label))
        result[name] = [out]
    return result

def _merge(ctx, out, files_by_context, mnemonic, progress_message):
    """Runs `apidiff merge` over {context name: [feature File]} into out."""
    args = ctx.actions.args()
    args.add("merge")
    args.add("-o", out)
    inputs = []
    for name in sorted(files_by_context.keys()):
        args.add_all(files_by_context[name], format_each = name + "=%s")
        inputs += files_by_context[name]
    ctx.actions.run(
        executable = _tools(ctx).apidiff,
        arguments = [args],
        inputs = inputs,
        outputs = [out],
        mnemonic = mnemonic,
        progress_message = progress_message,
        **action_toolchain(None)
    )

def _feature_args(collected):
    """Returns (["-features", "CTX=PATH", ...], [File]) with runfiles paths."""
    args = []
    files = []
    for name in sorted(collected.keys()):
        for f in collected[name]:
            args.extend(["-features", "%s=%s" % (name, f.short_path)])
            files.append(f)
    return args, files

def _shell_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"

def _api_path(ctx):
    """The package-relative path of the API file or directory."""
    return ctx.attr.api_path

def _runfiles_path(ctx, rel):
    """The runfiles-relative path of a path in the rule's package, which may not exist."""
    path = ctx.label.package + "/" + rel if ctx.label.package else rel
    if ctx.label.workspace_root:
        path = "../" + ctx.label.workspace_root[len("external/"):] + "/" + path
    return path

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

# The test: apidiff check, which also leaves its report as JSON among the test's outputs (for
# apireport) and as JUnit XML where Bazel takes the test's test.xml from.
_TEST_SCRIPT = """#!/usr/bin/env bash
# go_api_test {label}: compares the API with the API files.
reports=()
if [[ -n "${{TEST_UNDECLARED_OUTPUTS_DIR:-}}" ]]; then
  reports+=(-json-out "$TEST_UNDECLARED_OUTPUTS_DIR/go_api_report.json")
fi
if [[ -n "${{XML_OUTPUT_FILE:-}}" ]]; then
  reports+=(-junit-out "$XML_OUTPUT_FILE")
fi
exec {argv} ${{reports[@]+"${{reports[@]}}"}}
"""

def _label_string(label):
    """The label as users write it: //pkg:name in the main repository."""
    s = str(label)
    for main_repo in ("@@//", "@//"):
        if s.startswith(main_repo):
            return s[len(main_repo) - 2:]
    return s

def _go_api_test_impl(ctx):
    collected = _collect(ctx, _features_by_context(ctx))
    feature_args, feature_files = _feature_args(collected)
    apidiff = _tools(ctx).apidiff
    argv = [apidiff.short_path, "check", "-mode", ctx.attr.mode, "-api", _runfiles_path(ctx, _api_path(ctx)), "-approval", ctx.attr.approval]
    if ctx.attr.proposal:
        # The update command passes it, so the printed command need not ask for one.
        argv += ["-proposal", str(ctx.attr.proposal)]
    argv += feature_args
    argv += ["-update-hint", _update_command(ctx), "-label", _label_string(ctx.label)]
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(
        output = script,
        content = _TEST_SCRIPT.format(label = ctx.label, argv = " ".join([_shell_quote(a) for a in argv])),
        is_executable = True,
    )
    runfiles = ctx.runfiles(files = [apidiff] + feature_files + ctx.files.api_files)
    return [DefaultInfo(executable = script, runfiles = runfiles)]

def _go_api_update_impl(ctx):
    collected = _collect(ctx, _features_by_context(ctx))
    feature_args, feature_files = _feature_args(collected)
    apidiff = _tools(ctx).apidiff
    api = ctx.label.package + "/" + _api_path(ctx) if ctx.label.package else _api_path(ctx)
    argv = ["update", "-mode", ctx.attr.mode, "-approval", ctx.attr.approval, "-update-hint", _update_command(ctx)]
    if ctx.attr.next:
        argv += ["-next", ctx.attr.next]
    if ctx.attr.proposal:
        argv += ["-proposal", str(ctx.attr.proposal)]

    # Feature paths are relative to the runfiles directory, bazel run's working directory;
    # apidiff runs there too, so they need no prefix.
    quoted = [_shell_quote(a) for a in argv + feature_args]
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(
        output = script,
        content = """#!/usr/bin/env bash
# {label}: writes the current API of the checked libraries into the API files.
set -euo pipefail
if [[ -z "${{BUILD_WORKSPACE_DIRECTORY:-}}" ]]; then
  echo "{label}: run me with: bazel run {label}" >&2
  exit 2
fi
# The feature paths are relative to this (runfiles) directory: apidiff must not resolve them from
# where the user ran bazel, as it does under bazel run.
unset BUILD_WORKING_DIRECTORY
exec {apidiff} {args} -api "$BUILD_WORKSPACE_DIRECTORY"/{api} "$@"
""".format(
            label = ctx.label,
            apidiff = "\"$PWD\"/" + _shell_quote(apidiff.short_path),
            args = " ".join(quoted),
            api = _shell_quote(api),
        ),
        is_executable = True,
    )
    runfiles = ctx.runfiles(files = [apidiff] + feature_files)
    return [DefaultInfo(executable = script, runfiles = runfiles)]

def _go_api_features_impl(ctx):
    by_context = _features_by_context(ctx)
    files_by_context = {}
    for name, infos in by_context.items():
        files_by_context[name] = [info.features for info in infos if info.features]
    if not [f for files in files_by_context.values() for f in files]:
        fail("%s: no library with an API: all are internal packages" % ctx.label)
    out = ctx.actions.declare_file(ctx.label.name + ".txt")
    _merge(ctx, out, files_by_context, "GoApiMerge", "Merging the API features of %s" % ctx.label)
    return [DefaultInfo(files = depset([out]))]

def _attrs(split, check):
    attrs = {
        "libraries": attr.label_list(
            aspects = [go_api_aspect],
            cfg = contexts_transition if split else "target",
            mandatory = True,
            doc = "The go_library targets whose API is checked.",
        ),
        "contexts": attr.string_list(
            doc = "cmd/api context names (linux-amd64, windows-amd64, linux-amd64-cgo, ...); empty: the current configuration.",
        ),
        "_tools": attr.label(
            default = Label("//rules/private:tools"),
            providers = [GoApiToolsInfo],
            cfg = TOOLS_CFG,
        ),
        # The tools in the libraries' configurations (each context's, with contexts).
        "_target_tools": attr.label(
            default = Label("//rules/private:target_tools"),
            providers = [GoApiToolsInfo],
            cfg = contexts_transition if split else "target",
        ),
    }
    if split:
        attrs["_allowlist_function_transition"] = attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        )
    if check:
        attrs.update({
            "api_path": attr.string(mandatory = True, doc = "Package-relative path of the snapshot file or API directory."),
            "api_files": attr.label_list(allow_files = True, doc = "The API files (a glob of api_path)."),
            "mode": attr.string(mandatory = True, values = ["snapshot", "go"], doc = "snapshot (api) or go (api_dir)."),
            "approval": attr.string(default = "none", values = ["go", "all", "none"]),
            "next": attr.string(doc = "Go mode: the next/ file that `.update` appends new features to."),
            "proposal": attr.int(doc = "Go mode: the proposal number that `.update` appends as ` #N`."),
        })
    return attrs

def _rule_kwargs(implementation, split, check, **kwargs):
    """Returns the arguments of rule() for one variant of a rule.

    Each rule comes in two variants: with `contexts` (a split transition) and without (the current
    configuration, no transition at all).
    """
    return dict(
        implementation = implementation,
        attrs = _attrs(split = split, check = check),
        toolchains = [GO_TOOLCHAIN],
        **kwargs
    )

_go_api_current_test = rule(**_rule_kwargs(_go_api_test_impl, split = False, check = True, test = True))
_go_api_contexts_test = rule(**_rule_kwargs(_go_api_test_impl, split = True, check = True, test = True))
_go_api_current_update = rule(**_rule_kwargs(_go_api_update_impl, split = False, check = True, executable = True))
_go_api_contexts_update = rule(**_rule_kwargs(_go_api_update_impl, split = True, check = True, executable = True))
_go_api_current_features = rule(**_rule_kwargs(_go_api_features_impl, split = False, check = False))
_go_api_contexts_features = rule(**_rule_kwargs(_go_api_features_impl, split = True, check = False))

def _check_contexts(kind, name, contexts):
    """Fails at loading, with the nearest known names, on a context rules_go cannot build."""
    for c in contexts or []:
        parsed = parse_context(c)
        if type(parsed) == "string":
            fail("%s %s: %s" % (kind, name, parsed))

def _libraries(name, library, libraries):
    if (library == None) == (not libraries):
        fail("go_api_test %s: set exactly one of library or libraries" % name)
    return [library] if library != None else libraries

def go_api_test(
        name,
        library = None,
        libraries = None,
        api = None,
        api_dir = None,
        contexts = None,
        approval = None,
        next = None,
        proposal = None,
        tags = None,
        size = "small",
        **kwargs):
    """Checks the API of Go libraries against checked-in API files, like Go's `cmd/api -check`.

    Creates the test `name` (tagged api_check) and `name + ".update"`, which `bazel run` uses to
    write the current API into the API files.

    Args:
      name: the test's name; by convention "api_check".
      library: the go_library to check (or use libraries).
      libraries: several go_library targets checked together.
      api: snapshot mode: the one file (e.g. "api.txt") that holds the whole API.
      api_dir: Go mode: a directory laid out like Go's api/ (release *.txt files, next/*.txt,
        except.txt). New features go to next/, removals must be listed in except.txt.
      contexts: cmd/api context names to check (each built in its own configuration);
        default: the current configuration only.
      approval: which API files need " #<proposal>" suffixes: "go" (Go's rules, the default in
        Go mode), "all", or "none" (the default in snapshot mode).
      next: Go mode: the next/ file name that `.update` appends new features to (default: the
        proposal number).
      proposal: the proposal number `.update` appends to new lines where approvals are required
        (Go mode, or a snapshot with approval = "all").
      tags: extra tags; "api_check" is always added.
      size: the test size.
      **kwargs: other test attributes (timeout, visibility, ...).
    """
    libs = _libraries(name, library, libraries)
    _check_contexts("go_api_test", name, contexts)
    if (api == None) == (api_dir == None):
        fail("go_api_test %s: set exactly one of api (a snapshot file) or api_dir (a Go-style API directory)" % name)
    if api != None:
        mode = "snapshot"
        api_path = api

        # allow_empty: the file does not exist until the first `.update` (Bazel 8 makes empty globs
        # an error by default).
        api_files = native.glob([api], allow_empty = True)
        approval = approval or "none"
        if next:
            fail("go_api_test %s: next is for api_dir (Go mode)" % name)
    else:
        mode = "go"
        api_path = api_dir
        api_files = native.glob([api_dir + "/*.txt", api_dir + "/next/*.txt"], allow_empty = True)
        approval = approval or "go"
    common = dict(
        libraries = libs,
        api_path = api_path,
        api_files = api_files,
        mode = mode,
        approval = approval,
        next = next,
        proposal = proposal,
    )
    if contexts:
        test_rule, update_rule = _go_api_contexts_test, _go_api_contexts_update
        common["contexts"] = contexts
    else:
        test_rule, update_rule = _go_api_current_test, _go_api_current_update
    test_rule(
        name = name,
        tags = (tags or []) + ["api_check"],
        size = size,
        **dict(common, **kwargs)
    )
    update_rule(
        name = name + ".update",
        # Only for `bazel run`: not built by `bazel build //...`.
        tags = [t for t in (tags or []) if t != "api_check"] + ["manual"],
        # go_api_checks's .update, usually in the root package, runs it.
        visibility = ["//visibility:public"],
        **common
    )

def go_api_features(name, libraries, contexts = None, **kwargs):
    """Writes the merged API features of Go libraries to `<name>.txt`, in cmd/api's format.

    Args:
      name: the target's name.
      libraries: go_library targets.
      contexts: cmd/api context names; default: the current configuration only.
      **kwargs: common attributes (visibility, tags, ...).
    """
    _check_contexts("go_api_features", name, contexts)
    if contexts:
        _go_api_contexts_features(name = name, libraries = libraries, contexts = contexts, **kwargs)
    else:
        _go_api_current_features(name = name, libraries = libraries, **kwargs)

def _go_api_update_all_impl(ctx):
    updates = ctx.attr.updates
    lines = []
    for u in updates:
        executable = u[DefaultInfo].files_to_run.executable
        lines.append("run_update %s %s \"$@\"" % (_shell_quote(_label_string(u.label)), _shell_quote(executable.short_path)))
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(
        output = script,
        content = _UPDATE_ALL_SCRIPT.format(label = _label_string(ctx.label), runs = "\n".join(lines), count = len(updates)),
        is_executable = True,
    )
    runfiles = ctx.runfiles(files = [script])
    for u in updates:
        runfiles = runfiles.merge(u[DefaultInfo].default_runfiles)
    return [DefaultInfo(executable = script, runfiles = runfiles)]

# Runs every check's update from the merged runfiles tree (each update script's paths are relative
# to it), goes on after a failure, and ends with one line per check and a summary. The arguments
# after `--` go to every update; -except and -next concern Go-style directories only, and snapshot
# checks ignore them.
_UPDATE_ALL_SCRIPT = """#!/usr/bin/env bash
# {label}: accepts the API of every check in one `bazel run`.
if [[ -z "${{BUILD_WORKSPACE_DIRECTORY:-}}" ]]; then
  echo "{label}: run me with: bazel run {label}" >&2
  exit 2
fi
failed=()
summary=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# run_update LABEL SCRIPT ARGS...
run_update() {{
  echo "== $1"
  if bash "$2" "${{@:3}}" 2>&1 | tee "$log"; [[ ${{PIPESTATUS[0]}} -ne 0 ]]; then
    failed+=("$1")
    summary+=("  ${{1%.update}}: not updated: $(grep -v '^usage:' "$log" | head -n 1)")
  elif grep -q "is up to date$" "$log"; then
    summary+=("  ${{1%.update}}: up to date")
  else
    summary+=("  ${{1%.update}}: updated")
  fi
}}
{runs}
echo
printf '%s\\n' "${{summary[@]}}"
if ((${{#failed[@]}})); then
  echo "{label}: {count} checks, ${{#failed[@]}} not updated (see above)" >&2
  exit 1
fi
echo "{label}: {count} checks up to date (files that differed were rewritten, as listed above)"
"""

_go_api_update_all = rule(
    implementation = _go_api_update_all_impl,
    attrs = {
        "updates": attr.label_list(mandatory = True, doc = "The checks' .update targets."),
    },
    executable = True,
    doc = "Runs the .update of every check in one `bazel run`.",
)

def go_api_checks(name, checks, **kwargs):
    """All API checks of a repository: a test_suite, and one command that accepts every change.

    Creates `name` (a test_suite of the checks: `bazel test //:api_checks`) and `name + ".update"`
    (`bazel run //:api_checks.update` runs every check's `.update`, so only files that differ are
    rewritten, each atomically, and prints a summary). Gazelle maintains it in the root BUILD file
    (the go_api_checks directive); without Gazelle, list the checks by hand.

    Args:
      name: the suite's name; by convention "api_checks".
      checks: labels of go_api_test targets.
      **kwargs: common attributes (visibility, ...).
    """
    native.test_suite(name = name, tests = checks, **kwargs)
    _go_api_update_all(
        name = name + ".update",
        updates = [c + ".update" for c in checks],
        tags = ["manual"],
        visibility = kwargs.get("visibility"),
    )
