package report

import (
	"bytes"
	"encoding/xml"
	"maps"
	"testing"
)

func sample() *Report {
	r := &Report{
		Label: "//a:api_check", API: "a/api.txt", Files: []string{"a/api.txt"},
		Packages: []string{"example.com/a"}, Checked: []string{"linux-amd64", "windows-amd64"},
		Removed:      []string{"pkg example.com/a (windows-amd64), func Old()"},
		Changed:      []Change{{From: "pkg example.com/a, func F(int)", To: "pkg example.com/a, func F(string)"}},
		Undeprecated: []string{"pkg example.com/a, func G //deprecated"},
		Added:        []string{"pkg example.com/a, func New() int"},
		UpdateHint:   "bazel run //a:api_check.update -- -except",
	}
	r.Normalize()
	return r
}

// classified is sample with the verdict apidiff check adds (internal/verdict).
func classified() *Report {
	r := sample()
	r.Verdict, r.Semver = "breaking", "major"
	r.PackageVerdicts = map[string]string{"example.com/a": "breaking"}
	r.Changes = []Finding{
		{Package: "example.com/a", Class: "func_removed", Verdict: "breaking", Lines: []string{"-pkg example.com/a (windows-amd64), func Old()"},
			Why: "a func was removed (in windows-amd64)", Proof: "package main\n\nimport p \"example.com/a\"\n\nvar _ = p.Old\n\nfunc main() {}\n"},
		{Package: "example.com/a", Class: "func_added", Verdict: "compatible", Lines: []string{"+pkg example.com/a, func New() int"}, Why: "a func was added"},
		{Package: "example.com/a", Class: "undeprecated", Verdict: "none", Lines: []string{"-pkg example.com/a, func G //deprecated"}, Why: "no longer deprecated"},
	}
	return r
}

// The expected outputs are written by hand.
func TestWriteTextVerdict(t *testing.T) {
	var b bytes.Buffer
	classified().WriteText(&b)
	want := `API check FAILED: 2 contexts against a/api.txt
  verdict: breaking (a major version): 1 breaking, 1 compatible, 1 none changes
  proofs: not type-checked: no declarations beside the API files or in the features (the next update writes them)
  checked: linux-amd64, windows-amd64

Breaking (code that compiled against the API files no longer compiles):
  example.com/a
    func_removed: a func was removed (in windows-amd64)
      - func Old()  (windows-amd64)
      proof: this program compiled against the API files and does not compile now:
        package main

        import p "example.com/a"

        var _ = p.Old

        func main() {}

Compatible (the API grew; code that compiled still compiles):
  example.com/a
    func_added: a func was added
      + func New() int

No change for clients (the API files still differ):
  example.com/a
    undeprecated: no longer deprecated
      - func G //deprecated

If the change is intended, accept it with:
  bazel run //a:api_check.update -- -except
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// A report without a verdict (as read from an older JSON report) shows the lines' sections.
func TestWriteText(t *testing.T) {
	var b bytes.Buffer
	sample().WriteText(&b)
	want := `API check FAILED: 2 contexts against a/api.txt
  checked: linux-amd64, windows-amd64

Removed (breaking: code using these no longer compiles):
  pkg example.com/a (windows-amd64)
    - func Old()

Changed (breaking):
  pkg example.com/a
    - func F(int)
    + func F(string)

No longer deprecated (not breaking):
  pkg example.com/a
    - func G //deprecated

Added (not yet in the API files):
  pkg example.com/a
    + func New() int

If the change is intended, accept it with:
  bazel run //a:api_check.update -- -except
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWriteJUnit(t *testing.T) {
	var b bytes.Buffer
	if err := sample().WriteJUnit(&b); err != nil {
		t.Fatal(err)
	}
	var got junitSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("%v:\n%s", err, b.String())
	}
	const common = "Changed (breaking):\n  - func F(int)\n  + func F(string)\n\n" +
		"No longer deprecated (not breaking):\n  - func G //deprecated\n\n" +
		"Added (not yet in the API files):\n  + func New() int\n\n" +
		"If the change is intended, accept it with:\n  bazel run //a:api_check.update -- -except\n"
	// One case per package and context, each with its own lines under the text report's headings:
	// the Windows-only removal only on windows-amd64.
	want := map[string]string{
		"linux-amd64":   common,
		"windows-amd64": "Removed (breaking: code using these no longer compiles):\n  - func Old()\n\n" + common,
	}
	if len(got.Suites) != 1 || got.Suites[0].Name != "//a:api_check" || got.Suites[0].Tests != 2 || got.Suites[0].Failures != 2 {
		t.Fatalf("suites %+v", got.Suites)
	}
	for _, c := range got.Suites[0].Cases {
		if c.ClassName != "example.com/a" || c.Failure == nil || c.Failure.Text != want[c.Name] {
			t.Errorf("case %s/%s: %+v\nwant text:\n%s", c.ClassName, c.Name, c.Failure, want[c.Name])
		}
	}
}

func TestReadRoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := classified().WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	r, err := Read(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if r.Label != "//a:api_check" || len(r.Changed) != 1 || r.Changed[0].To != "pkg example.com/a, func F(string)" || r.Breaking() != true ||
		len(r.Changes) != 3 || r.Changes[0].Proof == "" || r.PackageVerdicts["example.com/a"] != "breaking" {
		t.Errorf("read back %+v", r)
	}
	if _, err := Read([]byte(`{"hello": 1}`)); err == nil {
		t.Error("a JSON object that is not a report was accepted")
	}
}

// multiContext is a check of three contexts whose changes hold in some of them only: the same
// declaration added in two contexts (two lines that differ only in their context) and one in a
// third.
func multiContext() *Report {
	r := &Report{
		Label: "//diode:api_check", API: "diode/api.txt", Files: []string{"diode/api.txt"},
		Packages: []string{"example.com/diode"}, Checked: []string{"darwin-arm64", "linux-amd64", "windows-amd64"},
		Added: []string{
			"pkg example.com/diode (darwin-arm64), var SendFunc func(string) error",
			"pkg example.com/diode (linux-amd64), var SendFunc func(string) error",
			"pkg example.com/diode (windows-amd64), func EventLogWriter(string) Writer",
		},
		Removed:    []string{"pkg example.com/diode (linux-amd64), func Journal() bool"},
		UpdateHint: "bazel run //diode:api_check.update",
		Verdict:    "breaking", Semver: "major",
		PackageVerdicts: map[string]string{"example.com/diode": "breaking"},
		Changes: []Finding{
			{Package: "example.com/diode", Class: "func_removed", Verdict: "breaking",
				Lines: []string{"-pkg example.com/diode (linux-amd64), func Journal() bool"}, Why: "a func was removed (in linux-amd64)"},
			{Package: "example.com/diode", Class: "var_added", Verdict: "compatible",
				Lines: []string{"+pkg example.com/diode (darwin-arm64), var SendFunc func(string) error"}, Why: "a var was added"},
			{Package: "example.com/diode", Class: "var_added", Verdict: "compatible",
				Lines: []string{"+pkg example.com/diode (linux-amd64), var SendFunc func(string) error"}, Why: "a var was added"},
			{Package: "example.com/diode", Class: "func_added", Verdict: "compatible",
				Lines: []string{"+pkg example.com/diode (windows-amd64), func EventLogWriter(string) Writer"}, Why: "a func was added"},
		},
	}
	r.Normalize()
	return r
}

// TestMarkdownContexts: each line of a change shows its context, as the text report does, so that
// the same declaration added in two contexts is not two identical bullets. The expected summary
// is written by hand.
func TestMarkdownContexts(t *testing.T) {
	want := "## API changes\n" +
		"\n" +
		"1 API check: 1 with breaking changes, 0 with other differences, 0 unchanged.\n" +
		"\n" +
		"### Breaking changes\n" +
		"\n" +
		"#### `//diode:api_check`\n" +
		"\n" +
		"Verdict: **breaking (a major version): 1 breaking, 3 compatible changes**\n" +
		"\n" +
		"`example.com/diode`\n" +
		"\n" +
		"- breaking (func_removed): `- func Journal() bool` (linux-amd64)\n" +
		"- compatible (var_added): `+ var SendFunc func(string) error` (darwin-arm64)\n" +
		"- compatible (var_added): `+ var SendFunc func(string) error` (linux-amd64)\n" +
		"- compatible (func_added): `+ func EventLogWriter(string) Writer` (windows-amd64)\n" +
		"\n" +
		"Accept with `bazel run //diode:api_check.update`\n"
	if got := Markdown([]*Report{multiContext()}); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// junitCases returns the failing cases of a report's JUnit XML by name: each failure's message and
// text.
func junitCases(t *testing.T, r *Report) map[string][2]string {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteJUnit(&b); err != nil {
		t.Fatal(err)
	}
	var got junitSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("%v:\n%s", err, b.String())
	}
	cases := make(map[string][2]string)
	for _, c := range got.Suites[0].Cases {
		if c.Failure != nil {
			cases[c.ClassName+" "+c.Name] = [2]string{c.Failure.Message, c.Failure.Text}
		}
	}
	return cases
}

// TestJUnitContextVerdict: each context's test case carries the verdict of the changes that hold
// in that context, not the whole check's: only a compatible change happened on windows-amd64.
func TestJUnitContextVerdict(t *testing.T) {
	const hint = "\nIf the change is intended, accept it with:\n  bazel run //diode:api_check.update\n"
	want := map[string][2]string{
		"example.com/diode darwin-arm64": {"the API of example.com/diode on darwin-arm64 differs from diode/api.txt: compatible",
			"Compatible (the API grew; code that compiled still compiles):\n  + var SendFunc func(string) error  [var_added]\n" + hint},
		"example.com/diode linux-amd64": {"the API of example.com/diode on linux-amd64 differs from diode/api.txt: breaking",
			"Breaking (code that compiled against the API files no longer compiles):\n  - func Journal() bool  [func_removed]\n\n" +
				"Compatible (the API grew; code that compiled still compiles):\n  + var SendFunc func(string) error  [var_added]\n" + hint},
		"example.com/diode windows-amd64": {"the API of example.com/diode on windows-amd64 differs from diode/api.txt: compatible",
			"Compatible (the API grew; code that compiled still compiles):\n  + func EventLogWriter(string) Writer  [func_added]\n" + hint},
	}
	if got := junitCases(t, multiContext()); !maps.Equal(got, want) {
		t.Errorf("failing cases:\n%q\nwant:\n%q", got, want)
	}
}

// TestJUnitSomeContexts: a declaration of every context that stays in some only is one change
// whose removed line has no context suffix; in a context that keeps the declaration it cancels
// out (the same feature removed and added), so that context's case passes, and the case of the
// context that lost it is breaking.
func TestJUnitSomeContexts(t *testing.T) {
	r := &Report{
		API: "api.txt", Files: []string{"api.txt"}, Packages: []string{"p"}, Checked: []string{"linux-amd64", "windows-amd64"},
		Removed: []string{"pkg p, func Sync() error"}, Added: []string{"pkg p (linux-amd64), func Sync() error"},
		Verdict: "breaking", Semver: "major", PackageVerdicts: map[string]string{"p": "breaking"},
		Changes: []Finding{{Package: "p", Class: "removed_in_some_contexts", Verdict: "breaking",
			Lines: []string{"-pkg p, func Sync() error", "+pkg p (linux-amd64), func Sync() error"},
			Why:   "a declaration is gone in windows-amd64 and stays in the other contexts checked"}},
	}
	r.Normalize()
	want := map[string][2]string{
		"p windows-amd64": {"the API of p on windows-amd64 differs from api.txt: breaking",
			"Breaking (code that compiled against the API files no longer compiles):\n  - func Sync() error  [removed_in_some_contexts]\n"},
	}
	if got := junitCases(t, r); !maps.Equal(got, want) {
		t.Errorf("failing cases:\n%q\nwant:\n%q", got, want)
	}
}
