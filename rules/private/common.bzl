"""What every rule file shares: the Go toolchain type, and what differs between Bazel versions."""

# The Go toolchain type, as a label string resolved in rules_go_api's own repository mapping (a
# user may give rules_go another repository name).
GO_TOOLCHAIN = str(Label("@io_bazel_rules_go//go:toolchain"))

# Bazel 4.2.3, the project's WORKSPACE test lane, predates config.exec, the exec configuration of
# Starlark rules, and the `toolchain` parameter of actions; every Bazel that rules_go v0.65 accepts
# (>= 7.7) has both. LEGACY_BAZEL and what depends on it go when that test lane does.
LEGACY_BAZEL = not hasattr(config, "exec")

# The configuration the rules build their tools in. Bazel 4.2.3 carries the output directory
# suffix of a Starlark transition (go_api_test's contexts) into the exec configuration, so each
# context would build its own identical copy of the tools; the host configuration is one for all.
# The host configuration is gone in Bazel 7.
TOOLS_CFG = "host" if LEGACY_BAZEL else "exec"

def action_toolchain(toolchain):
    """Keyword arguments that say which toolchain an action's executable comes from.

    With automatic exec groups (--incompatible_auto_exec_groups), an action of a rule that has
    toolchains must say whether its executable is the toolchain's (it then runs on that
    toolchain's exec platform) or an attribute's (None).

    Args:
      toolchain: GO_TOOLCHAIN, or None for tools from attributes.

    Returns:
      {"toolchain": toolchain}, or {} on Bazel versions without the parameter.
    """
    return {} if LEGACY_BAZEL else {"toolchain": toolchain}

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

def shell_quote(s):
    """Quotes s for a POSIX shell.

    Args:
      s: a string.

    Returns:
      s in single quotes.
    """
    return "'" + s.replace("'", "'\\''") + "'"

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
