#!/usr/bin/env bash
# %LABEL%: writes the current API of the checked libraries into the API files (apidiff update).
set -euo pipefail
if [[ -z ${BUILD_WORKSPACE_DIRECTORY:-} ]]; then
  echo "%LABEL%: run me with: bazel run %LABEL%" >&2
  exit 2
fi
# The paths below are runfiles paths: relative to the root of the runfiles tree (a go_api_checks
# update passes its own as RUNFILES_DIR).
runfiles=${RUNFILES_DIR:-$0.runfiles}
if [[ ! -d $runfiles ]]; then
  echo "%LABEL%: no runfiles tree at $runfiles (run it with bazel run)" >&2
  exit 2
fi
cd "$runfiles"
# apidiff must not resolve them from where the user ran bazel, as it does under bazel run.
unset BUILD_WORKING_DIRECTORY
exec %APIDIFF% update %ARGS% -api "$BUILD_WORKSPACE_DIRECTORY"/%API% "$@"
