"""Where the facts beside a check's API files are kept (docs/format.md).

The Starlark copy of apifile.FactsPath (internal/apifile), which apidiff writes and reads; the
macros glob the file so that a check sees it in its runfiles. internal/apifile's Starlark test
checks that the two agree.
"""

def facts_path(api_path, is_dir):
    """Returns the facts file of the API files at api_path.

    Args:
      api_path: a snapshot file (`api.txt`) or, with is_dir, a Go-style API directory.
      is_dir: whether api_path is a Go-style directory.

    Returns:
      `<dir>/current.facts` for a directory; else the snapshot's path with `.facts` for `.txt`.
    """
    if is_dir:
        return api_path + "/current.facts"
    if api_path.endswith(".txt"):
        return api_path[:-len(".txt")] + ".facts"
    return api_path + ".facts"
