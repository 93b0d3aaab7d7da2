"""What every rule file shares: the Go toolchain type and small helpers."""

# The Go toolchain type, as a label string resolved in rules_go_api's own repository mapping (a
# user may give rules_go another repository name).
GO_TOOLCHAIN = str(Label("@io_bazel_rules_go//go:toolchain"))

# Actions name the toolchain their executable comes from (`toolchain = GO_TOOLCHAIN`, or None for
# tools from attributes): with automatic exec groups (--incompatible_auto_exec_groups, Bazel 8's
# default) an action of a rule that has toolchains must say which, so that it runs on that
# toolchain's exec platform.

def label_string(label):
    """Returns a label as users write it: //pkg:name in the main repository.

    Args:
      label: a Label.

    Returns:
      The label's string, without the main repository's "@" or "@@".
    """
    s = str(label)
    for main_repo in ("@@//", "@//"):
        if s.startswith(main_repo):
            return s[len(main_repo) - 2:]
    return s

def rlocation_path(ctx, path):
    """Returns the runfiles path ("REPO/PATH") of a File's short_path, or of any repository path.

    Args:
      ctx: a rule context.
      path: a File's short_path: "PKG/FILE" in the main repository, "../REPO/PKG/FILE" in another.

    Returns:
      The path relative to the root of a runfiles tree.
    """
    if path.startswith("../"):
        return path[len("../"):]
    return ctx.workspace_name + "/" + path
