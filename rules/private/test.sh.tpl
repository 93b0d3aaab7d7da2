#!/usr/bin/env bash
# go_api_test %LABEL%: compares the API of its libraries with the API files (apidiff check), and
# leaves the report as JSON among the test's undeclared outputs (for apireport) and as JUnit XML
# where Bazel takes test.xml from.
set -euo pipefail
# The paths below are runfiles paths: relative to the root of the runfiles tree.
runfiles=${RUNFILES_DIR:-${TEST_SRCDIR:-$0.runfiles}}
if [[ ! -d $runfiles ]]; then
  echo "%LABEL%: no runfiles tree at $runfiles (run it with bazel test)" >&2
  exit 2
fi
cd "$runfiles"
# Under bazel run, apidiff would resolve the paths from where the user ran it.
unset BUILD_WORKING_DIRECTORY
reports=()
if [[ -n ${TEST_UNDECLARED_OUTPUTS_DIR:-} ]]; then
  reports+=(-json-out "$TEST_UNDECLARED_OUTPUTS_DIR/go_api_report.json")
fi
if [[ -n ${XML_OUTPUT_FILE:-} ]]; then
  reports+=(-junit-out "$XML_OUTPUT_FILE")
fi
exec %APIDIFF% check %ARGS% ${reports[@]+"${reports[@]}"}
