package bazel_test

import (
	"strings"
	"testing"
)

// TestWorkspaceMode runs the examples as a WORKSPACE user of Bazel 7 has them (no MODULE.bazel,
// --enable_workspace --noenable_bzlmod, the repositories rules_go_api_dependencies() declares):
// examples/basic's check and test pass; in examples/gazelle, Gazelle keeps the checks as they are
// and the hand-written check of github.com/google/uuid catches a downgrade made in WORKSPACE's
// go_repository. (TestRelease's "workspace" case takes rules_go_api from the release archive's
// http_archive snippet.)
func TestWorkspaceMode(t *testing.T) {
	t.Run("basic", func(t *testing.T) {
		w := NewWorkspaceMode(t, "basic")
		w.MustBazel("test", "//...")
	})
	t.Run("gazelle", func(t *testing.T) {
		w := NewWorkspaceMode(t, "gazelle")
		if r := w.MustBazel("run", "//:gazelle", "--", "-mode=diff"); strings.Contains(r.Output, "+++") {
			t.Errorf("Gazelle would change the example's files in WORKSPACE mode:\n%s", r.Output)
		}
		w.MustBazel("test", "//:api_checks")
		w.Edit("WORKSPACE", `sum = "`+uuidSum16+`",
    version = "v1.6.0",`, `sum = "`+uuidSum15+`",
    version = "v1.5.0",`)
		uuidMaxRemoved(t, w)
	})
}

// TestWorkspaceModeDocs: the .bazelrc line the WORKSPACE-mode tests add is the one docs/rules.md
// gives WORKSPACE users.
func TestWorkspaceModeDocs(t *testing.T) {
	if line := strings.TrimSpace(workspaceModeBazelrc); !strings.Contains(readRepoFile(t, "docs/rules.md"), "`"+line+"`") {
		t.Errorf("docs/rules.md does not give WORKSPACE users the line the tests use: %s", line)
	}
}
