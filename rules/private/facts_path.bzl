"""Where the facts and the declarations beside a check's API files are kept (docs/format.md).

The Starlark copies of apifile.FactsPath and apifile.DeclPath (internal/apifile), which apidiff
writes and reads; the macros glob the files so that a check sees them in its runfiles.
internal/apifile's Starlark test checks that the copies agree.
"""

def _beside(api_path, is_dir, ext):
    """`<dir>/current<ext>` for a Go-style directory; else the snapshot's path with ext for `.txt`."""
    if is_dir:
        return api_path + "/current" + ext
    if api_path.endswith(".txt"):
        return api_path[:-len(".txt")] + ext
    return api_path + ext

def facts_path(api_path, is_dir):
    """Returns the facts file of the API files at api_path.

    Args:
      api_path: a snapshot file (`api.txt`) or, with is_dir, a Go-style API directory.
      is_dir: whether api_path is a Go-style directory.

    Returns:
      `<dir>/current.facts` for a directory; else the snapshot's path with `.facts` for `.txt`.
    """
    return _beside(api_path, is_dir, ".facts")

def decl_path(api_path, is_dir):
    """Returns the declarations file of the API files at api_path.

    Args:
      api_path: a snapshot file (`api.txt`) or, with is_dir, a Go-style API directory.
      is_dir: whether api_path is a Go-style directory.

    Returns:
      `<dir>/current.decl` for a directory; else the snapshot's path with `.decl` for `.txt`.
    """
    return _beside(api_path, is_dir, ".decl")
