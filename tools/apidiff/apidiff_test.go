package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/contexts"
	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// apidiff runs the command in-process.
func apidiff(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// stdContexts are the contexts whose std features can be generated on a
// linux-amd64 machine: pure Go cross builds and the native cgo build.
var stdContexts = mustParseContexts("linux-amd64", "windows-amd64", "darwin-arm64", "linux-amd64-cgo")

func mustParseContexts(names ...string) []contexts.Context {
	var cs []contexts.Context
	for _, n := range names {
		c, err := contexts.Parse(n)
		if err != nil {
			panic(err)
		}
		cs = append(cs, c)
	}
	return cs
}

func TestMain(m *testing.M) { os.Exit(testbin.Main(m)) }

var (
	stdOnce     sync.Once
	stdFeatures map[string][]string
	stdErr      error
)

// buildFeatgen builds the real featgen once, for the tests that need feature
// sets the way the rules make them.
func buildFeatgen() (string, error) {
	return testbin.Build("github.com/rules-go-api/rules_go_api/tools/featgen")
}

// stdSets runs the real featgen over std for each of stdContexts, once.
func stdSets(t *testing.T) map[string][]string {
	t.Helper()
	stdOnce.Do(func() {
		bin, err := buildFeatgen()
		if err != nil {
			stdErr = err
			return
		}
		stdFeatures = make(map[string][]string)
		for _, c := range stdContexts {
			out, err := exec.Command(bin, append(c.FeatgenFlags(), "std")...).Output()
			if err != nil {
				stdErr = err
				return
			}
			stdFeatures[c.Name] = strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		}
	})
	if stdErr != nil {
		t.Fatal(stdErr)
	}
	return stdFeatures
}

// writeSets writes feature sets to files and returns the -features flags.
func writeSets(t *testing.T, sets map[string][]string) []string {
	t.Helper()
	dir := t.TempDir()
	var args []string
	for _, ctx := range sortedKeys(sets) {
		path := filepath.Join(dir, ctx+".txt")
		if err := os.WriteFile(path, []byte(apiformat.JoinLines(sets[ctx])), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "-features", ctx+"="+path)
	}
	return args
}

// edit returns a copy of sets with f applied to every context's lines.
func edit(sets map[string][]string, f func(ctx string, lines []string) []string) map[string][]string {
	out := make(map[string][]string)
	for ctx, lines := range sets {
		out[ctx] = f(ctx, slices.Clone(lines))
	}
	return out
}

// TestGoAPI checks the standard library's features, as featgen generates
// them, against Go's own API files, then breaks them on purpose.
func TestGoAPI(t *testing.T) {
	api := filepath.Join(testbin.GOROOT(t), "api")
	sets := stdSets(t)

	code, out, errOut := apidiff(append([]string{"check", "-api", api}, writeSets(t, sets)...)...)
	if code != 0 {
		t.Fatalf("check of std against $GOROOT/api: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"API check OK: 4 contexts", "checked: darwin-arm64, linux-amd64, linux-amd64-cgo, windows-amd64", "not checked: ", "freebsd-arm64"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}

	const println = "pkg fmt, func Println(...interface{}) (int, error)"
	for _, tc := range []struct {
		name    string
		edit    func(ctx string, lines []string) []string
		section string
		want    string // the line the report must show in section
		cmdapi  string
		hint    string // the accept command's flags
	}{
		{
			name: "dropped in one context",
			edit: func(ctx string, lines []string) []string {
				if ctx == "linux-amd64" {
					return slices.DeleteFunc(lines, func(l string) bool { return l == println })
				}
				return lines
			},
			section: "Breaking", want: "- func Println(...interface{}) (int, error)  (linux-amd64)",
			cmdapi: "-pkg fmt (linux-amd64), func Println(...interface{}) (int, error)\n",
			hint:   " -- -except",
		},
		{
			name:    "added everywhere",
			edit:    func(_ string, lines []string) []string { return append(lines, "pkg fmt, func Hello() string") },
			section: "Compatible", want: "  fmt\n    func_added: a func was added\n      + func Hello() string",
			cmdapi: "+pkg fmt, func Hello() string\n",
			hint:   " -- -proposal NUMBER",
		},
		{
			name:    "deprecated",
			edit:    func(_ string, lines []string) []string { return append(lines, "pkg fmt, func Println //deprecated") },
			section: "No change for clients", want: "      + func Println //deprecated",
			cmdapi: "+pkg fmt, func Println //deprecated\n",
			hint:   " -- -proposal NUMBER",
		},
		{
			name: "signature changed",
			edit: func(_ string, lines []string) []string {
				i := slices.Index(lines, println)
				lines[i] = "pkg fmt, func Println(...interface{}) int"
				return lines
			},
			section: "Breaking", want: "      - func Println(...interface{}) (int, error)\n      + func Println(...interface{}) int",
			cmdapi: "-" + println + "\n+pkg fmt, func Println(...interface{}) int\n",
			hint:   " -- -except -proposal NUMBER",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			flags := writeSets(t, edit(sets, tc.edit))
			code, out, _ := apidiff(append([]string{"check", "-api", api, "-update-hint", "bazel run //:api_check.update"}, flags...)...)
			if code != 1 {
				t.Fatalf("exit %d, want 1\n%s", code, out)
			}
			i := strings.Index(out, "\n"+tc.section+" ")
			if i < 0 || !strings.Contains(out[i:], tc.want) {
				t.Errorf("report does not show %q under %s:\n%s", tc.want, tc.section, out)
			}
			if !strings.Contains(out, "accept it with:\n  bazel run //:api_check.update"+tc.hint+"\n") {
				t.Errorf("report does not end with the update hint:\n%s", out)
			}
			code, out, _ = apidiff(append([]string{"check", "-format=cmdapi", "-api", api}, flags...)...)
			if code != 1 || out != tc.cmdapi {
				t.Errorf("-format=cmdapi: exit %d, output\n%s\nwant\n%s", code, out, tc.cmdapi)
			}
		})
	}
}

// snapshot writes a snapshot API file and one context's features.
func snapshot(t *testing.T, api string, features ...string) (apiPath string, flags []string) {
	t.Helper()
	dir := t.TempDir()
	apiPath = filepath.Join(dir, "api.txt")
	if err := os.WriteFile(apiPath, []byte(api), 0o644); err != nil {
		t.Fatal(err)
	}
	return apiPath, writeSets(t, map[string][]string{"linux-amd64": features})
}

func TestBadInput(t *testing.T) {
	const f = "pkg p, func F()"
	for _, tc := range []struct {
		name     string
		api      string
		features []string
		code     int
		want     string
	}{
		{"CRLF", "pkg p, func F()\r\n", []string{f}, 1, "contains CRLFs"},
		{"blank line", "pkg p, func F()\n\npkg p, func G()\n", []string{f, "pkg p, func G()"}, 1, "contains a blank line"},
		{"no final newline", "pkg p, func F()", []string{f}, 1, "missing final newline"},
		{"duplicate line", "pkg p, func F()\npkg p, func F()\n", []string{f}, 1, "api.txt:2: duplicate of line 1"},
		{"unexpected approval", "pkg p, func F() #123\n", []string{f}, 1, "unexpected approval"},
		{"empty features", "pkg p, func F()\n", nil, 1, "the features of every context (linux-amd64) are empty"},
		{"not featgen output", "pkg p, func F()\n", []string{"hello"}, 2, "not a feature line"},
		{"unknown context in the API file", "pkg p, func F()\npkg p (linux-amd46), func G()\n", []string{f}, 1,
			`api.txt:2: unknown context "linux-amd46" (did you mean linux-amd64?)`},
		{"CRLF features", "pkg p, func F()\n", []string{"pkg p, func F()\r"}, 2, "CRLF line endings"},
		{"suffixed features", "pkg p, func F()\n", []string{"pkg p (linux-amd64), func F()"}, 2, "has a context suffix"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, flags := snapshot(t, tc.api, tc.features...)
			code, out, errOut := apidiff(append([]string{"check", "-api", path}, flags...)...)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) {
				t.Errorf("exit %d (want %d), output does not contain %q:\n%s%s", code, tc.code, tc.want, out, errOut)
			}
		})
	}

	t.Run("empty API and empty features", func(t *testing.T) {
		path, flags := snapshot(t, "")
		if code, out, errOut := apidiff(append([]string{"check", "-api", path}, flags...)...); code != 0 {
			t.Errorf("exit %d:\n%s%s", code, out, errOut)
		}
	})
	t.Run("missing approval in Go mode", func(t *testing.T) {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, "next"), 0o755)
		os.WriteFile(filepath.Join(dir, "go1.txt"), []byte("pkg p, func F()\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "next", "1.txt"), []byte("pkg p, func G()\n"), 0o644)
		flags := writeSets(t, map[string][]string{"linux-amd64": {"pkg p, func F()", "pkg p, func G()"}})
		code, out, _ := apidiff(append([]string{"check", "-api", dir}, flags...)...)
		if code != 1 || !strings.Contains(out, "next/1.txt:1: missing proposal approval") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"snapshot mode on a directory", []string{"check", "-mode", "snapshot", "-api", ".", "-features", "linux-amd64=/dev/null"}, "is a directory, but -mode snapshot wants one file"},
		{"bad mode", []string{"check", "-mode", "svn", "-api", ".", "-features", "linux-amd64=/dev/null"}, `unknown -mode "svn"`},
		{"features file does not exist", []string{"check", "-api", ".", "-features", "linux-amd64=/nonexistent"}, "no such file"},
		{"unknown context", []string{"check", "-api", ".", "-features", "linux=x.txt"}, `unknown context "linux"`},
		{"misspelled context", []string{"check", "-api", ".", "-features", "linux-amd46=x.txt"}, `unknown context "linux-amd46" (did you mean linux-amd64?)`},
		{"made-up context", []string{"check", "-api", ".", "-features", "foo-bar=x.txt"}, `unknown context "foo-bar"`},
		{"no features", []string{"check", "-api", "."}, "no features given"},
		{"bad format", []string{"check", "-format=xml", "-api", ".", "-features", "linux-amd64=x"}, "unknown -format"},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := apidiff(tc.args...)
			if code != 2 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d (want 2), stderr does not contain %q:\n%s%s", code, tc.want, out, errOut)
			}
		})
	}
}

// TestCheckMissingSnapshot: a snapshot file that does not exist is a difference (exit 1) whose
// message is the command that creates it, with or without -update-hint.
func TestCheckMissingSnapshot(t *testing.T) {
	path, flags := snapshot(t, "", "pkg p, func F()")
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := apidiff(append([]string{"check", "-api", path}, flags...)...)
	want := "the API file " + path + " does not exist yet; create it from the current API with:\n  apidiff update -api " + path + " " + strings.Join(flags, " ")
	if code != 1 || !strings.Contains(out+errOut, want) {
		t.Errorf("without -update-hint: exit %d, want 1 and %q:\n%s%s", code, want, out, errOut)
	}
	// The printed command works as printed.
	if code, out, errOut := apidiff(append([]string{"update", "-api", path}, flags...)...); code != 0 {
		t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = apidiff(append([]string{"check", "-api", path, "-update-hint", "bazel run //:api_check.update"}, flags...)...)
	if code != 1 || !strings.Contains(out+errOut, "does not exist yet; create it from the current API with:\n  bazel run //:api_check.update\n"+
		"or, for every check whose API files are missing: bazel run //:api_checks.update") {
		t.Errorf("with -update-hint: exit %d:\n%s%s", code, out, errOut)
	}
}

func TestJSON(t *testing.T) {
	path, flags := snapshot(t, "pkg p, func F()\npkg p, func Old()\n", "pkg p, func F()", "pkg p, func New()")
	code, out, _ := apidiff(append([]string{"check", "-format=json", "-api", path}, flags...)...)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var r struct {
		OK      bool     `json:"ok"`
		Checked []string `json:"checked_contexts"`
		Removed []string `json:"removed"`
		Added   []string `json:"added"`
		Changed []any    `json:"changed"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if r.OK || !slices.Equal(r.Checked, []string{"linux-amd64"}) || !slices.Equal(r.Removed, []string{"pkg p, func Old()"}) ||
		!slices.Equal(r.Added, []string{"pkg p, func New()"}) || r.Changed == nil {
		t.Errorf("report %+v", r)
	}
}

func TestMergeCommand(t *testing.T) {
	flags := writeSets(t, map[string][]string{
		"linux-amd64":   {"pkg p, func All()", "pkg p, func Unix()"},
		"windows-amd64": {"pkg p, func All()"},
	})
	var pairs []string
	for i := 1; i < len(flags); i += 2 {
		pairs = append(pairs, flags[i])
	}
	code, out, errOut := apidiff(append([]string{"merge"}, pairs...)...)
	if want := "pkg p (linux-amd64), func Unix()\npkg p, func All()\n"; code != 0 || out != want {
		t.Errorf("merge: exit %d\n%s%s\nwant\n%s", code, out, errOut, want)
	}
}

func TestUpdateSnapshot(t *testing.T) {
	path, flags := snapshot(t, "pkg p, func F()\n", "pkg p, func F()", "pkg p, func G()")
	if code, _, _ := apidiff(append([]string{"check", "-api", path}, flags...)...); code != 1 {
		t.Fatalf("check before update: exit %d", code)
	}
	if code, out, errOut := apidiff(append([]string{"update", "-api", path}, flags...)...); code != 0 {
		t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
	}
	if got, _ := os.ReadFile(path); string(got) != "pkg p, func F()\npkg p, func G()\n" {
		t.Errorf("snapshot after update:\n%s", got)
	}
	if code, out, _ := apidiff(append([]string{"check", "-api", path}, flags...)...); code != 0 {
		t.Errorf("check after update: exit %d\n%s", code, out)
	}
	// Beside the snapshot: its facts (docs/format.md), none for these features, and the contexts
	// it was written for.
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 2 || entries[0].Name() != "api.facts" {
		t.Errorf("update left other files: %v", entries)
	}
	want := "# API facts for the compatibility verdict, beside the API files: written by apidiff update, compared by apidiff check.\n" +
		"# contexts linux-amd64\n"
	if got, _ := os.ReadFile(filepath.Join(filepath.Dir(path), "api.facts")); string(got) != want {
		t.Errorf("api.facts:\n%s\nwant\n%s", got, want)
	}
}

// TestUpdateSnapshotNewDirectory: a snapshot path in a directory that does not exist yet (api =
// "apis/x.txt") is created by the update, as Go mode creates its api/ directory.
func TestUpdateSnapshotNewDirectory(t *testing.T) {
	path, flags := snapshot(t, "pkg p, func F()\n", "pkg p, func F()")
	path = filepath.Join(filepath.Dir(path), "apis", "v1", "x.txt")
	if code, out, errOut := apidiff(append([]string{"update", "-api", path}, flags...)...); code != 0 {
		t.Fatalf("update into a new directory: exit %d\n%s%s", code, out, errOut)
	}
	if got, _ := os.ReadFile(path); string(got) != "pkg p, func F()\n" {
		t.Errorf("snapshot after update:\n%s", got)
	}
	if code, out, _ := apidiff(append([]string{"check", "-api", path}, flags...)...); code != 0 {
		t.Errorf("check after update: exit %d\n%s", code, out)
	}
}

// TestUpdateRefusalIsOneCommand: an update that needs both -except (a removal) and -proposal (an
// addition under Go's rules) names both in one complete command, which works when followed.
func TestUpdateRefusalIsOneCommand(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "next"), 0o755)
	os.WriteFile(filepath.Join(dir, "go1.txt"), []byte("pkg p, func F()\npkg p, func Old()\n"), 0o644)
	flags := writeSets(t, map[string][]string{"linux-amd64": {"pkg p, func F()", "pkg p, func New()"}})
	args := append([]string{"update", "-api", dir}, flags...)

	code, out, errOut := apidiff(append(args, "-update-hint", "bazel run //p:api_check.update")...)
	if want := "bazel run //p:api_check.update -- -except -proposal NUMBER"; code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("with -update-hint: exit %d, want 1 and %q:\n%s%s", code, want, out, errOut)
	}
	code, out, errOut = apidiff(args...)
	want := "apidiff update -api " + dir + " " + strings.Join(flags, " ") + " -except -proposal NUMBER"
	if code != 1 || !strings.Contains(errOut, want) {
		t.Fatalf("without -update-hint: exit %d, want 1 and %q:\n%s%s", code, want, out, errOut)
	}
	// Following the printed command (with a number for NUMBER) accepts the change.
	if code, out, errOut := apidiff(append(args, "-except", "-proposal", "7")...); code != 0 {
		t.Fatalf("the printed command: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := apidiff(append([]string{"check", "-api", dir}, flags...)...); code != 0 {
		t.Errorf("check after the update: exit %d\n%s", code, out)
	}
}

// TestUpdateSnapshotIgnoresDirFlags: -except and -next, which go_api_checks's update passes to
// every check, are no-ops for a snapshot file, which takes every change.
func TestUpdateSnapshotIgnoresDirFlags(t *testing.T) {
	path, flags := snapshot(t, "pkg p, func F()\npkg p, func Old()\n", "pkg p, func F()")
	if code, out, errOut := apidiff(append([]string{"update", "-api", path, "-except", "-next", "x"}, flags...)...); code != 0 {
		t.Fatalf("update -except -next of a snapshot: exit %d\n%s%s", code, out, errOut)
	}
	if got, _ := os.ReadFile(path); string(got) != "pkg p, func F()\n" {
		t.Errorf("snapshot after update:\n%s", got)
	}
}

func TestUpdateGoDir(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go1.txt"), []byte("pkg p, func F()\npkg p, func Old()\n"), 0o644)
	flags := writeSets(t, map[string][]string{"linux-amd64": {"pkg p, func F()", "pkg p, func New()"}})
	upd := func(extra ...string) (int, string) {
		code, out, errOut := apidiff(append(append([]string{"update", "-api", dir}, flags...), extra...)...)
		return code, out + errOut
	}
	list := func() []string {
		var files []string
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if !d.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				files = append(files, rel)
			}
			return nil
		})
		return files
	}

	// A removal is refused without -except, and nothing is written.
	if code, out := upd("-proposal", "4242"); code != 1 || !strings.Contains(out, "pkg p, func Old()") || !strings.Contains(out, "-except") {
		t.Errorf("removal without -except: exit %d\n%s", code, out)
	}
	if files := list(); !slices.Equal(files, []string{"go1.txt"}) {
		t.Errorf("files after a refused update: %q", files)
	}
	// A next/ name that escapes the API directory is a usage error.
	for _, bad := range []string{"../outside", "sub/x", ".hidden", "tab\there", "new\nline", "bell\a"} {
		if code, out := upd("-next", bad, "-proposal", "1", "-except"); code != 2 || !strings.Contains(out, "must be a plain file name") {
			t.Errorf("-next %s: exit %d\n%s", bad, code, out)
		}
	}
	// New features need a proposal number under Go's rules.
	if code, out := upd("-next", "x", "-except"); code != 2 || !strings.Contains(out, "needs the number of the proposal") {
		t.Errorf("no -proposal: exit %d\n%s", code, out)
	}
	if files := list(); !slices.Equal(files, []string{"go1.txt"}) {
		t.Errorf("files after failed updates: %q", files)
	}
	// Accepted: the new line goes to next/4242.txt with its number, the
	// removal to except.txt; the check then passes.
	if code, out := upd("-proposal", "4242", "-except"); code != 0 {
		t.Fatalf("update: exit %d\n%s", code, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "next", "4242.txt")); string(got) != "pkg p, func New() #4242\n" {
		t.Errorf("next/4242.txt:\n%s", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "except.txt")); string(got) != "pkg p, func Old()\n" {
		t.Errorf("except.txt:\n%s", got)
	}
	if code, out, _ := apidiff(append([]string{"check", "-api", dir}, flags...)...); code != 0 {
		t.Errorf("check after update: exit %d\n%s", code, out)
	}
	if files := list(); !slices.Equal(files, []string{"current.facts", "except.txt", "go1.txt", "next/4242.txt"}) {
		t.Errorf("files after update: %q", files)
	}
}

// TestUpdateThroughSymlinks: API files that are symbolic links keep being
// links, and their targets get the new contents.
func TestUpdateThroughSymlinks(t *testing.T) {
	real := t.TempDir()
	target := filepath.Join(real, "api.txt")
	os.WriteFile(target, []byte("pkg p, func F()\n"), 0o600)
	link := filepath.Join(t.TempDir(), "api.txt")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	flags := writeSets(t, map[string][]string{"linux-amd64": {"pkg p, func F()", "pkg p, func G()"}})
	if code, out, errOut := apidiff(append([]string{"update", "-api", link}, flags...)...); code != 0 {
		t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("api.txt is no longer a link: %v", err)
	}
	if got, _ := os.ReadFile(target); string(got) != "pkg p, func F()\npkg p, func G()\n" {
		t.Errorf("target:\n%s", got)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o600 {
		t.Errorf("target mode %v", fi.Mode().Perm())
	}

	// Go mode: except.txt and next/ files that are links.
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "next"), 0o755)
	os.WriteFile(filepath.Join(dir, "go1.txt"), []byte("pkg p, func F()\npkg p, func Old()\n"), 0o644)
	exceptTarget, nextTarget := filepath.Join(real, "except.txt"), filepath.Join(real, "7.txt")
	os.WriteFile(exceptTarget, []byte("pkg p, func Older()\n"), 0o644)
	os.WriteFile(nextTarget, []byte("pkg p, func Newer() #7\n"), 0o644)
	os.Symlink(exceptTarget, filepath.Join(dir, "except.txt"))
	os.Symlink(nextTarget, filepath.Join(dir, "next", "7.txt"))
	flags = writeSets(t, map[string][]string{"linux-amd64": {"pkg p, func F()", "pkg p, func New()", "pkg p, func Newer()"}})
	if code, out, errOut := apidiff(append([]string{"update", "-api", dir, "-proposal", "7", "-except"}, flags...)...); code != 0 {
		t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
	}
	if got, _ := os.ReadFile(exceptTarget); string(got) != "pkg p, func Older()\npkg p, func Old()\n" {
		t.Errorf("except.txt target:\n%s", got)
	}
	if got, _ := os.ReadFile(nextTarget); string(got) != "pkg p, func Newer() #7\npkg p, func New() #7\n" {
		t.Errorf("next/7.txt target:\n%s", got)
	}
}

// TestUpdateAllOrNothing: when one file of an update cannot be written, no
// file changes.
func TestUpdateAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "next"), 0o755)
	os.WriteFile(filepath.Join(dir, "go1.txt"), []byte("pkg p, func F()\npkg p, func Old()\n"), 0o644)
	// next/7.txt is a directory: it cannot be written.
	os.MkdirAll(filepath.Join(dir, "next", "7.txt"), 0o755)
	flags := writeSets(t, map[string][]string{"linux-amd64": {"pkg p, func F()", "pkg p, func New()"}})
	code, out, errOut := apidiff(append([]string{"update", "-api", dir, "-proposal", "7", "-except"}, flags...)...)
	if code != 2 || !strings.Contains(errOut, "next/7.txt: is a directory") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "except.txt")); !os.IsNotExist(err) {
		t.Errorf("except.txt was written: %v", err)
	}
}

// TestMainPackage: featgen marks a main package instead of printing nothing;
// a check of one fails and says why.
func TestMainPackage(t *testing.T) {
	path, flags := snapshot(t, "")
	os.WriteFile(flags[1][len("linux-amd64="):], []byte("# example.com/m/cmd/tool is package main: a command has no API\n"), 0o644)
	code, out, errOut := apidiff(append([]string{"check", "-api", path}, flags...)...)
	if want := `apidiff: "example.com/m/cmd/tool" is package main: a command has no API to check; point the check at a library`; code != 1 || !strings.HasPrefix(errOut, want) {
		t.Errorf("exit %d\n%s%s\nwant %s", code, out, errOut, want)
	}
	code, out, _ = apidiff(append([]string{"merge"}, flags[1])...)
	if code != 0 || out != "# example.com/m/cmd/tool is package main: a command has no API\n" {
		t.Errorf("merge drops the marker: exit %d %q", code, out)
	}
}

// TestSnapshotApprovalAll: with approvals everywhere, update keeps the
// approvals of lines that stay and gives new lines -proposal's.
func TestSnapshotApprovalAll(t *testing.T) {
	path, flags := snapshot(t, "pkg p, func F() #5\n", "pkg p, func F()", "pkg p, func G()")
	check := append([]string{"check", "-approval", "all", "-api", path, "-update-hint", "UPDATE"}, flags...)
	code, out, _ := apidiff(check...)
	if code != 1 || !strings.Contains(out, "UPDATE -- -proposal NUMBER") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	update := append([]string{"update", "-approval", "all", "-api", path}, flags...)
	if code, out, errOut := apidiff(update...); code != 2 || !strings.Contains(errOut, "pass -proposal N") {
		t.Errorf("update without -proposal: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := apidiff(append(update, "-proposal", "9")...); code != 0 {
		t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
	}
	if got, _ := os.ReadFile(path); string(got) != "pkg p, func F() #5\npkg p, func G() #9\n" {
		t.Errorf("api.txt:\n%s", got)
	}
	if code, out, _ := apidiff(check...); code != 0 {
		t.Errorf("check after update: exit %d\n%s", code, out)
	}
	if code, out, _ := apidiff(update...); code != 0 || !strings.Contains(out, "up to date") {
		t.Errorf("second update: exit %d\n%s", code, out)
	}
}

// TestReportFiles: -json-out and -junit-out write the report for CI: one JUnit test case per
// package and context, failing where that package differs in that context, with the text report's
// sections.
func TestReportFiles(t *testing.T) {
	dir := t.TempDir()
	api := filepath.Join(dir, "api.txt")
	os.WriteFile(api, []byte("pkg a, func A()\npkg a (linux-amd64), func L()\npkg b, func B()\n"), 0o644)
	flags := writeSets(t, map[string][]string{
		"linux-amd64":   {"pkg a, func A()", "pkg b, func B(int)", "pkg b, func New()"},
		"windows-amd64": {"pkg a, func A()", "pkg b, func B(int)", "pkg b, func New()"},
	})
	jsonOut, junitOut := filepath.Join(dir, "r.json"), filepath.Join(dir, "test.xml")
	code, out, errOut := apidiff(append([]string{"check", "-api", api, "-label", "//x:api_check", "-update-hint", "UPDATE",
		"-json-out", jsonOut, "-junit-out", junitOut}, flags...)...)
	if code != 1 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	data, err := os.ReadFile(jsonOut)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Label    string   `json:"label"`
		Packages []string `json:"packages"`
		Removed  []string `json:"removed"`
		Added    []string `json:"added"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	if r.Label != "//x:api_check" || !slices.Equal(r.Packages, []string{"a", "b"}) ||
		!slices.Equal(r.Removed, []string{"pkg a (linux-amd64), func L()"}) || !slices.Equal(r.Added, []string{"pkg b, func New()"}) {
		t.Errorf("JSON report: %+v", r)
	}

	data, err = os.ReadFile(junitOut)
	if err != nil {
		t.Fatal(err)
	}
	var x struct {
		Suites []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name    string `xml:"name,attr"`
				Class   string `xml:"classname,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &x); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if len(x.Suites) != 1 || x.Suites[0].Name != "//x:api_check" || x.Suites[0].Tests != 4 || x.Suites[0].Failures != 3 {
		t.Fatalf("JUnit:\n%s", data)
	}
	failures := make(map[string]string)
	for _, c := range x.Suites[0].Cases {
		if c.Failure != nil {
			failures[c.Class+" "+c.Name] = c.Failure.Text
		}
	}
	const b = "Breaking (code that compiled against the API files no longer compiles):\n  - func B()  [function_signature_changed]\n  + func B(int)  [function_signature_changed]\n\n" +
		"Compatible (the API grew; code that compiled still compiles):\n  + func New()  [func_added]\n\nIf the change is intended, accept it with:\n  UPDATE\n"
	want := map[string]string{
		"a linux-amd64":   "Breaking (code that compiled against the API files no longer compiles):\n  - func L()  [func_removed]\n\nIf the change is intended, accept it with:\n  UPDATE\n",
		"b linux-amd64":   b,
		"b windows-amd64": b,
	}
	if !maps.Equal(failures, want) {
		t.Errorf("failing test cases %q, want %q", failures, want)
	}
}

// TestContextsFile checks "featgen -contexts" end to end: one run prints each context's std
// features exactly as a featgen run for that context alone does, and apidiff checks the file as it
// is, with -features FILE.
func TestContextsFile(t *testing.T) {
	sets := stdSets(t)
	bin, err := buildFeatgen()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range stdContexts {
		names = append(names, c.Name)
	}
	file := filepath.Join(t.TempDir(), "std.txt")
	if out, err := exec.Command(bin, "-contexts", strings.Join(names, ","), "-o", file, "std").CombinedOutput(); err != nil {
		t.Fatalf("featgen -contexts: %v\n%s", err, out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	got := make(map[string][]string)
	ctx := ""
	for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if c, ok := strings.CutPrefix(l, "# context "); ok {
			ctx = c
			got[ctx] = []string{}
			continue
		}
		got[ctx] = append(got[ctx], l)
	}
	for _, name := range names {
		if !slices.Equal(got[name], sets[name]) {
			t.Errorf("%s: featgen -contexts printed %d features, featgen -goos/-goarch %d", name, len(got[name]), len(sets[name]))
		}
	}
	code, out, errOut := apidiff("check", "-api", filepath.Join(testbin.GOROOT(t), "api"), "-features", file)
	if code != 0 || !strings.Contains(out, "API check OK: 4 contexts") {
		t.Errorf("check of featgen -contexts output: exit %d\n%s%s", code, out, errOut)
	}
}

// TestContextsFileBadInput checks the errors for files of several contexts given wrongly.
func TestContextsFileBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	api := write("api.txt", "pkg p, func F()\n")
	sections := write("sections.txt", "# context linux-amd64\npkg p, func F()\n# context windows-amd64\npkg p, func F()\n")
	plain := write("plain.txt", "pkg p, func F()\n")
	unknown := write("unknown.txt", "# context linux-amd46\npkg p, func F()\n")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-features", sections}, 0, "API check OK: 2 contexts"},
		{[]string{"-features", "linux-amd64=" + sections}, 2, "sections.txt:1: a features file of several contexts (featgen -contexts) is given as -features"},
		{[]string{"-features", plain}, 2, `plain.txt:1: no "# context CONTEXT" line before the first feature: give a file of one context as -features CONTEXT=`},
		{[]string{"-features", unknown}, 2, `unknown.txt:1: unknown context "linux-amd46"`},
		{[]string{"-features", write("empty.txt", "")}, 2, `empty.txt: no "# context CONTEXT" line`},
	} {
		code, out, errOut := apidiff(append([]string{"check", "-api", api}, tc.args...)...)
		if code != tc.code || !strings.Contains(out+errOut, tc.want) {
			t.Errorf("apidiff check %s: exit %d, want %d and %q:\n%s%s", strings.Join(tc.args, " "), code, tc.code, tc.want, out, errOut)
		}
		if tc.code != 0 && strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("apidiff check %s: want one line on stderr, got:\n%s", strings.Join(tc.args, " "), errOut)
		}
	}
}

// TestFactChange: a difference of the facts alone (comparability lost: no feature line changes)
// fails the check with its verdict and proof; update rewrites only the facts file; then the check
// passes. API files without a facts file are checked by their lines, and the report says which
// facts it lacked.
func TestFactChange(t *testing.T) {
	const comparable = "# fact pkg example.com/p, type S comparable"
	path, before := snapshot(t, "", "pkg example.com/p, type S struct", comparable)
	if code, out, errOut := apidiff(append([]string{"update", "-api", path}, before...)...); code != 0 {
		t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
	}
	facts := filepath.Join(filepath.Dir(path), "api.facts")
	if got, _ := os.ReadFile(facts); !strings.HasSuffix(string(got), "\npkg example.com/p, type S comparable\n") {
		t.Fatalf("api.facts:\n%s", got)
	}
	_, after := snapshot(t, "", "pkg example.com/p, type S struct")
	code, out, _ := apidiff(append([]string{"check", "-api", path}, after...)...)
	for _, want := range []string{"verdict: breaking (a major version): 1 breaking change\n", "comparable_lost: ",
		"- type S comparable", "var _ = func(a, b p.S) bool { return a == b }"} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("check: exit %d, want 1 and %q in:\n%s", code, want, out)
		}
	}
	api, _ := os.ReadFile(path)
	if code, out, errOut := apidiff(append([]string{"update", "-api", path}, after...)...); code != 0 || !strings.Contains(out, "wrote its facts") {
		t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
	}
	if again, _ := os.ReadFile(path); string(again) != string(api) {
		t.Errorf("a facts-only update changed %s", path)
	}
	if code, out, _ := apidiff(append([]string{"check", "-api", path}, after...)...); code != 0 {
		t.Errorf("check after update: exit %d\n%s", code, out)
	}

	// Without the facts file: judged by the lines, saying what was not compared.
	os.Remove(facts)
	_, changed := snapshot(t, "", "pkg example.com/p, type S struct", "pkg example.com/p, func F()")
	code, out, _ = apidiff(append([]string{"check", "-api", path}, changed...)...)
	if code != 1 || !strings.Contains(out, "verdict: compatible (a minor version): 1 compatible change; without facts beside the API files") {
		t.Errorf("check without facts: exit %d\n%s", code, out)
	}
}

// TestMergeFacts: merge drops the facts unless asked for them, and then merges them as features.
func TestMergeFacts(t *testing.T) {
	flags := writeSets(t, map[string][]string{
		"linux-amd64":   {"pkg p, type M uint32", "# fact pkg p, type M comparable", "# fact pkg p, import io \"io\""},
		"windows-amd64": {"pkg p, func F()", "# fact pkg p, import io \"io\""},
	})
	var pairs []string
	for i := 1; i < len(flags); i += 2 {
		pairs = append(pairs, flags[i])
	}
	if code, out, errOut := apidiff(append([]string{"merge"}, pairs...)...); code != 0 || strings.Contains(out, "# fact") {
		t.Errorf("merge: exit %d\n%s%s", code, out, errOut)
	}
	want := "pkg p (linux-amd64), type M uint32\npkg p (windows-amd64), func F()\n" +
		"# fact pkg p (linux-amd64), type M comparable\n# fact pkg p, import io \"io\"\n"
	if code, out, errOut := apidiff(append([]string{"merge", "-facts"}, pairs...)...); code != 0 || out != want {
		t.Errorf("merge -facts: exit %d\n%s%s\nwant\n%s", code, out, errOut, want)
	}

	// One context's collection (the rules' per-context merge) keeps the declarations records;
	// the same package's record from two files is written once.
	decl := `# decl p "// rules_go_api API declarations; not a Go file: see docs/format.md\n// package p\npackage p\n\nfunc F() { panic(0) }\n"`
	one := writeSets(t, map[string][]string{"a": {"pkg p, func F()", decl}, "b": {"pkg p, func F()", decl}})
	args := []string{"merge", "-facts", "linux-amd64=" + strings.SplitN(one[1], "=", 2)[1], "linux-amd64=" + strings.SplitN(one[3], "=", 2)[1]}
	if code, out, errOut := apidiff(args...); code != 0 || out != "pkg p, func F()\n"+decl+"\n" {
		t.Errorf("merge -facts of one context: exit %d\n%s%s", code, out, errOut)
	}
}

// TestAPIName: under Bazel the check reads the API files at a runfiles path (_main/diode/api.txt)
// and -api-name gives the path the user knows (diode/api.txt): every report names that one, the
// runfiles path none.
func TestAPIName(t *testing.T) {
	dir := t.TempDir()
	runfilesPath := filepath.Join(dir, "_main", "diode", "api.txt")
	os.MkdirAll(filepath.Dir(runfilesPath), 0o755)
	flags := writeSets(t, map[string][]string{"linux-amd64": {"pkg p, func F()", "pkg p, func New()"}})
	jsonOut, junitOut := filepath.Join(dir, "r.json"), filepath.Join(dir, "test.xml")
	check := append([]string{"check", "-api", runfilesPath, "-api-name", "diode/api.txt", "-update-hint", "bazel run //diode:api_check.update",
		"-json-out", jsonOut, "-junit-out", junitOut}, flags...)
	noRunfilesPath := func(what, text string) {
		t.Helper()
		if strings.Contains(text, "_main") {
			t.Errorf("%s names the runfiles path:\n%s", what, text)
		}
	}

	// No API file yet.
	code, out, errOut := apidiff(check...)
	if want := "apidiff: the API file diode/api.txt does not exist yet; create it from the current API with:\n  bazel run //diode:api_check.update\n"; code != 1 || !strings.HasPrefix(errOut, want) {
		t.Errorf("missing file: exit %d, want 1 and %q:\n%s%s", code, want, out, errOut)
	}
	noRunfilesPath("the missing file's message", out+errOut)

	// A difference and a problem (a duplicate line) in the file and in its facts.
	os.WriteFile(runfilesPath, []byte("pkg p, func F()\npkg p, func F()\n"), 0o644)
	os.WriteFile(filepath.Join(filepath.Dir(runfilesPath), "api.facts"), []byte("not a fact\n"), 0o644)
	code, out, errOut = apidiff(check...)
	if code != 1 || !strings.HasPrefix(out, "API check FAILED: 1 context against diode/api.txt\n") ||
		!strings.Contains(out, "  diode/api.txt:2: duplicate of line 1: pkg p, func F()\n") || !strings.Contains(out, "  diode/api.facts:1: ") {
		t.Errorf("text report: exit %d\n%s%s", code, out, errOut)
	}
	noRunfilesPath("the text report", out+errOut)
	data, _ := os.ReadFile(jsonOut)
	var r struct {
		API   string   `json:"api"`
		Files []string `json:"files"`
	}
	if err := json.Unmarshal(data, &r); err != nil || r.API != "diode/api.txt" || !slices.Equal(r.Files, []string{"diode/api.txt"}) {
		t.Errorf("JSON report (%v): %+v", err, r)
	}
	noRunfilesPath("the JSON report", string(data))
	data, _ = os.ReadFile(junitOut)
	if !strings.Contains(string(data), `message="the API of p on linux-amd64 differs from diode/api.txt: compatible"`) {
		t.Errorf("JUnit report:\n%s", data)
	}
	noRunfilesPath("the JUnit report", string(data))

	// The features of every context empty while the API file lists some.
	empty := writeSets(t, map[string][]string{"linux-amd64": {}})
	code, out, errOut = apidiff(append([]string{"check", "-api", runfilesPath, "-api-name", "diode/api.txt"}, empty...)...)
	if code != 1 || !strings.Contains(errOut, "are empty but diode/api.txt lists 2 features") {
		t.Errorf("empty features: exit %d\n%s%s", code, out, errOut)
	}
	noRunfilesPath("the empty features' message", out+errOut)
}
