package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	rpt "github.com/rules-go-api/rules_go_api/internal/report"
	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// TestCheckBaseline: check -baseline compares with another build's features, not API files (a
// go_api_test's baseline target). Only a breaking change fails, with its proof; a compatible one
// passes and is reported; nothing is written but the report files asked for. The expected lines
// are written by hand.
func TestCheckBaseline(t *testing.T) {
	base := moduleFeaturesFile(t, "// F does it.\nfunc F() {}\n\nfunc G(a int) {}\n")
	grown := moduleFeaturesFile(t, "func F() {}\n\nfunc G(a int) {}\n\nfunc H() {}\n")
	broken := moduleFeaturesFile(t, "func G(a int) {}\n")

	code, out, errOut := apidiff("check", "-baseline", base, "-baseline-name", "@m_v1//p", "-features", grown)
	want := `API check OK: 1 context against the baseline @m_v1//p
  verdict: compatible (a minor version): 1 compatible change
  checked: linux-amd64

Compatible (the API grew; code that compiled still compiles):
  example.com/m/p
    func_added: a func was added
      + func H()
`
	if code != 0 || out != want || errOut != "" {
		t.Errorf("check -baseline, a func added: exit status %d, stdout:\n%s\nstderr:\n%s\nwant exit status 0, stdout:\n%s", code, out, errOut, want)
	}

	dir := t.TempDir()
	jsonOut, junitOut := filepath.Join(dir, "report.json"), filepath.Join(dir, "test.xml")
	code, out, errOut = apidiff("check", "-baseline", base, "-baseline-name", "@m_v1//p", "-features", broken,
		"-label", "//:api_release_check", "-json-out", jsonOut, "-junit-out", junitOut)
	for _, w := range []string{
		"API check FAILED: 1 context against the baseline @m_v1//p\n",
		"Breaking (code that compiled against @m_v1//p no longer compiles):\n",
		"      proof: this program compiled against @m_v1//p and does not compile now:\n",
		"        var _ = p.F\n",
		"\nA check against a baseline has nothing to accept: code that compiled against @m_v1//p no longer compiles (the proofs above).",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("check -baseline, a func removed: stdout lacks %q:\n%s", w, out)
		}
	}
	if code != 1 || errOut != "" || strings.Contains(out, "accept it with") {
		t.Errorf("check -baseline, a func removed: exit status %d, stderr %q; want 1, nothing, and no update command:\n%s", code, errOut, out)
	}
	var r rpt.Report
	if data, err := os.ReadFile(jsonOut); err != nil || json.Unmarshal(data, &r) != nil {
		t.Fatalf("the JSON report: %v\n%s", err, data)
	}
	if r.OK || r.Baseline != "@m_v1//p" || r.API != "@m_v1//p" || r.Verdict != "breaking" || r.UpdateHint != "" || r.Label != "//:api_release_check" {
		t.Errorf("the JSON report: ok %v, baseline %q, api %q, verdict %s, update hint %q, label %q; want not ok, @m_v1//p twice, breaking, no hint, //:api_release_check",
			r.OK, r.Baseline, r.API, r.Verdict, r.UpdateHint, r.Label)
	}
	if data, err := os.ReadFile(junitOut); err != nil || !strings.Contains(string(data), `message="the API of example.com/m/p on linux-amd64 differs from @m_v1//p: breaking"`) {
		t.Errorf("the JUnit report: %v\n%s", err, data)
	}

	// A compatible change is no failure in JUnit either.
	apidiff("check", "-baseline", base, "-features", grown, "-junit-out", junitOut)
	if data, err := os.ReadFile(junitOut); err != nil || strings.Contains(string(data), "<failure") {
		t.Errorf("the JUnit report of a compatible change against a baseline has a failure: %v\n%s", err, data)
	}

	// Bad input: one line, exit status 2.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-api", filepath.Join(dir, "api.txt"), "-baseline", base, "-features", grown},
			"apidiff: check: -api and -baseline both given: compare with API files or with a baseline's features, not both"},
		{[]string{"-baseline", "linux-amd64=" + filepath.Join(dir, "missing.txt"), "-features", grown},
			"apidiff: the baseline: "},
	} {
		code, out, errOut := apidiff(append([]string{"check"}, tc.args...)...)
		first, _, _ := strings.Cut(errOut, "\n")
		if code != 2 || out != "" || !strings.HasPrefix(first, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("check %q: exit status %d, stdout %q, stderr:\n%s\nwant exit status 2 and: %s", tc.args, code, out, errOut, tc.want)
		}
	}
}

// treeFeatures writes a module example.com/m of the given files, runs the real featgen over
// all its packages for linux-amd64 and returns the -features flag of its output.
func treeFeatures(t *testing.T, files map[string]string) string {
	t.Helper()
	featgen, err := buildFeatgen()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	testbin.WriteTree(t, dir, files)
	testbin.WriteTree(t, dir, map[string]string{"go.mod": "module example.com/m\n\ngo 1.23\n"})
	cmd := exec.Command(featgen, "-goos", "linux", "-goarch", "amd64", "-o", filepath.Join(dir, "features.txt"), "./...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("featgen: %v\n%s", err, out)
	}
	return "linux-amd64=" + filepath.Join(dir, "features.txt")
}

// TestWholePackages: a package removed is one breaking change (package_removed) holding its
// declarations' lines, and a package added one compatible change (package_added), not a change
// per declaration. The expected report is written by hand.
func TestWholePackages(t *testing.T) {
	old := treeFeatures(t, map[string]string{
		"p/p.go": "package p\n\nfunc F() {}\n",
		"q/q.go": "package q\n\nfunc Q() {}\n\ntype T struct{ A int }\n",
	})
	new := treeFeatures(t, map[string]string{
		"p/p.go": "package p\n\nfunc F() {}\n",
		"r/r.go": "package r\n\nfunc R() {}\n\nvar V int\n",
	})
	code, out, errOut := apidiff("check", "-baseline", old, "-features", new)
	want := `API check FAILED: 1 context against the baseline
  verdict: breaking (a major version): 1 breaking, 1 compatible changes
  checked: linux-amd64

Breaking (code that compiled against the baseline no longer compiles):
  example.com/m/q
    package_removed: a client that imports the package no longer compiles: it is gone; against the new API: package example.com/m/q is not in the new API
      - func Q()
      - type T struct
      - type T struct, A int
      proof: this program compiled against the baseline and does not compile now:
        package main

        import _ "example.com/m/q"

        func main() {}

Compatible (the API grew; code that compiled still compiles):
  example.com/m/r
    package_added: a package was added: no client of the old API imports it
      + func R()
      + var V int
`
	if code != 1 || !strings.HasPrefix(out, want) || errOut != "" {
		t.Errorf("check -baseline, a package removed and one added: exit status %d, stdout:\n%s\nstderr:\n%s\nwant exit status 1, stdout starting:\n%s", code, out, errOut, want)
	}
}
