package bazel_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// checkBlock matches a go_api_test call that Gazelle generates (library = ":..."), and checkLoad
// the load of go_api_test in a BUILD file.
var (
	checkBlock = regexp.MustCompile(`(?s)\ngo_api_test\(\n(?:    [^\n]*\n)*?    library = ":[^\n]*\n(?:    [^\n]*\n)*?\)\n`)
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
		stripped := checkBlock.ReplaceAllString(string(data), "\n")
		if !strings.Contains(stripped, "go_api_test(") {
			stripped = checkLoad.ReplaceAllString(stripped, "")
		}
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
	if !strings.Contains(r.Output, "//greet:api_check") || !strings.Contains(r.Output, "//ids:api_check") || !strings.Contains(r.Output, "3 tests pass") {
		t.Errorf("bazel test --config=api did not run exactly the api_checks:\n%s", r.Output)
	}
	// The root suite runs the same checks, and its .update accepts every change in one command.
	r = w.MustBazel("test", "//:api_checks")
	if !strings.Contains(r.Output, "//third_party/uuid:api_check") || !strings.Contains(r.Output, "3 tests pass") {
		t.Errorf("bazel test //:api_checks did not run the same checks:\n%s", r.Output)
	}
	w.Edit("greet/greet.go", "// Hello greets", "// Wave is new.\nfunc Wave() string { return \"o/\" }\n\n// Hello greets")
	w.mustFail([]string{"+ func Wave() string"}, "test", "//:api_checks")
	r = w.MustBazel("run", "//:api_checks.update")
	// Labels as users type them, also under bzlmod (whose canonical form is @@//greet:...).
	for _, want := range []string{`(?m)^== //greet:api_check\.update$`, `(?m)^== //ids:api_check\.update$`,
		`(?m)^//:api_checks\.update: 3 checks: 1 updated, 2 up to date$`, `greet/api\.txt`} {
		if !regexp.MustCompile(want).MatchString(r.Output) {
			t.Errorf("bazel run //:api_checks.update: output does not match %s:\n%s", want, r.Output)
		}
	}
	w.MustBazel("test", "//:api_checks")
	r = w.MustBazel("run", "//:gazelle", "--", "-mode=diff")
	if strings.Contains(r.Output, "+++") {
		t.Errorf("second gazelle run would change files:\n%s", r.Output)
	}
	buildAspect(w)
}

// TestDependencyCheck checks the API of a module the workspace depends on (examples/gazelle's
// hand-written third_party/uuid check of github.com/google/uuid v1.6.0): going back to v1.5.0,
// which lacks v1.6.0's var Max, fails the check. The version comes from go.mod through go_deps
// (TestWorkspaceMode does the same with WORKSPACE's go_repository).
func TestDependencyCheck(t *testing.T) {
	w := NewWorkspace(t, "gazelle")
	w.MustBazel("test", "//third_party/uuid:api_check")
	w.Edit("go.mod", "github.com/google/uuid v1.6.0", "github.com/google/uuid v1.5.0")
	w.Edit("go.sum", "github.com/google/uuid v1.6.0 "+uuidSum16, "github.com/google/uuid v1.5.0 "+uuidSum15)
	w.Edit("go.sum", "github.com/google/uuid v1.6.0/go.mod", "github.com/google/uuid v1.5.0/go.mod")
	uuidMaxRemoved(t, w)
}

// The go.sum hashes of github.com/google/uuid v1.6.0 and v1.5.0.
const uuidSum16, uuidSum15 = "h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=", "h1:1p67kYwdtXjb0gL0BPiP1Av9wiZPo5A8z2cWkTZ+eyU="

// uuidMaxRemoved wants examples/gazelle's third_party/uuid check to fail, reporting v1.6.0's
// var Max as removed, once the workspace has gone back to uuid v1.5.0.
func uuidMaxRemoved(t *testing.T, w *Workspace) {
	t.Helper()
	r := w.mustFail([]string{"bazel run //third_party/uuid:api_check.update"}, "test", "//third_party/uuid:api_check")
	if !strings.Contains(section(r.Output, "Breaking"), "- var Max UUID") {
		t.Errorf("going back to uuid v1.5.0 does not report var Max as removed:\n%s", r.Output)
	}
}

// TestGazelleBootstrap turns checks on for new packages with no API files: Go mode (an api/
// directory that does not exist) and a snapshot file not named *.txt. Gazelle generates the
// checks; each fails with the command that accepts the API, which makes it pass. Empty globs
// are errors here, as in Bazel 8.
func TestGazelleBootstrap(t *testing.T) {
	w := NewWorkspace(t, "gazelle")
	w.WriteFile("newlib/BUILD.bazel", "# gazelle:go_api on\n# gazelle:go_api_mode go\n")
	w.WriteFile("newlib/newlib.go", "// Package newlib is new.\npackage newlib\n\n// New is new.\nfunc New() int { return 1 }\n")
	w.WriteFile("named/BUILD.bazel", "# gazelle:go_api on\n# gazelle:go_api_file API\n")
	w.WriteFile("named/named.go", "// Package named keeps its API in a file called API.\npackage named\n\n// Name is a name.\nconst Name = \"#1\"\n")
	w.MustBazel("run", "//:gazelle")
	for _, want := range []string{`api_dir = "api"`, `library = ":newlib"`} {
		if !strings.Contains(w.ReadFile("newlib/BUILD.bazel"), want) {
			t.Fatalf("newlib/BUILD.bazel lacks %s:\n%s", want, w.ReadFile("newlib/BUILD.bazel"))
		}
	}
	if !strings.Contains(w.ReadFile("named/BUILD.bazel"), `api = "API"`) {
		t.Fatalf("named/BUILD.bazel:\n%s", w.ReadFile("named/BUILD.bazel"))
	}
	const emptyGlob = "--incompatible_disallow_empty_glob"
	r := w.mustFail([]string{"bazel run //newlib:api_check.update", "+ func New() int"}, "test", emptyGlob, "//newlib:api_check")
	if strings.Contains(r.Output, " -- ") {
		t.Errorf("the first update of a Go-mode package should need no flags:\n%s", r.Output)
	}
	w.MustBazel("run", emptyGlob, "//newlib:api_check.update")
	if got, want := w.ReadFile("newlib/api/initial.txt"), "pkg example.com/gz/newlib, func New() int\n"; got != want {
		t.Errorf("newlib/api/initial.txt:\n%s\nwant:\n%s", got, want)
	}
	w.MustBazel("test", emptyGlob, "//newlib:api_check")

	w.mustFail([]string{"API does not exist yet", "bazel run //named:api_check.update"}, "test", emptyGlob, "//named:api_check")
	w.MustBazel("run", emptyGlob, "//named:api_check.update")
	w.MustBazel("test", emptyGlob, "//named:api_check", "//newlib:api_check")
	if got := w.ReadFile("named/API"); !strings.Contains(got, `pkg example.com/gz/named, const Name = "#1"`) {
		t.Errorf("named/API:\n%s", got)
	}

	// One update for the whole suite, Go mode and snapshots mixed. A Go-mode removal plus an
	// addition is refused with the one complete command it needs; the suite says per check what
	// happened; its flags (-except, for Go-style directories) reach the snapshots harmlessly.
	w.Edit("newlib/newlib.go", "// New is new.\nfunc New() int { return 1 }", "// Other replaces New.\nfunc Other() int { return 2 }")
	w.Edit("named/named.go", `const Name = "#1"`, "const Name = \"#1\"\n\n// Nick is new.\nconst Nick = \"n\"")
	r = w.mustFail([]string{"bazel run //newlib:api_check.update -- -except -proposal NUMBER",
		"  //newlib:api_check: not updated: ", "  //named:api_check: updated", "  //greet:api_check: up to date", " checks: 1 updated, ", ", 1 not updated (see above)"},
		"run", emptyGlob, "//:api_checks.update")
	w.MustBazel("run", emptyGlob, "//:api_checks.update", "--", "-except", "-proposal", "5")
	w.MustBazel("test", emptyGlob, "//:api_checks")
	if got := w.ReadFile("newlib/api/next/5.txt"); got != "pkg example.com/gz/newlib, func Other() int #5\n" {
		t.Errorf("newlib/api/next/5.txt:\n%s", got)
	}
}

// TestReportOneInvocation: apireport -bep reports exactly the checks of one invocation. Two checks
// fail; one change is reverted and only that check runs again. bazel-testlogs still holds the
// other's old failure (and apireport says so when it reads it); the build event file of the last
// invocation lists only the check that ran.
func TestReportOneInvocation(t *testing.T) {
	w := NewWorkspace(t, "gazelle")
	w.Edit("greet/greet.go", "// Hello greets", "// Wave is new.\nfunc Wave() string { return \"o/\" }\n\n// Hello greets")
	w.Edit("ids/ids.go", "// New returns", "// Nil is new.\nvar Nil uuid.UUID\n\n// New returns")
	w.mustFail([]string{"+ func Wave() string", "+ var Nil uuid.UUID"}, "test", "//:api_checks")
	w.Edit("ids/ids.go", "// Nil is new.\nvar Nil uuid.UUID\n\n", "")
	bep := filepath.Join(t.TempDir(), "bep.json")
	w.MustBazel("test", "--build_event_json_file="+bep, "//ids:api_check")

	r := w.MustBazel("run", "@rules_go_api//tools/apireport", "--", "-bep", bep)
	if !strings.Contains(r.Output, "1 API check: 0 with breaking changes, 0 with other differences, 1 unchanged") || strings.Contains(r.Output, "Wave") {
		t.Errorf("apireport -bep of the last invocation:\n%s", r.Output)
	}
	r = w.MustBazel("run", "@rules_go_api//tools/apireport", "--", "bazel-testlogs")
	if !strings.Contains(r.Output, "Wave") || !strings.Contains(r.Output, "also of checks the last `bazel test` did not run") {
		t.Errorf("apireport over bazel-testlogs does not show, or does not flag, the older result:\n%s", r.Output)
	}
}

// TestGazelleContextsAdded (issue 28): a check accepted in its default context, then given three
// contexts through Gazelle's go_api_contexts directive with no code change, fails saying the two
// new contexts are not yet recorded: no breaking change, no proof. Its update records them, and
// the check passes.
func TestGazelleContextsAdded(t *testing.T) {
	w := NewWorkspace(t, "gazelle")
	w.WriteFile("greet/greet_unix.go", "//go:build unix\n\npackage greet\n\n// Chmod changes a file's mode.\nfunc Chmod(name string, mode uint32) error { return nil }\n")
	w.WriteFile("greet/greet_windows.go", "package greet\n\n// VolumeName returns the volume of path.\nfunc VolumeName(path string) string { return \"\" }\n")
	w.MustBazel("run", "//:gazelle")
	w.MustBazel("run", "//greet:api_check.update")
	w.MustBazel("test", "//greet:api_check")
	if got, want := w.ReadFile("greet/api.txt"), "pkg example.com/gz/greet, func Chmod(string, uint32) error\npkg example.com/gz/greet, func Hello(string) string\n"; got != want {
		t.Fatalf("greet/api.txt in the default context:\n%s\nwant\n%s", got, want)
	}

	w.Edit("greet/BUILD.bazel", `load("@io_bazel_rules_go//go:def.bzl", "go_library")`,
		"load(\"@io_bazel_rules_go//go:def.bzl\", \"go_library\")\n\n# gazelle:go_api_contexts linux-amd64 windows-amd64 darwin-arm64")
	w.MustBazel("run", "//:gazelle")
	if got := w.ReadFile("greet/BUILD.bazel"); !strings.Contains(got, `"windows-amd64"`) {
		t.Fatalf("greet/BUILD.bazel after gazelle has no windows-amd64 context:\n%s", got)
	}
	r := w.mustFail([]string{
		"  not yet recorded: darwin-arm64, windows-amd64 (the API files were not written for them: not compared, not a change of the API; the update records them)\n",
		"Record the new contexts with:\n  bazel run //greet:api_check.update\n",
	}, "test", "//greet:api_check")
	for _, bad := range []string{"Breaking", "removed_in_some_contexts", "proof"} {
		if strings.Contains(r.Output, bad) {
			t.Errorf("the check with new contexts reports %q:\n%s", bad, r.Output)
		}
	}

	w.MustBazel("run", "//greet:api_check.update")
	want := "pkg example.com/gz/greet (darwin-arm64), func Chmod(string, uint32) error\n" +
		"pkg example.com/gz/greet (linux-amd64), func Chmod(string, uint32) error\n" +
		"pkg example.com/gz/greet (windows-amd64), func VolumeName(string) string\n" +
		"pkg example.com/gz/greet, func Hello(string) string\n"
	if got := w.ReadFile("greet/api.txt"); got != want {
		t.Errorf("greet/api.txt after the update:\n%s\nwant\n%s", got, want)
	}
	if got := w.ReadFile("greet/api.facts"); !strings.Contains(got, "\n# contexts darwin-arm64 linux-amd64 windows-amd64\n") {
		t.Errorf("greet/api.facts does not record the three contexts:\n%s", got)
	}
	w.MustBazel("test", "//greet:api_check")
}
