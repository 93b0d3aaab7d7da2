package bazel_test

import "testing"

// TestBasicExample builds and tests examples/basic with real Bazel, then checks that a second run
// with nothing changed executes no action.
func TestBasicExample(t *testing.T) {
	w := NewWorkspace(t, "basic")
	w.MustBazel("build", "//...")
	w.MustBazel("test", "//...")
	again := w.MustBazel("test", "//...")
	n, err := again.ExecutedProcesses()
	if err != nil {
		t.Fatalf("%v:\n%s", err, again.Output)
	}
	if n != 0 {
		t.Errorf("second bazel test with no change executed %d processes, want 0:\n%s", n, again.Output)
	}
	// The aspect over everything skips the go_test (it has no API) and computes the library's.
	buildAspect(w)
	if got := w.ReadFile("bazel-bin/greeting.go_api.txt"); got != w.ReadFile("api.txt") {
		t.Errorf("the aspect's features differ from api.txt:\n%s", got)
	}
}

// TestRepositoryRoot builds the project's own tools with Bazel and runs its Bazel unit tests.
func TestRepositoryRoot(t *testing.T) {
	w := RootWorkspace(t)
	w.MustBazel("build", "//...")
	w.MustBazel("test", "//...")
	if bzlmod(t) {
		// The bzl_library targets (manual: rules_go v0.50.1's fail on Bazel 4.2.3).
		w.MustBazel("build", "//rules:defs", "//rules:repositories")
	}
}
