package bazel_test

import (
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/apidecl"
	"github.com/rules-go-api/rules_go_api/internal/apiformat"
)

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
	// From a subdirectory of the workspace, as bazel itself runs (docs/rules.md suggests running
	// apireport from where the report should go): the launcher finds the workspace and its set-up.
	w.WriteFile("docs/README", "a directory without a BUILD file\n")
	if r := w.BazelIn("docs", "test", "//..."); r.ExitCode != 0 {
		t.Errorf("bazel test //... from a subdirectory of the workspace: exit %d\n%s", r.ExitCode, r.Output)
	}
	// The aspect over everything skips the go_test (it has no API) and computes the library's
	// features and facts, which the example's API files hold.
	buildAspect(w)
	features, facts, record := splitFacts(w.ReadFile("bazel-bin/greeting.go_api.txt"), "linux-amd64")
	if features != w.ReadFile("api.txt") {
		t.Errorf("the aspect's features differ from api.txt:\n%s", features)
	}
	if facts != w.ReadFile("api.facts") {
		t.Errorf("the aspect's facts differ from api.facts:\n%s", facts)
	}
	// The record from rules_go's export data is the one featgen wrote from the go command's.
	if joined, err := apidecl.Join(map[string][]byte{"linux-amd64": []byte(record)}); err != nil || string(joined) != w.ReadFile("api.decl") {
		t.Errorf("the aspect's declarations differ from api.decl (%v):\n%s", err, record)
	}
}

// splitFacts splits a features file of one context into its features and its facts, each as the
// API files hold them: api.txt's text and api.facts' text, which records the context written, and
// its package's declarations record.
func splitFacts(text, written string) (features, facts, record string) {
	var fs, fcts []string
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if _, r, ok, _ := apiformat.ParseDeclLine(l); ok {
			record = string(r)
			continue
		}
		if f, ok := apiformat.ParseFactLine(l); ok {
			fcts = append(fcts, f)
		} else {
			fs = append(fs, l)
		}
	}
	return apiformat.JoinLines(fs), apiformat.FactsFileHeader + "\n" + apiformat.FactsContextsLine([]string{written}) + "\n" + apiformat.JoinLines(fcts), record
}

// TestRepositoryRoot builds the project's own tools with Bazel and runs its Bazel unit tests.
func TestRepositoryRoot(t *testing.T) {
	w := RootWorkspace(t)
	w.MustBazel("build", "//...")
	w.MustBazel("test", "//...")
}
