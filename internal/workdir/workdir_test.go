package workdir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEnter(t *testing.T) {
	start, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(start) })

	t.Setenv("BUILD_WORKING_DIRECTORY", "")
	if err := Enter(); err != nil {
		t.Fatal(err)
	}
	if wd, _ := os.Getwd(); wd != start {
		t.Errorf("without bazel run: working directory %s, want %s", wd, start)
	}

	dir := t.TempDir()
	t.Setenv("BUILD_WORKING_DIRECTORY", dir)
	if err := Enter(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("report.md", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "report.md")); err != nil {
		t.Errorf("a relative path under bazel run is not in BUILD_WORKING_DIRECTORY: %v", err)
	}

	t.Setenv("BUILD_WORKING_DIRECTORY", filepath.Join(dir, "gone"))
	if err := Enter(); err == nil || !strings.Contains(err.Error(), "BUILD_WORKING_DIRECTORY") {
		t.Errorf("a directory that does not exist: got %v", err)
	}
}
