#!/usr/bin/env bash
# %LABEL%: accepts the API of every check in one `bazel run`. It runs each check's update from
# this target's runfiles tree, goes on after a failure, and ends with one line per check and a
# summary that counts them: "6 checks: 5 updated, 1 up to date" (and ", 1 not updated"). The arguments after `--` go to every update; -except and -next concern Go-style
# directories only, and snapshot checks ignore them.
if [[ -z ${BUILD_WORKSPACE_DIRECTORY:-} ]]; then
  echo "%LABEL%: run me with: bazel run %LABEL%" >&2
  exit 2
fi
RUNFILES_DIR=${RUNFILES_DIR:-$0.runfiles}
if [[ ! -d $RUNFILES_DIR ]]; then
  echo "%LABEL%: no runfiles tree at $RUNFILES_DIR (run it with bazel run)" >&2
  exit 2
fi
RUNFILES_DIR=$(cd "$RUNFILES_DIR" && pwd)
export RUNFILES_DIR
failed=()
summary=()
updated=0
up_to_date=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# run_update LABEL SCRIPT ARGS...: SCRIPT is a runfiles path.
run_update() {
  echo "== $1"
  if bash "$RUNFILES_DIR/$2" "${@:3}" 2>&1 | tee "$log"; [[ ${PIPESTATUS[0]} -ne 0 ]]; then
    failed+=("$1")
    summary+=("  ${1%.update}: not updated: $(grep -v '^usage:' "$log" | head -n 1)")
  elif grep -q "is up to date$" "$log"; then
    summary+=("  ${1%.update}: up to date")
    up_to_date=$((up_to_date + 1))
  else
    summary+=("  ${1%.update}: updated")
    updated=$((updated + 1))
  fi
}
%RUNS%
echo
printf '%s\n' "${summary[@]}"
counts="%COUNT% checks: $updated updated, $up_to_date up to date"
if ((${#failed[@]})); then
  echo "%LABEL%: $counts, ${#failed[@]} not updated (see above)" >&2
  exit 1
fi
echo "%LABEL%: $counts"
