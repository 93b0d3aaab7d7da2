package main

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	rpt "github.com/rules-go-api/rules_go_api/internal/report"
)

// The release tests run apidiff release on real releases from the module proxy: a published
// version of a module, copied out of the module cache, is the working tree, released against
// the version before it. What each pair does is known (docs/verdict-anchors.md: decided by
// compiling clients with the go command), and the expected values are written from that.

// releaseTree copies a published version of a module into a temporary directory, as the working
// tree of a release, and makes it the current directory. Without the module proxy the test
// fails, saying so.
func releaseTree(t *testing.T, module, version string) string {
	t.Helper()
	v, err := parseVersion(version)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := fetchModule(module, v, t.TempDir())
	if err != nil {
		proxy, _ := exec.Command("go", "env", "GOPROXY").Output()
		t.Fatalf("these tests need the module proxy (GOPROXY=%s) to fetch real releases, and fetching %s@%s failed: %v",
			strings.TrimSpace(string(proxy)), module, version, err)
	}
	t.Chdir(dir)
	return dir
}

// runRelease runs apidiff release in process in the current directory.
func runRelease(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return apidiff(append([]string{"release"}, args...)...)
}

// releaseJSON runs apidiff release -format json and decodes its report.
func releaseJSON(t *testing.T, wantCode int, args ...string) *rpt.Report {
	t.Helper()
	code, out, errOut := runRelease(t, append([]string{"-format", "json"}, args...)...)
	if code != wantCode {
		t.Fatalf("release %s: exit status %d, want %d; stderr:\n%s", strings.Join(args, " "), code, wantCode, errOut)
	}
	var r rpt.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("release %s -format json: %v\n%s", strings.Join(args, " "), err, out)
	}
	if r.Release == nil {
		t.Fatalf("release %s -format json: no \"release\" in the report:\n%s", strings.Join(args, " "), out)
	}
	return &r
}

// wantRefused runs apidiff release and wants exit status code and exactly one line on stderr.
func wantRefused(t *testing.T, code int, line string, args ...string) {
	t.Helper()
	got, _, errOut := runRelease(t, args...)
	if got != code || errOut != line+"\n" {
		t.Errorf("release %s: exit status %d, stderr:\n%s\nwant exit status %d, stderr:\n%s", strings.Join(args, " "), got, errOut, code, line)
	}
}

// docExample returns the output docs/release.md shows for "$ apidiff release ARGS": the lines
// after it up to the end of its code block.
func docExample(t *testing.T, args string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "release.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "\n$ apidiff release "+args+"\n")
	if !ok {
		t.Fatalf("docs/release.md shows no run of apidiff release %s", args)
	}
	out, _, _ := strings.Cut(rest, "```")
	return out
}

// repoRoot is the repository's root: two directories above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(wd, "..", "..")
}

// lastLine returns the last line of the text.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// treeSum is a digest of every file's path, mode and contents under dir.
func treeSum(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %v\n", path, info.Mode())
		if d.Type().IsRegular() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// github.com/google/uuid v1.5.0 -> v1.6.0 added var Max: compatible, a minor version.
func TestReleaseCompatible(t *testing.T) {
	inDoc := docExample(t, "-base v1.5.0")
	dir := releaseTree(t, "github.com/google/uuid", "v1.6.0")
	before := treeSum(t, dir)

	code, out, errOut := runRelease(t, "-base", "v1.5.0")
	want := `Release of github.com/google/uuid: 3 contexts compared with github.com/google/uuid@v1.5.0
  verdict: compatible (a minor version): 1 compatible change
  checked: darwin-arm64, linux-amd64, windows-amd64

Compatible (the API grew; code that compiled still compiles):
  github.com/google/uuid
    var_added: a var was added
      + var Max UUID

compatible changes since v1.5.0 need a minor version: next version v1.6.0
`
	if code != 0 || out != want || errOut != "" {
		t.Errorf("release -base v1.5.0: exit status %d, stdout:\n%s\nstderr:\n%s\nwant exit status 0, stdout:\n%s", code, out, errOut, want)
	}
	if inDoc != out {
		t.Errorf("docs/release.md shows for release -base v1.5.0:\n%s\nthe run printed:\n%s", inDoc, out)
	}

	// -version: the version that was released is allowed; a patch is too small.
	r := releaseJSON(t, 0, "-base", "v1.5.0", "-version", "v1.6.0", "-contexts", "linux-amd64")
	wantRelease := rpt.Release{Module: "github.com/google/uuid", Base: "v1.5.0", Version: "v1.6.0", Step: "minor", Next: "v1.6.0",
		Message: "v1.6.0 is allowed: compatible changes since v1.5.0 need a minor version, v1.6.0 or later"}
	if !r.OK || r.Verdict != "compatible" || r.Semver != "minor" || *r.Release != wantRelease ||
		len(r.Changes) != 1 || r.Changes[0].Object != "Max" || r.Changes[0].Verdict != "compatible" {
		t.Errorf("release -version v1.6.0 -format json: ok %v, verdict %s (%s), release %+v, changes %+v; want ok, compatible (minor), %+v, one compatible change to Max",
			r.OK, r.Verdict, r.Semver, *r.Release, r.Changes, wantRelease)
	}
	wantRefused(t, 1, "apidiff: v1.5.1 is too small: compatible changes since v1.5.0 need a minor version, v1.6.0 or later",
		"-base", "v1.5.0", "-version", "v1.5.1", "-contexts", "linux-amd64")

	// -base latest (the default) is the newest release below -version.
	r = releaseJSON(t, 0, "-version", "v1.6.0", "-contexts", "linux-amd64")
	if r.Release.Base != "v1.5.0" || r.Verdict != "compatible" {
		t.Errorf("release -version v1.6.0 (-base latest): base %s, verdict %s; want v1.5.0, compatible", r.Release.Base, r.Verdict)
	}

	// The same run prints the same report, and the working tree is left as it was.
	_, json1, _ := runRelease(t, "-base", "v1.5.0", "-contexts", "linux-amd64", "-format", "json")
	_, json2, _ := runRelease(t, "-base", "v1.5.0", "-contexts", "linux-amd64", "-format", "json")
	if json1 != json2 || json1 == "" {
		t.Errorf("two runs printed different reports:\n%s\n%s", json1, json2)
	}
	if treeSum(t, dir) != before {
		t.Errorf("release changed the working tree %s", dir)
	}
}

// github.com/pkg/errors v0.9.0 -> v0.9.1 changed nothing clients can use: a patch version. (The
// module has no go.mod: the go command's, module path only, is the working tree's.)
func TestReleaseNone(t *testing.T) {
	releaseTree(t, "github.com/pkg/errors", "v0.9.1")
	code, out, errOut := runRelease(t, "-base", "v0.9.0")
	if code != 0 || errOut != "" || !strings.HasPrefix(out, "Release of github.com/pkg/errors: 3 contexts compared with github.com/pkg/errors@v0.9.0\n") ||
		strings.Contains(out, "verdict:") || lastLine(out) != "no change for clients since v0.9.0 needs a patch version: next version v0.9.1" {
		t.Errorf("release -base v0.9.0: exit status %d, stdout:\n%s\nstderr:\n%s\nwant exit status 0, no change, next version v0.9.1", code, out, errOut)
	}
	r := releaseJSON(t, 0, "-base", "v0.9.0", "-version", "v0.9.1", "-contexts", "linux-amd64")
	if !r.OK || r.Verdict != "none" || r.Semver != "patch" || r.Release.Step != "patch" || r.Release.Next != "v0.9.1" ||
		r.Release.Message != "v0.9.1 is allowed: no change for clients since v0.9.0 needs a patch version, v0.9.1 or later" {
		t.Errorf("release -version v0.9.1: ok %v, verdict %s (%s), release %+v; want ok, none (patch), v0.9.1 allowed", r.OK, r.Verdict, r.Semver, *r.Release)
	}
	// Any greater version is enough for no change; one not greater than the base is refused.
	wantRefused(t, 2, "apidiff: release: -version v0.9.0 is not greater than the base version v0.9.0",
		"-base", "v0.9.0", "-version", "v0.9.0", "-contexts", "linux-amd64")
	wantRefused(t, 2, "apidiff: release: -version v0.8.1 is not greater than the base version v0.9.0",
		"-base", "v0.9.0", "-version", "v0.8.1", "-contexts", "linux-amd64")
}

// github.com/cenkalti/backoff/v4 v4.2.1 -> v4.3.0 made NewExponentialBackOff variadic, which
// breaks a client that assigns it to a func() *ExponentialBackOff: breaking, and in a v4 module
// that needs v5, a new module path. No version of .../v4 is allowed.
func TestReleaseBreakingV1(t *testing.T) {
	releaseTree(t, "github.com/cenkalti/backoff/v4", "v4.3.0")
	const need = "breaking changes since v4.2.1 need a new major version, v5.0.0, which for Go is a new module path, github.com/cenkalti/backoff/v5"

	code, out, errOut := runRelease(t, "-base", "v4.2.1")
	if code != 1 || errOut != "apidiff: "+need+": no version of github.com/cenkalti/backoff/v4 can hold them\n" ||
		!strings.Contains(out, "  verdict: breaking (a major version): 1 breaking, 8 compatible changes\n") ||
		!strings.Contains(out, "      - func NewExponentialBackOff() *ExponentialBackOff\n      + func NewExponentialBackOff(...ExponentialBackOffOpts) *ExponentialBackOff\n") ||
		!strings.Contains(out, "var _ func() *backoff.ExponentialBackOff = backoff.NewExponentialBackOff") {
		t.Errorf("release -base v4.2.1: exit status %d, stdout:\n%s\nstderr:\n%s\nwant exit status 1, the break of NewExponentialBackOff with its proof, and: %s", code, out, errOut, need)
	}
	r := releaseJSON(t, 1, "-base", "v4.2.1", "-version", "v4.3.0", "-contexts", "linux-amd64")
	wantRelease := rpt.Release{Module: "github.com/cenkalti/backoff/v4", Base: "v4.2.1", Version: "v4.3.0", Step: "major", Next: "v5.0.0",
		NewModulePath: "github.com/cenkalti/backoff/v5", Message: "v4.3.0 is too small: " + need}
	var broken []string
	for _, c := range r.Changes {
		if c.Verdict == "breaking" {
			broken = append(broken, c.Object)
		}
	}
	if r.OK || r.Verdict != "breaking" || *r.Release != wantRelease || !slices.Equal(broken, []string{"NewExponentialBackOff"}) {
		t.Errorf("release -version v4.3.0 -format json: ok %v, verdict %s, release %+v, breaking changes to %q; want not ok, breaking, %+v, [NewExponentialBackOff]",
			r.OK, r.Verdict, *r.Release, broken, wantRelease)
	}
	wantRefused(t, 1, "apidiff: v4.3.0 is too small: "+need, "-base", "v4.2.1", "-version", "v4.3.0", "-contexts", "linux-amd64")

	// The report files, and apireport's Markdown of the JSON one.
	out2 := t.TempDir()
	jsonOut, junitOut := filepath.Join(out2, "release.json"), filepath.Join(out2, "release.xml")
	runRelease(t, "-base", "v4.2.1", "-version", "v4.3.0", "-contexts", "linux-amd64", "-json-out", jsonOut, "-junit-out", junitOut)
	var fromFile rpt.Report
	if data, err := os.ReadFile(jsonOut); err != nil || json.Unmarshal(data, &fromFile) != nil || fromFile.Release == nil || *fromFile.Release != wantRelease {
		t.Errorf("release -json-out: %v\n%s", err, data)
	}
	if data, err := os.ReadFile(junitOut); err != nil ||
		!strings.Contains(string(data), `<testcase name="release" classname="github.com/cenkalti/backoff/v4">`) ||
		!strings.Contains(string(data), `<failure message="v4.3.0 is too small: `) ||
		!strings.Contains(string(data), "differs from github.com/cenkalti/backoff/v4@v4.2.1: breaking") {
		t.Errorf("release -junit-out: %v\n%s", err, data)
	}
	md := rpt.Markdown([]*rpt.Report{&fromFile})
	for _, want := range []string{"### Breaking changes", "Compared with `github.com/cenkalti/backoff/v4@v4.2.1`.", "Release: v4.3.0 is too small: ",
		"var _ func() *backoff.ExponentialBackOff = backoff.NewExponentialBackOff"} {
		if !strings.Contains(md, want) {
			t.Errorf("apireport's Markdown of the release report lacks %q:\n%s", want, md)
		}
	}
	wantRefused(t, 2, "apidiff: release: -version v5.0.0 is not a version of github.com/cenkalti/backoff/v4, whose versions are v4: a v5 is the module github.com/cenkalti/backoff/v5",
		"-base", "v4.2.1", "-version", "v5.0.0", "-contexts", "linux-amd64")
}

// github.com/alecthomas/kong v0.5.0 -> v0.6.0 removed (*ParseError).Cause: breaking, which v0
// allows in a minor version.
func TestReleaseBreakingV0(t *testing.T) {
	inDoc := docExample(t, "-base v0.5.0 -version v0.6.0")
	releaseTree(t, "github.com/alecthomas/kong", "v0.6.0")
	if _, out, _ := runRelease(t, "-base", "v0.5.0", "-version", "v0.6.0"); out != inDoc {
		t.Errorf("docs/release.md shows for release -base v0.5.0 -version v0.6.0:\n%s\nthe run printed:\n%s", inDoc, out)
	}
	const note = " (v0 promises no compatibility; from v1 on, breaking changes need a new major version)"

	code, out, errOut := runRelease(t, "-base", "v0.5.0")
	if code != 0 || errOut != "" || !strings.Contains(out, "  verdict: breaking (a major version): 1 breaking, 2 compatible changes\n") ||
		!strings.Contains(out, "- method (*ParseError) Cause() error\n") ||
		lastLine(out) != "breaking changes since v0.5.0 need a minor version in v0: next version v0.6.0"+note {
		t.Errorf("release -base v0.5.0: exit status %d, stdout:\n%s\nstderr:\n%s\nwant exit status 0, the removal of ParseError.Cause, next version v0.6.0", code, out, errOut)
	}
	r := releaseJSON(t, 0, "-base", "v0.5.0", "-version", "v0.6.0", "-contexts", "linux-amd64")
	wantRelease := rpt.Release{Module: "github.com/alecthomas/kong", Base: "v0.5.0", Version: "v0.6.0", Step: "minor", Next: "v0.6.0",
		Message: "v0.6.0 is allowed: breaking changes since v0.5.0 need a minor version in v0, v0.6.0 or later" + note}
	if !r.OK || r.Verdict != "breaking" || r.Semver != "major" || *r.Release != wantRelease {
		t.Errorf("release -version v0.6.0 -format json: ok %v, verdict %s (%s), release %+v; want ok, breaking (major), %+v", r.OK, r.Verdict, r.Semver, *r.Release, wantRelease)
	}
	wantRefused(t, 1, "apidiff: v0.5.1 is too small: breaking changes since v0.5.0 need a minor version in v0, v0.6.0 or later"+note,
		"-base", "v0.5.0", "-version", "v0.5.1", "-contexts", "linux-amd64")
	// v1.0.0 is a major version: enough for anything, and still this module path.
	if code, out, errOut := runRelease(t, "-base", "v0.5.0", "-version", "v1.0.0", "-contexts", "linux-amd64"); code != 0 ||
		lastLine(out) != "v1.0.0 is allowed: breaking changes since v0.5.0 need a minor version in v0, v0.6.0 or later"+note {
		t.Errorf("release -version v1.0.0: exit status %d, last line %q, stderr %q; want 0, v1.0.0 allowed", code, lastLine(out), errOut)
	}
}

// Bad input: one line on stderr, exit status 2, nothing written.
func TestReleaseBadInput(t *testing.T) {
	dir := releaseTree(t, "github.com/pkg/errors", "v0.9.1")
	before := treeSum(t, dir)
	for _, tc := range []struct {
		name string
		args []string
		env  []string
		want string
	}{
		{"malformed -version", []string{"-version", "v0.10"}, nil,
			`apidiff: release: -version "v0.10" is not a version (not three numbers): want vMAJOR.MINOR.PATCH, such as v1.4.2 or v0.3.0-rc.1`},
		{"malformed -base", []string{"-base", "0.9.0"}, nil,
			`apidiff: release: -base "0.9.0" is not a version (no leading v): want vMAJOR.MINOR.PATCH, such as v1.4.2 or v0.3.0-rc.1 (or latest)`},
		{"-version of another major", []string{"-version", "v2.0.0"}, nil,
			"apidiff: release: -version v2.0.0 is not a version of github.com/pkg/errors, whose versions are v0 and v1: a v2 is the module github.com/pkg/errors/v2 (a new module path)"},
		{"no such base", []string{"-base", "v0.9.99"}, nil,
			"apidiff: release: the base version: github.com/pkg/errors@v0.9.99: "},
		{"no proxy", []string{"-base", "v0.8.0"}, []string{"GOPROXY=off"},
			"apidiff: release: the base version: github.com/pkg/errors@v0.8.0: module lookup disabled by GOPROXY=off"},
		{"no proxy, latest", nil, []string{"GOPROXY=off"},
			"apidiff: release: listing the versions of github.com/pkg/errors: module lookup disabled by GOPROXY=off"},
		{"unknown context", []string{"-contexts", "linux-amd46"}, nil,
			`apidiff: release: unknown context "linux-amd46" (did you mean linux-amd64?): want GOOS-GOARCH or GOOS-GOARCH-cgo, as in linux-amd64 or linux-amd64-cgo`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, e := range tc.env {
				k, v, _ := strings.Cut(e, "=")
				t.Setenv(k, v)
			}
			code, out, errOut := runRelease(t, tc.args...)
			first, _, _ := strings.Cut(errOut, "\n")
			if code != 2 || out != "" || !strings.HasPrefix(first, tc.want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("exit status %d, stdout %q, stderr:\n%s\nwant exit status 2, one line: %s", code, out, errOut, tc.want)
			}
		})
	}
	if treeSum(t, dir) != before {
		t.Errorf("release changed the working tree %s", dir)
	}

	// A module without tags has no release to compare with (golang.org/x/exp has none).
	noTags := t.TempDir()
	for name, text := range map[string]string{"go.mod": "module golang.org/x/exp\n\ngo 1.20\n", "exp.go": "package exp\n\nfunc F() {}\n"} {
		if err := os.WriteFile(filepath.Join(noTags, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(noTags)
	wantRefused(t, 2, "apidiff: release: the module proxy lists no release of golang.org/x/exp (go list -m -versions: none): pass -base VERSION")

	t.Chdir(t.TempDir())
	wantRefused(t, 2, "apidiff: release: not in a module: run apidiff release in a module's directory (there is no go.mod here or above)")
}

// The version rules, on their own.
func TestReleaseVersions(t *testing.T) {
	for _, s := range []string{"v1.2.3", "v0.0.0-20230713183714-613f0c0eb8a1", "v1.0.0-rc.1+build.5", "v10.20.30"} {
		if v, err := parseVersion(s); err != nil || v.String() != s {
			t.Errorf("parseVersion(%q) = %v, %v", s, v, err)
		}
	}
	for _, s := range []string{"1.2.3", "v1.2", "v1.2.3.4", "v01.2.3", "v1.2.3-", "v1.2.3-01", "v2.0.0+incompatible", "latest", "v1.2.3-a..b"} {
		if _, err := parseVersion(s); err == nil {
			t.Errorf("parseVersion(%q) accepted it", s)
		}
	}
	order := []string{"v0.9.0", "v1.0.0-alpha", "v1.0.0-alpha.1", "v1.0.0-alpha.beta", "v1.0.0-beta", "v1.0.0-beta.2", "v1.0.0-beta.11", "v1.0.0-rc.1", "v1.0.0", "v1.0.1", "v1.1.0", "v2.0.0"}
	for i := range order {
		for j := range order {
			a, _ := parseVersion(order[i])
			b, _ := parseVersion(order[j])
			if got := compareVersions(a, b); got != sign(i-j) {
				t.Errorf("compareVersions(%s, %s) = %d, want %d", order[i], order[j], got, sign(i-j))
			}
		}
	}
	for _, tc := range []struct{ path, version, want string }{
		{"example.com/m", "v1.9.0", ""},
		{"example.com/m", "v0.1.0", ""},
		{"example.com/m", "v2.0.0", "v2.0.0 is not a version of example.com/m, whose versions are v0 and v1: a v2 is the module example.com/m/v2 (a new module path)"},
		{"example.com/m/v3", "v3.1.0", ""},
		{"example.com/m/v3", "v1.0.0", "v1.0.0 is not a version of example.com/m/v3, whose versions are v3: a v1 is the module example.com/m"},
		{"gopkg.in/yaml.v3", "v3.0.1", ""},
		{"gopkg.in/yaml.v3", "v4.0.0", "v4.0.0 is not a version of gopkg.in/yaml.v3, whose versions are v3: a v4 is the module gopkg.in/yaml.v4"},
	} {
		v, _ := parseVersion(tc.version)
		if got := versionFitsPath(tc.path, v); got != tc.want {
			t.Errorf("versionFitsPath(%s, %s) = %q, want %q", tc.path, tc.version, got, tc.want)
		}
	}
	// A pre-release promises nothing: any greater version is allowed, its release is next.
	base, _ := parseVersion("v2.0.0-rc.1")
	v, _ := parseVersion("v2.0.0")
	rel, refused := decideRelease("example.com/m/v2", base, "breaking", &v)
	if refused || rel.Next != "v2.0.0" || rel.Message != "v2.0.0 is allowed: breaking changes since v2.0.0-rc.1, a pre-release, which promises nothing" {
		t.Errorf("decideRelease from v2.0.0-rc.1 to v2.0.0, breaking: %+v, refused %v", *rel, refused)
	}
}

// fileProxy writes a module proxy directory (GOPROXY=file://...) that serves the given versions of
// module, each a map from file name to contents, and points the go command at it for the test:
// a module cache of its own, no checksum database.
func fileProxy(t *testing.T, module string, versions map[string]map[string]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), filepath.FromSlash(module), "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var list []string
	for v, files := range versions {
		list = append(list, v)
		mustWrite(t, filepath.Join(dir, v+".info"), fmt.Sprintf(`{"Version":%q,"Time":"2026-01-02T00:00:00Z"}`, v))
		mustWrite(t, filepath.Join(dir, v+".mod"), files["go.mod"])
		var zb strings.Builder
		zw := zip.NewWriter(&zb)
		for _, name := range slices.Sorted(maps.Keys(files)) {
			w, err := zw.Create(module + "@" + v + "/" + name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(files[name]))
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		mustWrite(t, filepath.Join(dir, v+".zip"), zb.String())
	}
	slices.Sort(list)
	mustWrite(t, filepath.Join(dir, "list"), strings.Join(list, "\n")+"\n")
	root := strings.TrimSuffix(dir, filepath.FromSlash("/"+module+"/@v"))
	modcache := t.TempDir()
	t.Setenv("GOPROXY", "file://"+filepath.ToSlash(root))
	t.Setenv("GOSUMDB", "off")
	t.Setenv("GOMODCACHE", modcache)
	// The module cache is read-only: the go command removes it, before t.TempDir's clean-up.
	t.Cleanup(func() {
		cmd := exec.Command("go", "clean", "-modcache")
		cmd.Env = append(os.Environ(), "GOMODCACHE="+modcache)
		cmd.Run()
	})
}

func mustWrite(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A published base that does not build (a type error in v1.0.0), and a working tree that does
// not: one line naming the side and the go command's message, exit status 2, nothing written.
// The versions come from a module proxy directory of the test's.
func TestReleaseDoesNotBuild(t *testing.T) {
	const gomod = "module example.com/broken\n\ngo 1.21\n"
	broken := "package broken\n\n// F is broken.\nfunc F() int { return \"one\" }\n"
	fixed := "package broken\n\n// F is fixed.\nfunc F() int { return 1 }\n"
	fileProxy(t, "example.com/broken", map[string]map[string]string{
		"v1.0.0": {"go.mod": gomod, "b.go": broken},
		"v1.1.0": {"go.mod": gomod, "b.go": fixed},
	})
	tree := t.TempDir()
	mustWrite(t, filepath.Join(tree, "go.mod"), gomod)
	t.Chdir(tree)
	for _, tc := range []struct{ tree, base, want string }{
		{fixed, "v1.0.0", "apidiff: release: the base version example.com/broken@v1.0.0: "},
		{broken, "v1.1.0", "apidiff: release: the working tree of example.com/broken: "},
	} {
		mustWrite(t, filepath.Join(tree, "b.go"), tc.tree)
		before := treeSum(t, tree)
		code, out, errOut := runRelease(t, "-base", tc.base, "-contexts", "linux-amd64")
		if code != 2 || out != "" || !strings.HasPrefix(errOut, tc.want) || !strings.Contains(errOut, "cannot use \"one\"") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("release -base %s: exit status %d, stdout %q, stderr:\n%s\nwant exit status 2, one line: %s... cannot use \"one\" ...", tc.base, code, out, errOut, tc.want)
		}
		if treeSum(t, tree) != before {
			t.Errorf("release -base %s changed the working tree", tc.base)
		}
	}
}
