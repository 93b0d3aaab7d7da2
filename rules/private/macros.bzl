"""The public macros: go_api_test, go_api_features and go_api_checks over the rules of this directory.

Each macro checks what it can when BUILD files are loaded (context names, exclusive arguments),
and fills in what a rule cannot compute (the glob of the API files); the rules keep the macros'
names as their kinds, so errors name what users wrote.
"""

load(":checks.bzl", "go_api_update_all")
load(":context_names.bzl", "parse_context")
load(":facts_path.bzl", "decl_path", "facts_path")
load(":features.bzl", _go_api_features_rule = "go_api_features")
load(":test.bzl", "go_api_update", _go_api_test_rule = "go_api_test")

def _check_contexts(kind, name, contexts):
    """Fails at loading, with the nearest known names, on a context rules_go cannot build."""
    for c in contexts or []:
        parsed = parse_context(c)
        if type(parsed) == "string":
            fail("%s %s: %s" % (kind, name, parsed))

def go_api_test(
        name,
        library = None,
        libraries = None,
        api = None,
        api_dir = None,
        baseline = None,
        baselines = None,
        contexts = None,
        approval = None,
        next = None,
        proposal = None,
        tags = None,
        size = "small",
        **kwargs):
    """Checks the API of Go libraries against checked-in API files, like Go's `cmd/api -check`, or against another version's.

    Creates the test `name` (tagged `api_check`) and `name + ".update"`, which `bazel run` uses to
    write the current API into the API files.

    With `baseline` instead of API files, the test compares the libraries' API with another
    target's, built in the same contexts: a published version of the module (before tagging a
    release), or the old version of a dependency (before upgrading it). Only breaking changes fail
    it, each with its proof; its `.update` has nothing to write and says so.

    Args:
      name: the test's name; by convention `api_check`.
      library: the `go_library` whose API is checked (or use `libraries`). Anything without
        rules_go's `GoArchive` provider is an analysis error, and so is a `go_test` or `go_binary`
        (the error names the kind): nothing imports them. A library with an `internal` import path
        has no API and is skipped, as cmd/api skips it. A `main` package fails the check: a command
        has no API.
      libraries: several `go_library` targets checked together (exactly one of `library` and
        `libraries`).
      api: snapshot mode: one file, a path relative to the package (`api.txt`, `apis/x.txt`; any
        name), with the whole API merged over the contexts. `.update` rewrites it, and beside it the facts the
        compatibility verdict compares and the declarations its proofs are type-checked against
        (`api.facts` and `api.decl` for `api.txt`; commit all three). A missing
        file fails the test with the command that creates it (and its directories).
      api_dir: Go mode: a directory laid out like Go's `api/`: release files `*.txt` (frozen),
        `next/*.txt` (features added since), `except.txt` (accepted removals). A directory that does
        not exist yet is an empty API: the test fails listing every feature as added, and `.update`
        writes them to `initial.txt`. After that, `.update` appends new features to
        `next/<proposal>.txt` (each line ending in ` #<proposal>` where approvals are required) and
        refuses removals unless given `-except`, which lists them in `except.txt`. The facts the
        compatibility verdict compares are kept in `current.facts` there, the declarations its
        proofs are type-checked against in `current.decl`.
      baseline: a library whose API the check compares with instead of API files: usually the
        same library of a published version, from a `go_repository` under another name
        (`@mylib_v1_4_2//:mylib`; set-up: docs/rules.md, "Checking against a published version"). Exactly one of `api`,
        `api_dir`, `baseline` and `baselines`.
      baselines: several such libraries, compared with `libraries` as one API.
      contexts: cmd/api context names, e.g. `["linux-amd64", "windows-amd64", "linux-amd64-cgo"]`.
        Each is built in its own configuration (a split transition to rules_go's
        `<goos>_<goarch>[_cgo]` platform), and the features are merged as cmd/api merges them: a
        feature of every context without a suffix, the others as `pkg p (linux-amd64), ...`. A
        context where the library has no API is fine when another has some. Default: the current
        configuration only, named after its platform (e.g. `linux-amd64`). An unknown name fails
        when the BUILD file is loaded, with the nearest known names; a cgo context without a C
        toolchain for it fails with a message.
      approval: which API files need ` #<proposal>` suffixes: `go` (the default: Go's rules,
        `go1.N.txt` for N >= 19 and `next/*.txt`, which in a snapshot file means none), `all`, or
        `none`.
      next: Go mode: the `next/` file that `.update` appends new features to (default: the
        proposal number, else `unreleased`).
      proposal: the proposal number `.update` puts on new lines where approvals are required (Go
        mode, or a snapshot with `approval = "all"`). Without it, the failing test's update command
        ends in `-- -proposal NUMBER`.
      tags: extra tags; `api_check` is always added.
      size: the test size.
      **kwargs: other test attributes (`timeout`, `visibility`, ...).
    """
    _check_contexts("go_api_test", name, contexts)
    if (library == None) == (not libraries):
        fail("go_api_test %s: set exactly one of library or libraries" % name)
    if len([x for x in (api, api_dir, baseline, baselines) if x]) != 1:
        fail("go_api_test %s: set exactly one of api (a snapshot file), api_dir (a Go-style API directory), baseline or baselines (libraries to compare with)" % name)
    if baseline or baselines:
        for attr_name, value in (("approval", approval), ("next", next), ("proposal", proposal)):
            if value:
                fail("go_api_test %s: %s is about API files, and a check against a baseline has none" % (name, attr_name))
        mode, api_path, api_files = "baseline", "", []
        approval = "none"
    elif api != None:
        if next:
            fail("go_api_test %s: next is for api_dir (Go mode)" % name)
        mode, api_path = "snapshot", api

        # allow_empty: the file does not exist until the first `.update` (Bazel 8 makes empty globs
        # an error by default).
        api_files = native.glob([api, facts_path(api, False), decl_path(api, False)], allow_empty = True)
    else:
        mode, api_path = "go", api_dir
        api_files = native.glob([api_dir + "/*.txt", api_dir + "/next/*.txt", facts_path(api_dir, True), decl_path(api_dir, True)], allow_empty = True)
    common = dict(
        library = library,
        libraries = libraries,
        baselines = [baseline] if baseline else baselines,
        baseline_name = ", ".join([baseline] if baseline else baselines or []),
        contexts = contexts,
        api_path = api_path,
        api_files = api_files,
        mode = mode,
        approval = approval,
        next = next,
        proposal = proposal,
    )
    _go_api_test_rule(
        name = name,
        tags = (tags or []) + ["api_check"],
        size = size,
        **dict(common, **kwargs)
    )
    go_api_update(
        name = name + ".update",
        # Only for `bazel run`: not built by `bazel build //...`.
        tags = [t for t in (tags or []) if t != "api_check"] + ["manual"],
        # go_api_checks's .update, usually in the root package, runs it.
        visibility = ["//visibility:public"],
        **common
    )

def go_api_features(name, library = None, libraries = None, contexts = None, **kwargs):
    """Writes the merged API features of Go libraries to `<name>.txt`, in cmd/api's format.

    Args:
      name: the target's name.
      library: a go_library (or use libraries).
      libraries: go_library targets.
      contexts: cmd/api context names; default: the current configuration only.
      **kwargs: common attributes (visibility, tags, ...).
    """
    _check_contexts("go_api_features", name, contexts)
    if (library == None) == (not libraries):
        fail("go_api_features %s: set exactly one of library or libraries" % name)
    _go_api_features_rule(name = name, library = library, libraries = libraries, contexts = contexts, **kwargs)

def go_api_checks(name, checks, **kwargs):
    """All API checks of a repository: a test_suite, and one command that accepts every change.

    Creates `name` (a test_suite of the checks: `bazel test //:api_checks`) and `name + ".update"`
    (`bazel run //:api_checks.update` runs every check's `.update`, so only files that differ are
    rewritten, each atomically, and prints a line per check). Gazelle maintains it in the root
    BUILD file (the go_api_checks directive); without Gazelle, list the checks by hand.

    Args:
      name: the suite's name; by convention "api_checks".
      checks: labels of go_api_test targets.
      **kwargs: common attributes (visibility, ...).
    """
    native.test_suite(name = name, tests = checks, **kwargs)
    go_api_update_all(
        name = name + ".update",
        updates = [c + ".update" for c in checks],
        tags = ["manual"],
        visibility = kwargs.get("visibility"),
    )
