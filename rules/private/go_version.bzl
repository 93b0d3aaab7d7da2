"""The oldest Go SDK that can build the rules' tools, and the check of a toolchain's SDK against it.

Pure Starlark: tests/compat runs go_version_error, and builds the tools with Go MIN_GO_VERSION (which
must work) and with the release before it (which must fail), so this number stays true.
"""

# featgen and apidiff use go/types aliases (types.Alias), range over integers and the iterator
# functions of slices and maps. Stated here, not taken from go.mod, whose go line is the Gazelle
# extension's (Gazelle v0.53.0 needs Go 1.24.12); tests/compat keeps it true by building the tools
# with this release (must work) and the one before (must fail).
MIN_GO_VERSION = "1.23"

def _major_minor(version):
    """Returns [major, minor] of "1.21.8", "go1.23rc1" or "1.24", or None."""
    v = version[2:] if version.startswith("go") else version
    parts = v.split(".")
    if len(parts) < 2 or not parts[0].isdigit():
        return None
    minor = ""
    for c in parts[1].elems():
        if not c.isdigit():
            break
        minor += c
    if not minor:
        return None
    return [int(parts[0]), int(minor)]

def go_version_error(version):
    """Says why a Go SDK version cannot build the tools.

    Args:
      version: the SDK's version, as rules_go's GoSDK.version gives it (e.g. "1.21.8").

    Returns:
      None if the version is new enough or cannot be read (the build action checks again), else
      a one-line message naming the version found and the minimum.
    """
    have = _major_minor(version)
    if have == None or have >= _major_minor(MIN_GO_VERSION):
        return None
    return ("rules_go_api needs a Go SDK >= %s to build its tools, and the Go toolchain's SDK is %s: " +
            "register a newer one (go_sdk.download(version = ...) with bzlmod, " +
            "go_register_toolchains(version = ...) in WORKSPACE)") % (MIN_GO_VERSION, version)
