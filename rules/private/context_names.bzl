"""Context names and internal import paths: the rules' side of internal/contexts.

Pure Starlark (no Bazel built-ins but struct), so that internal/contexts's tests run these
functions and check that they answer exactly as the Go package does. The table is generated
from that package (contexts_table.bzl).
"""

load(":contexts_table.bzl", "PORTS")

def context_names(bazel):
    """Returns every context name.

    Args:
      bazel: only the contexts rules_go has a platform for.

    Returns:
      The sorted list of names: each port, and each port with "-cgo" where cgo is supported.
    """
    names = []
    for port, p in PORTS.items():
        if bazel and not p.bazel:
            continue
        names.append(port)
        if (bazel and p.bazel_cgo) or (not bazel and p.cgo):
            names.append(port + "-cgo")
    return sorted(names)

def _edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        prev = cur
    return prev[len(b)]

def _suggestion(name, known):
    best = []
    best_dist = 3
    for k in known:
        d = _edit_distance(name, k)
        if d < best_dist:
            best = [k]
            best_dist = d
        elif d == best_dist:
            best.append(k)
    if not best:
        return ""
    return " (did you mean %s?)" % " or ".join(best)

def parse_context(name):
    """Parses a cmd/api context name that rules_go can build.

    Args:
      name: a context name such as "linux-amd64" or "linux-amd64-cgo".

    Returns:
      A struct with name, goos, goarch and cgo (bool), or an error string saying what to fix.
    """
    port = name
    cgo = False
    if name.endswith("-cgo"):
        port = name[:-len("-cgo")]
        cgo = True
    p = PORTS.get(port)
    if p != None and cgo and not p.cgo:
        return "context %r: Go has no cgo on %s; check %s" % (name, port, port)
    if p == None:
        return "unknown context %r%s: want GOOS-GOARCH or GOOS-GOARCH-cgo, as in linux-amd64 or linux-amd64-cgo" % (
            name,
            _suggestion(name, context_names(False)),
        )
    if cgo and p.bazel and not p.bazel_cgo:
        return "context %r: rules_go has no cgo platform for %s; check %s" % (name, port, port)
    if not p.bazel or (cgo and not p.bazel_cgo):
        return "context %r: rules_go has no platform for %s%s" % (name, port, _suggestion(name, context_names(True)))
    goos, goarch = port.split("-")
    return struct(name = name, goos = goos, goarch = goarch, cgo = cgo)

def is_internal(importpath):
    """Reports whether an import path is internal (the go command's rule).

    Args:
      importpath: a Go import path.

    Returns:
      True if a path element is "internal".
    """
    return importpath == "internal" or importpath.startswith("internal/") or importpath.endswith("/internal") or "/internal/" in importpath

def is_public_path(importpath):
    """Reports whether a package with this import path can have an API (internal/contexts.IsPublicPath).

    Args:
      importpath: a Go import path.

    Returns:
      False for internal packages, packages vendored into the standard library, and unsafe.
    """
    return importpath != "unsafe" and not importpath.startswith("vendor/") and not is_internal(importpath)
