package bazel_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// checkBlock matches a go_api_test call and the load of go_api_test in a BUILD file.
var (
	checkBlock = regexp.MustCompile(`(?s)\ngo_api_test\(\n.*?\n\)\n`)
	checkLoad  = regexp.MustCompile(`load\("@rules_go_api//rules:defs.bzl", "go_api_test"\)\n`)
)

// TestGazelleRestoresChecks deletes the api_check targets of the Gazelle example and expects
// `bazel run //:gazelle` to restore the BUILD files byte for byte, the presubmit
// `bazel test --config=api //...` to pass, and a second Gazelle run to change nothing.
func TestGazelleRestoresChecks(t *testing.T) {
	w := NewWorkspace(t, "gazelle")
	want := make(map[string]string)
	err := filepath.WalkDir(w.Dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&os.ModeSymlink != 0 {
			return nil
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), "bazel-") {
			return filepath.SkipDir
		}
		if d.Name() != "BUILD.bazel" {
			return nil
		}
		rel, _ := filepath.Rel(w.Dir, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		want[rel] = string(data)
		stripped := checkLoad.ReplaceAllString(checkBlock.ReplaceAllString(string(data), "\n"), "")
		w.WriteFile(rel, stripped)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(want["greet/BUILD.bazel"], "go_api_test(") {
		t.Fatalf("the example has no api_check to delete:\n%s", want["greet/BUILD.bazel"])
	}
	if strings.Contains(w.ReadFile("greet/BUILD.bazel"), "go_api_test") {
		t.Fatal("deleting the api_check failed")
	}

	w.MustBazel("run", "//:gazelle")
	for rel, content := range want {
		if got := w.ReadFile(rel); got != content {
			t.Errorf("%s after gazelle:\n%s\nwant:\n%s", rel, got, content)
		}
	}
	r := w.MustBazel("test", "--config=api", "//...")
	if !strings.Contains(r.Output, "//greet:api_check") || !strings.Contains(r.Output, "1 test passes") {
		t.Errorf("bazel test --config=api did not run exactly the api_check:\n%s", r.Output)
	}
	r = w.MustBazel("run", "//:gazelle", "--", "-mode=diff")
	if strings.Contains(r.Output, "+++") {
		t.Errorf("second gazelle run would change files:\n%s", r.Output)
	}
}
