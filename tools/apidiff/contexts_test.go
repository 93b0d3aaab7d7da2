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

// contextsModule is a module whose package has API on some platforms only: Chmod on unix,
// VolumeName on windows. withOld keeps func Old.
func contextsModule(t *testing.T, withOld bool) string {
	t.Helper()
	old := "\n// Old is old.\nfunc Old() {}\n"
	if !withOld {
		old = ""
	}
	dir := t.TempDir()
	testbin.WriteTree(t, dir, map[string]string{
		"go.mod":            "module example.com/m\n\ngo 1.23\n",
		"p/p.go":            "// Package p has API on some platforms only.\npackage p\n\n// Join joins.\nfunc Join(a, b string) string { return a + b }\n" + old,
		"p/p_unix.go":       "//go:build unix\n\npackage p\n\n// Chmod changes the mode.\nfunc Chmod(name string, mode uint32) error { return nil }\n",
		"p/p_windows.go":    "package p\n\n// VolumeName returns the volume.\nfunc VolumeName(path string) string { return \"\" }\n",
		"p/internal/x/x.go": "package x\n",
	})
	return dir
}

// featuresFlags runs the real featgen over the module for each context and returns the
// -features flags of apidiff.
func featuresFlags(t *testing.T, module string, ctxs ...string) []string {
	t.Helper()
	featgen, err := buildFeatgen()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	var flags []string
	for _, ctx := range ctxs {
		goos, goarch, _ := strings.Cut(ctx, "-")
		file := filepath.Join(out, ctx+".txt")
		cmd := exec.Command(featgen, "-goos", goos, "-goarch", goarch, "-o", file, "./...")
		cmd.Dir = module
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("featgen %s: %v\n%s", ctx, err, b)
		}
		flags = append(flags, "-features", ctx+"="+file)
	}
	return flags
}

const factsHeader = "# API facts for the compatibility verdict, beside the API files: written by apidiff update, compared by apidiff check.\n"

// TestContextsAdded (issue 28): a check accepted with one context, then given three with no code
// change, reports the two new contexts as not yet recorded: no difference, no verdict of a
// change, no proof, exit 1. The update records them, and the next check passes.
func TestContextsAdded(t *testing.T) {
	module := contextsModule(t, true)
	api := filepath.Join(t.TempDir(), "api.txt")
	facts := filepath.Join(filepath.Dir(api), "api.facts")
	one := featuresFlags(t, module, "linux-amd64")
	three := featuresFlags(t, module, "linux-amd64", "windows-amd64", "darwin-arm64")
	hint := []string{"-update-hint", "bazel run //p:api_check.update"}

	if code, out, errOut := apidiff(append([]string{"update", "-api", api}, one...)...); code != 0 {
		t.Fatalf("update with one context: exit %d\n%s%s", code, out, errOut)
	}
	if got, want := readFile(t, facts), factsHeader+"# contexts linux-amd64\n"; got != want {
		t.Errorf("api.facts after the first update:\n%s\nwant\n%s", got, want)
	}
	if code, out, _ := apidiff(append([]string{"check", "-api", api}, one...)...); code != 0 {
		t.Fatalf("check with the one context: exit %d\n%s", code, out)
	}
	// One context against a file of one context is compared, whichever the platform (a check's
	// default context is the machine's), and an update that changes nothing keeps the record.
	darwin := featuresFlags(t, module, "darwin-arm64")
	if code, out, _ := apidiff(append([]string{"check", "-api", api}, darwin...)...); code != 0 {
		t.Errorf("check with darwin-arm64 alone: exit %d\n%s", code, out)
	}
	if code, out, _ := apidiff(append([]string{"update", "-api", api}, darwin...)...); code != 0 || out != "apidiff: "+api+" is up to date\n" {
		t.Errorf("update with darwin-arm64 alone: exit %d\n%s", code, out)
	}

	code, out, errOut := apidiff(argList("check", "-api", api, hint, three)...)
	want := "API check FAILED: 1 context against " + api + "\n" +
		"  checked: linux-amd64\n" +
		"  not yet recorded: darwin-arm64, windows-amd64 (the API files were not written for them: not compared, not a change of the API; the update records them)\n" +
		"\nRecord the new contexts with:\n  bazel run //p:api_check.update\n"
	if code != 1 || out != want || errOut != "" {
		t.Errorf("check with three contexts: exit %d, stdout\n%s\nstderr\n%s\nwant exit 1 and\n%s", code, out, errOut, want)
	}
	jsonOut, junitOut := filepath.Join(t.TempDir(), "report.json"), filepath.Join(t.TempDir(), "test.xml")
	apidiff(argList("check", "-api", api, []string{"-json-out", jsonOut, "-junit-out", junitOut}, hint, three)...)
	// JUnit: linux-amd64's case passes, each new context's fails saying it is not yet recorded.
	junit := readFile(t, junitOut)
	for _, want := range []string{
		`<testsuite name="` + api + `" tests="3" failures="2" errors="0">`,
		`<testcase name="linux-amd64" classname="example.com/m/p"></testcase>`,
		`<testcase name="windows-amd64" classname="example.com/m/p">` + "\n" +
			`      <failure message="windows-amd64 is not yet recorded in ` + api + `">not yet recorded: darwin-arm64, windows-amd64`,
	} {
		if !strings.Contains(junit, want) {
			t.Errorf("JUnit report lacks %q:\n%s", want, junit)
		}
	}
	rep, err := rpt.Read([]byte(readFile(t, jsonOut)))
	if err != nil {
		t.Fatal(err)
	}
	if md := rpt.Markdown([]*rpt.Report{rep}); !strings.Contains(md, "\nNot yet recorded: `darwin-arm64`, `windows-amd64` (the API files were not written for them: not compared, not a change of the API; the update records them).\n") ||
		!strings.Contains(md, "Accept with `bazel run //p:api_check.update`") || strings.Contains(md, "Breaking") {
		t.Errorf("Markdown:\n%s", md)
	}
	var r struct {
		OK          bool     `json:"ok"`
		Checked     []string `json:"checked_contexts"`
		NotRecorded []string `json:"not_recorded_contexts"`
		Verdict     string   `json:"verdict"`
		Changes     []any    `json:"changes"`
		Removed     []string `json:"removed"`
	}
	if err := json.Unmarshal([]byte(readFile(t, jsonOut)), &r); err != nil {
		t.Fatal(err)
	}
	if r.OK || strings.Join(r.Checked, " ") != "linux-amd64" || strings.Join(r.NotRecorded, " ") != "darwin-arm64 windows-amd64" ||
		r.Verdict != "none" || len(r.Changes) != 0 || len(r.Removed) != 0 {
		t.Errorf("JSON report: %+v", r)
	}

	if code, out, errOut := apidiff(append([]string{"update", "-api", api}, three...)...); code != 0 {
		t.Fatalf("update with three contexts: exit %d\n%s%s", code, out, errOut)
	}
	wantAPI := "pkg example.com/m/p (darwin-arm64), func Chmod(string, uint32) error\n" +
		"pkg example.com/m/p (linux-amd64), func Chmod(string, uint32) error\n" +
		"pkg example.com/m/p (windows-amd64), func VolumeName(string) string\n" +
		"pkg example.com/m/p, func Join(string, string) string\n" +
		"pkg example.com/m/p, func Old()\n"
	if got := readFile(t, api); got != wantAPI {
		t.Errorf("api.txt after the update:\n%s\nwant\n%s", got, wantAPI)
	}
	if got, want := readFile(t, facts), factsHeader+"# contexts darwin-arm64 linux-amd64 windows-amd64\n"; got != want {
		t.Errorf("api.facts after the update:\n%s\nwant\n%s", got, want)
	}
	if code, out, _ := apidiff(argList("check", "-api", api, hint, three)...); code != 0 || !strings.HasPrefix(out, "API check OK: 3 contexts") {
		t.Errorf("check after the update: exit %d\n%s", code, out)
	}
	// The record is read, not inferred: one context of three is checked, the others are not.
	code, out, _ = apidiff(append([]string{"check", "-api", api}, featuresFlags(t, module, "windows-amd64")...)...)
	if code != 0 || !strings.Contains(out, "  not checked: 2 lines of 2 other contexts the API files mention: darwin-arm64, linux-amd64\n") {
		t.Errorf("check of windows-amd64 alone: exit %d\n%s", code, out)
	}
}

// TestContextsAddedWithChange (issue 28): a real change in the recorded context gets its verdict
// and proof while another context is new, and only the new context is reported not recorded.
func TestContextsAddedWithChange(t *testing.T) {
	api := filepath.Join(t.TempDir(), "api.txt")
	if code, out, errOut := apidiff(append([]string{"update", "-api", api}, featuresFlags(t, contextsModule(t, true), "linux-amd64")...)...); code != 0 {
		t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
	}
	two := featuresFlags(t, contextsModule(t, false), "linux-amd64", "windows-amd64")
	code, out, _ := apidiff(argList("check", "-api", api, []string{"-update-hint", "bazel run //p:api_check.update"}, two)...)
	want := "API check FAILED: 1 context against " + api + "\n" +
		"  verdict: breaking (a major version): 1 breaking change\n" +
		"  checked: linux-amd64\n" +
		"  not yet recorded: windows-amd64 (the API files were not written for it: not compared, not a change of the API; the update records it)\n" +
		"\nBreaking (code that compiled against the API files no longer compiles):\n" +
		"  example.com/m/p\n" +
		"    removed: a client that uses it no longer compiles: it is gone from the package; against the new API: undefined: p.Old\n" +
		"      - func Old()\n" +
		"      proof: this program compiled against the API files and does not compile now:\n"
	if code != 1 || !strings.HasPrefix(out, want) || !strings.Contains(out, "var _ = p.Old\n") ||
		strings.Contains(out, "removed_in_some_contexts") || strings.Contains(out, "VolumeName") {
		t.Errorf("check: exit %d\n%s\nwant exit 1, starting\n%s", code, out, want)
	}
	if !strings.HasSuffix(out, "\nIf the change is intended, accept it with:\n  bazel run //p:api_check.update\n") {
		t.Errorf("check does not end with the update command:\n%s", out)
	}
	if code, out, errOut := apidiff(append([]string{"update", "-api", api}, two...)...); code != 0 {
		t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := apidiff(append([]string{"check", "-api", api}, two...)...); code != 0 {
		t.Errorf("check after the update: exit %d\n%s", code, out)
	}
}

// TestContextsLegacyFacts: a facts file written before contexts were recorded, beside a snapshot
// of one context, checked with three: the contexts whose features are the lines' (linux-amd64,
// and darwin-arm64, which has the same API) are read as recorded, windows-amd64 is not.
func TestContextsLegacyFacts(t *testing.T) {
	module := contextsModule(t, true)
	api := filepath.Join(t.TempDir(), "api.txt")
	if code, out, errOut := apidiff(append([]string{"update", "-api", api}, featuresFlags(t, module, "linux-amd64")...)...); code != 0 {
		t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
	}
	facts := filepath.Join(filepath.Dir(api), "api.facts")
	if err := os.WriteFile(facts, []byte(factsHeader), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := apidiff(append([]string{"check", "-api", api}, featuresFlags(t, module, "linux-amd64", "windows-amd64", "darwin-arm64")...)...)
	want := "API check FAILED: 2 contexts against " + api + "\n" +
		"  checked: darwin-arm64, linux-amd64\n" +
		"  not yet recorded: windows-amd64 (the API files were not written for it: not compared, not a change of the API; the update records it)\n"
	if code != 1 || out != want {
		t.Errorf("check: exit %d\n%s\nwant exit 1 and\n%s", code, out, want)
	}
	// Without any facts file, every context given is read as recorded, as before facts existed.
	os.Remove(facts)
	code, out, _ = apidiff(append([]string{"check", "-api", api}, featuresFlags(t, module, "linux-amd64", "windows-amd64")...)...)
	if code != 1 || !strings.Contains(out, "removed_in_some_contexts") {
		t.Errorf("check without facts: exit %d\n%s", code, out)
	}
}

// TestContextsBadRecord: a malformed record, or a line of a context the record lacks, is a
// problem of the API files: the check names it in one line, the update refuses and writes nothing.
func TestContextsBadRecord(t *testing.T) {
	for _, tc := range []struct {
		name, api, facts, want string
	}{
		{"unsorted", "pkg p, func F()\n", factsHeader + "# contexts windows-amd64 linux-amd64\n",
			`api.facts:2: want "# contexts " and the context names, sorted, one space apart (as apidiff update writes it): "# contexts windows-amd64 linux-amd64"`},
		{"twice", "pkg p, func F()\n", factsHeader + "# contexts linux-amd64\n# contexts linux-amd64\n",
			`api.facts:3: a second "# contexts" line: the file records its contexts once`},
		{"unknown", "pkg p, func F()\n", factsHeader + "# contexts linux-amd46\n", `api.facts: unknown context "linux-amd46"`},
		{"line of another context", "pkg p (windows-amd64), func F()\n", factsHeader + "# contexts linux-amd64\n",
			`api.txt:1: a line of windows-amd64, which `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, flags := snapshot(t, tc.api, "pkg p, func F()")
			facts := filepath.Join(filepath.Dir(path), "api.facts")
			if err := os.WriteFile(facts, []byte(tc.facts), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, _ := apidiff(append([]string{"check", "-api", path}, flags...)...)
			if code != 1 || !strings.Contains(out, tc.want) {
				t.Errorf("check: exit %d, want 1 and %q in\n%s", code, tc.want, out)
			}
			code, out, errOut := apidiff(append([]string{"update", "-api", path}, flags...)...)
			if code != 1 || !strings.Contains(errOut, tc.want) || readFile(t, facts) != tc.facts || readFile(t, path) != tc.api {
				t.Errorf("update: exit %d, want 1, %q and no file changed\n%s%s", code, tc.want, out, errOut)
			}
		})
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// argList returns the command cmd, its flag and value, and the flag lists, in one argument list.
func argList(cmd, flag, value string, lists ...[]string) []string {
	args := []string{cmd, flag, value}
	for _, l := range lists {
		args = append(args, l...)
	}
	return args
}
