// Package workdir makes the paths users give to a command run with `bazel run` mean what they
// typed. `bazel run` starts a binary in its runfiles directory, and says where the user was in
// BUILD_WORKING_DIRECTORY; every relative path argument (an output file, a directory to read) is
// relative to the latter.
package workdir

import (
	"fmt"
	"os"
)

// Enter changes the working directory to BUILD_WORKING_DIRECTORY when it is set (the command
// runs under `bazel run`), so that every relative path resolves where the user typed it.
// Elsewhere (a shell, a Bazel action, a test) it does nothing.
func Enter() error {
	dir := os.Getenv("BUILD_WORKING_DIRECTORY")
	if dir == "" {
		return nil
	}
	if err := os.Chdir(dir); err != nil {
		return fmt.Errorf("entering the directory bazel run was started in (BUILD_WORKING_DIRECTORY): %v", err)
	}
	return nil
}
