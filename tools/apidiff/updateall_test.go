package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// TestSuiteUpdateSummary runs the suite update's script, rules/private/update_all.sh.tpl (the
// .update of go_api_checks), over three checks whose updates run this apidiff: one writes its
// snapshot, one finds it up to date, one is refused (a Go-style directory losing a feature,
// without -except). The script tells them apart by what apidiff update prints, and its last line
// counts each kind. The template is expanded as go_api_update_all (rules/private/checks.bzl)
// expands it; each check's update script is reduced to the apidiff update command it runs.
func TestSuiteUpdateSummary(t *testing.T) {
	bin, err := testbin.Build("github.com/rules-go-api/rules_go_api/tools/apidiff")
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := os.ReadFile("../../rules/private/update_all.sh.tpl")
	if err != nil {
		t.Fatal(err)
	}
	ws, runfiles := t.TempDir(), t.TempDir()
	testbin.WriteTree(t, ws, map[string]string{
		"same/api.txt":    "pkg example.com/same, func F()\n",
		"gone/api/v1.txt": "pkg example.com/gone, func Old()\n",
	})
	features := map[string]string{"same": "pkg example.com/same, func F()\n", "new": "pkg example.com/new, func N()\n", "gone": "pkg example.com/gone, func New()\n"}
	api := map[string]string{"same": "same/api.txt", "new": "new/api.txt", "gone": "gone/api"}
	for name, f := range features {
		testbin.WriteTree(t, runfiles, map[string]string{
			name + ".txt": f,
			name + ".sh": "cd \"$RUNFILES_DIR\" && exec " + bin + " update -api \"$BUILD_WORKSPACE_DIRECTORY\"/" + api[name] + " -approval none -features linux-amd64=" + name + ".txt" +
				" -update-hint 'bazel run //" + name + ":api_check.update' \"$@\"\n",
		})
	}
	// The check that is up to date has its facts file too (else its update writes that).
	same := exec.Command("bash", filepath.Join(runfiles, "same.sh"))
	same.Env = append(os.Environ(), "BUILD_WORKSPACE_DIRECTORY="+ws, "RUNFILES_DIR="+runfiles)
	if out, err := same.CombinedOutput(); err != nil || !strings.Contains(string(out), "wrote its facts") {
		t.Fatalf("writing same/api.facts: %v\n%s", err, out)
	}
	suite := func(names ...string) (string, int) {
		t.Helper()
		var runs []string
		for _, n := range names {
			runs = append(runs, "run_update '//"+n+":api_check.update' "+n+".sh \"$@\"")
		}
		script := strings.NewReplacer("%LABEL%", "//:api_checks.update", "%RUNS%", strings.Join(runs, "\n"),
			"%COUNT%", strconv.Itoa(len(names))).Replace(string(tpl))
		path := filepath.Join(t.TempDir(), "api_checks.update.sh")
		if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("bash", path)
		cmd.Dir = ws
		cmd.Env = append(os.Environ(), "BUILD_WORKSPACE_DIRECTORY="+ws, "RUNFILES_DIR="+runfiles)
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		// The lines after the checks' own output and a blank line: the summary.
		return string(out[strings.LastIndex(string(out), "\n\n")+2:]), code
	}

	got, code := suite("gone", "new", "same")
	want := "  //gone:api_check: not updated: apidiff: "
	if code != 1 || !strings.HasPrefix(got, want) {
		t.Fatalf("exit %d, want 1 and a summary starting %q:\n%s", code, want, got)
	}
	_, rest, _ := strings.Cut(got, "\n")
	if want := "  //new:api_check: updated\n" +
		"  //same:api_check: up to date\n" +
		"//:api_checks.update: 3 checks: 1 updated, 1 up to date, 1 not updated (see above)\n"; rest != want {
		t.Errorf("summary after the refused check:\n%s\nwant:\n%s", rest, want)
	}

	// The refused update accepted, two checks: what the issue saw with six.
	os.WriteFile(filepath.Join(runfiles, "gone.txt"), []byte("pkg example.com/gone, func Old()\npkg example.com/gone, func New()\n"), 0o644)
	os.Remove(filepath.Join(ws, "new", "api.txt"))
	got, code = suite("gone", "new")
	if want := "  //gone:api_check: updated\n" +
		"  //new:api_check: updated\n" +
		"//:api_checks.update: 2 checks: 2 updated, 0 up to date\n"; code != 0 || got != want {
		t.Errorf("exit %d, summary:\n%s\nwant exit 0 and:\n%s", code, got, want)
	}
}
