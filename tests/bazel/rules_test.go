package bazel_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/apicheck"
	"github.com/rules-go-api/rules_go_api/internal/apidecl"
	"github.com/rules-go-api/rules_go_api/internal/apiformat"
)

// mustFail runs a Bazel command that must fail and whose output must contain every want.
func (w *Workspace) mustFail(wants []string, args ...string) Result {
	w.t.Helper()
	r := w.Bazel(args...)
	if r.ExitCode == 0 {
		w.t.Fatalf("bazel %s passed, want a failure:\n%s", strings.Join(args, " "), r.Output)
	}
	for _, want := range wants {
		if !strings.Contains(r.Output, want) {
			w.t.Errorf("bazel %s: output lacks %q:\n%s", strings.Join(args, " "), want, r.Output)
		}
	}
	return r
}

// section returns the part of an apidiff report that starts with the header line
// "<name> (...):" and ends at the next blank line.
func section(output, name string) string {
	i := strings.Index(output, "\n"+name+" (")
	if i < 0 {
		return ""
	}
	rest := output[i+1:]
	if j := strings.Index(rest, "\n\n"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// changeAndAccept edits the library, expects api_check to fail naming want in section, accepts
// the change with the update command the report prints, and expects the check to pass again.
func changeAndAccept(t *testing.T, w *Workspace, old, new, sectionName, want string, updateArgs ...string) {
	t.Helper()
	w.Edit("greeting.go", old, new)
	r := w.mustFail([]string{"bazel run //:api_check.update"}, "test", "//:api_check")
	if s := section(r.Output, sectionName); !strings.Contains(s, want) {
		t.Fatalf("%q is not in the %s section of the report:\n%s", want, sectionName, r.Output)
	}
	w.MustBazel(append([]string{"run", "//:api_check.update"}, updateArgs...)...)
	w.MustBazel("test", "//:api_check")
}

func TestBasicAPICheck(t *testing.T) {
	w := NewWorkspace(t, "basic")
	w.MustBazel("test", "//...")

	// Nothing changed: nothing runs.
	r := w.MustBazel("test", "//...")
	if n, err := r.ExecutedProcesses(); err != nil || n != 0 {
		t.Errorf("no-op bazel test executed %d processes (%v):\n%s", n, err, r.Output)
	}

	// A body-only edit recompiles the library and re-runs featgen, whose output is unchanged,
	// so the API check's result stays cached.
	// Bazel 7 leaves intermediate outputs that came from a cache in the cache (it downloads only
	// top-level outputs): build the features as a top-level output to read them.
	buildAspect(w)
	features := filepath.Join(w.Dir, "bazel-bin", "greeting.go_api.txt")
	before, err := os.ReadFile(features)
	if err != nil {
		t.Fatal(err)
	}
	w.Edit("greeting.go", `if name == "" {`, `if len(name) == 0 {`)
	// Without the disk cache, which earlier runs of this test have filled with this very edit.
	r = w.MustBazel("test", "--disk_cache=", "//:api_check")
	if !strings.Contains(r.Output, "(cached) PASSED") {
		t.Errorf("api_check not cached after a body-only change:\n%s", r.Output)
	}
	// featgen ran as a persistent worker (the compile did not: rules_go's actions are not workers).
	if m := processLine.FindString(r.Output); !regexp.MustCompile(`\b1 worker\b`).MatchString(m) {
		t.Errorf("featgen did not run as a persistent worker after a body-only change: %q", m)
	}
	after, err := os.ReadFile(features)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Errorf("featgen output changed after a body-only edit:\n%s\n---\n%s", before, after)
	}

	// A failing check leaves JUnit XML (test.xml, one case per package and context) and its JSON
	// report, which apireport turns into a summary.
	w.Edit("greeting.go", "// Greet returns", "// Farewell says goodbye.\nfunc Farewell(name string) string { return \"Bye, \" + name }\n\n// Greet returns")
	// The report starts with the verdict: an addition is compatible (a minor version). It names
	// the API file by its path in the workspace (api.txt), not in the runfiles (_main/api.txt).
	w.mustFail([]string{"API check FAILED: 1 context against api.txt\n  verdict: compatible (a minor version): 1 compatible change\n", "func_added: a func was added\n      + func Farewell(string) string"},
		"test", "//:api_check")
	xml := w.ReadFile("bazel-testlogs/api_check/test.xml")
	for _, want := range []string{`<testsuite name="//:api_check" tests="1" failures="1"`, `<testcase name="linux-amd64" classname="example.com/basic">`,
		"+ func Farewell(string) string  [func_added]", `message="the API of example.com/basic on linux-amd64 differs from api.txt: compatible"`} {
		if !strings.Contains(xml, want) {
			t.Errorf("test.xml lacks %q:\n%s", want, xml)
		}
	}
	r = w.MustBazel("run", "@rules_go_api//tools/apireport", "--", filepath.Join(w.Dir, "bazel-testlogs"))
	for _, want := range []string{"1 API check: 0 with breaking changes, 1 with other differences", "#### `//:api_check`",
		"Verdict: **compatible (a minor version): 1 compatible change**", "- compatible (func_added): `+ func Farewell(string) string`",
		"Accept with `bazel run //:api_check.update`"} {
		if !strings.Contains(r.Output, want) {
			t.Errorf("apireport output lacks %q:\n%s", want, r.Output)
		}
	}
	// Relative paths given to a bazel run target are relative to where bazel was run.
	w.MustBazel("run", "@rules_go_api//tools/apireport", "--", "-o", "report.md", "bazel-testlogs")
	if got := w.ReadFile("report.md"); !strings.Contains(got, "- compatible (func_added): `+ func Farewell(string) string`") {
		t.Errorf("apireport -o report.md (relative, under bazel run) wrote:\n%s", got)
	}
	w.MustBazel("run", "//:api_check.update")
	w.MustBazel("test", "//:api_check")
	changeAndAccept(t, w, "func (g *Greeter) Greet(name string) string {", "func (g *Greeter) Greet(name string, _ ...int) string {",
		"Breaking", "type_changed: a client that spells its type no longer compiles: its type is not the one it was; against the new API: "+
			"cannot use x.Greet (value of type func(name string, _ ...int) string) as func(string) string value in variable declaration\n"+
			"      - method (*Greeter) Greet(string) string\n      + method (*Greeter) Greet(string, ...int) string\n"+
			"      proof: this program compiled against the API files and does not compile now:")
	changeAndAccept(t, w, "// Greeter formats greetings.", "// Greeter formats greetings.\n//\n// Deprecated: use fmt.",
		"No change for clients", "+ type Greeter //deprecated")
	w.Edit("greeting.go", "func (g *Greeter) Greet(", "func greet(g *Greeter, ")
	w.Edit("greeting_test.go", "New().Greet(name)", "greet(New(), name)")
	r = w.mustFail([]string{"bazel run //:api_check.update"}, "test", "//:api_check")
	if s := section(r.Output, "Breaking"); !strings.Contains(s, "member_removed: a client that selects this field or method no longer compiles: the type no longer has it; "+
		"against the new API: x.Greet undefined (type greeting.Greeter has no field or method Greet)\n      - method (*Greeter) Greet(string, ...int) string") ||
		!strings.Contains(r.Output, "verdict: breaking (a major version)") || !strings.Contains(r.Output, "x := *new(greeting.Greeter)\n        \t_ = x.Greet\n") {
		t.Errorf("removed method not reported as breaking, with its proof:\n%s", r.Output)
	}
	w.MustBazel("run", "//:api_check.update")
	w.MustBazel("test", "//...")
	api := w.ReadFile("api.txt")
	for _, want := range []string{"pkg example.com/basic, func Farewell(string) string\n", "pkg example.com/basic, type Greeter //deprecated\n"} {
		if !strings.Contains(api, want) {
			t.Errorf("api.txt lacks %q:\n%s", want, api)
		}
	}
	if strings.Contains(api, "Greet(") {
		t.Errorf("api.txt still has the removed method:\n%s", api)
	}

	// Built for the machine it runs on, the check compiles featgen and apidiff with rules_go against
	// the standard library the library's compile needs anyway: no go_api_tools build (GoApiTools,
	// about 140 standard packages) and one standard library.
	execLog := filepath.Join(t.TempDir(), "exec.json")
	w.MustBazel("clean")
	w.MustBazel("build", "--disk_cache=", "--execution_log_json_file="+execLog, "//:api_check")
	if counts := SpawnsByMnemonic(t, execLog); counts["GoApiTools"] != 0 || counts["GoStdlib"] != 1 || counts["GoLink"] != 2 {
		t.Errorf("building //:api_check for the host: %d GoApiTools, %d GoStdlib and %d GoLink actions, want 0, 1 and 2 (featgen and apidiff)",
			counts["GoApiTools"], counts["GoStdlib"], counts["GoLink"])
	}
}

func TestMultiplatformExample(t *testing.T) {
	w := NewWorkspace(t, "multiplatform")
	w.MustBazel("test", "//...")
	// Bazel 7 leaves intermediate outputs that came from a cache there; the test reads the
	// per-context feature files.
	w.MustBazel("build", "--remote_download_outputs=all", "//:api_check")

	// The checked-in file is cmd/api's merge of the three contexts' features, and api.facts the
	// merge of their facts.
	sets, facts, records := make(map[string][]string), make(map[string][]string), make(map[string][]byte)
	for _, ctx := range []string{"darwin-arm64", "linux-amd64", "windows-amd64"} {
		data, err := os.ReadFile(filepath.Join(w.Dir, "bazel-bin", "api_check.go_api", ctx+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		sets[ctx], facts[ctx] = []string{}, []string{}
		for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			if _, r, ok, _ := apiformat.ParseDeclLine(l); ok {
				records[ctx] = r
				continue
			}
			if f, ok := apiformat.ParseFactLine(l); ok {
				facts[ctx] = append(facts[ctx], f)
			} else {
				sets[ctx] = append(sets[ctx], l)
			}
		}
	}
	merged := strings.Join(apicheck.Merge(sets), "\n") + "\n"
	if api := w.ReadFile("api.txt"); api != merged {
		t.Errorf("api.txt is not the merge of the contexts' features:\n%s\nwant\n%s", api, merged)
	}
	if got, want := w.ReadFile("api.facts"), apiformat.FactsFileHeader+"\n# contexts darwin-arm64 linux-amd64 windows-amd64\n"+apiformat.JoinLines(apicheck.Merge(facts)); got != want {
		t.Errorf("api.facts is not the merge of the contexts' facts:\n%s\nwant\n%s", got, want)
	}
	if joined, err := apidecl.Join(records); err != nil || string(joined) != w.ReadFile("api.decl") {
		t.Errorf("api.decl is not the join of the contexts' declarations (%v):\n%s", err, joined)
	}
	for _, want := range []string{
		"pkg example.com/multiplatform, func Join(...string) string\n",
		"pkg example.com/multiplatform (windows-amd64), func VolumeName(string) string\n",
		"pkg example.com/multiplatform (linux-amd64), func Chmod(string, Mode) error\n",
		"pkg example.com/multiplatform (darwin-arm64), func Chmod(string, Mode) error\n",
		"pkg example.com/multiplatform (linux-amd64), const ProcSelf ideal-string\n",
	} {
		if !strings.Contains(merged, want) {
			t.Errorf("merged features lack %q", want)
		}
	}

	// go_api_features writes the same merge as a file.
	w.WriteFile("features/BUILD.bazel", `load("@rules_go_api//rules:defs.bzl", "go_api_features")

go_api_features(
    name = "merged",
    contexts = [
        "darwin-arm64",
        "linux-amd64",
        "windows-amd64",
    ],
    libraries = ["//:paths"],
)
`)
	w.MustBazel("build", "//features:merged")
	if got := w.ReadFile("bazel-bin/features/merged.txt"); got != merged {
		t.Errorf("go_api_features output:\n%s\nwant:\n%s", got, merged)
	}

	// The tools compile no standard library of their own: rules_go builds them in the linux-amd64
	// context (this machine's platform), against its standard library; one GoApiTools action
	// builds them for the other two contexts' actions; one GoStdlib per context (cache hits count
	// too).
	execLog := filepath.Join(t.TempDir(), "exec.json")
	w.MustBazel("clean")
	w.MustBazel("build", "--execution_log_json_file="+execLog, "//:api_check")
	if counts := SpawnsByMnemonic(t, execLog); counts["GoApiTools"] != 1 || counts["GoStdlib"] != 3 || counts["GoLink"] != 2 {
		t.Errorf("building //:api_check with 3 contexts: %d GoApiTools, %d GoStdlib and %d GoLink actions, want 1, 3 and 2",
			counts["GoApiTools"], counts["GoStdlib"], counts["GoLink"])
	}

	// A package with API on Windows only, checked on linux-amd64 and windows-amd64, from no
	// api.txt (an empty glob, which Bazel 8 rejects unless allowed): the check fails with the
	// update command, which writes the Windows line; the check passes; a second update changes
	// nothing.
	w.WriteFile("winonly/BUILD.bazel", `load("@io_bazel_rules_go//go:def.bzl", "go_library")
load("@rules_go_api//rules:defs.bzl", "go_api_test")

go_library(
    name = "winonly",
    srcs = [
        "doc.go",
        "handle_windows.go",
    ],
    importpath = "example.com/multiplatform/winonly",
)

go_api_test(
    name = "api_check",
    api = "api.txt",
    contexts = [
        "linux-amd64",
        "windows-amd64",
    ],
    library = ":winonly",
)
`)
	w.WriteFile("winonly/doc.go", "// Package winonly has API on Windows only.\npackage winonly\n")
	w.WriteFile("winonly/handle_windows.go", "package winonly\n\n// Handle returns a handle.\nfunc Handle() uintptr { return 0 }\n")
	const emptyGlob = "--incompatible_disallow_empty_glob"
	w.mustFail([]string{"api.txt does not exist yet", "bazel run //winonly:api_check.update"}, "test", emptyGlob, "//winonly:api_check")
	w.MustBazel("run", emptyGlob, "//winonly:api_check.update")
	const want = "pkg example.com/multiplatform/winonly (windows-amd64), func Handle() uintptr\n"
	if got := w.ReadFile("winonly/api.txt"); got != want {
		t.Errorf("winonly/api.txt:\n%s\nwant:\n%s", got, want)
	}
	w.MustBazel("test", emptyGlob, "//winonly:api_check")
	w.MustBazel("run", emptyGlob, "//winonly:api_check.update")
	if got := w.ReadFile("winonly/api.txt"); got != want {
		t.Errorf("a second update changed winonly/api.txt:\n%s", got)
	}

	// A Windows-only addition is reported for windows-amd64 only.
	w.Edit("paths_windows.go", "// VolumeName returns", "// IsUNC reports whether path is a UNC path.\nfunc IsUNC(path string) bool { return false }\n\n// VolumeName returns")
	r := w.mustFail([]string{"verdict: compatible (a minor version)", "+ func IsUNC(string) bool  (windows-amd64)\n"}, "test", "//:api_check")
	if strings.Contains(r.Output, "+ func IsUNC(string) bool  (linux-amd64)") {
		t.Errorf("IsUNC reported for linux:\n%s", r.Output)
	}
}

func TestGoModeExample(t *testing.T) {
	w := NewWorkspace(t, "goapi")
	w.MustBazel("test", "//...")

	// A new feature lands in next/<proposal>.txt with its number.
	w.Edit("config.go", "// Validate reports", "// Clone copies c.\nfunc (c *Config) Clone() *Config { d := *c; return &d }\n\n// Validate reports")
	w.mustFail([]string{"+ method (*Config) Clone() *Config", "bazel run //:api_check.update"}, "test", "//:api_check")
	r := w.Bazel("run", "//:api_check.update")
	if r.ExitCode == 0 || !strings.Contains(r.Output, "needs the number of the proposal") {
		t.Errorf("update without a proposal number: exit %d\n%s", r.ExitCode, r.Output)
	}
	w.MustBazel("run", "//:api_check.update", "--", "-proposal", "4712")
	if got := w.ReadFile("api/next/4712.txt"); got != "pkg example.com/goapi, method (*Config) Clone() *Config #4712\n" {
		t.Errorf("api/next/4712.txt:\n%s", got)
	}
	w.MustBazel("test", "//:api_check")

	// A removal is refused until it is accepted into except.txt.
	w.Edit("config.go", "func (c *Config) Validate() error { return nil }", "func (c *Config) validate() error { return nil }")
	w.mustFail([]string{"- method (*Config) Validate() error"}, "test", "//:api_check")
	r = w.Bazel("run", "//:api_check.update", "--", "-proposal", "4713")
	if r.ExitCode == 0 || !strings.Contains(r.Output, "-except") {
		t.Errorf("update accepted a removal without -except: exit %d\n%s", r.ExitCode, r.Output)
	}
	w.MustBazel("run", "//:api_check.update", "--", "-except")
	if got := w.ReadFile("api/except.txt"); !strings.HasSuffix(got, "pkg example.com/goapi, method (*Config) Validate() error\n") {
		t.Errorf("api/except.txt:\n%s", got)
	}
	w.MustBazel("test", "//:api_check")
	buildAspect(w)
}

func TestBadInput(t *testing.T) {
	w := NewWorkspace(t, "basic")
	w.MustBazel("build", "//:api_check")

	api := w.ReadFile("api.txt")
	w.WriteFile("api.txt", strings.ReplaceAll(api, "\n", "\r\n"))
	w.mustFail([]string{"contains CRLFs"}, "test", "//:api_check")
	w.WriteFile("api.txt", api+"\n")
	w.mustFail([]string{"contains a blank line"}, "test", "//:api_check")
	if err := os.Remove(filepath.Join(w.Dir, "api.txt")); err != nil {
		t.Fatal(err)
	}
	w.mustFail([]string{"api.txt does not exist yet", "bazel run //:api_check.update"}, "test", "//:api_check")
	w.WriteFile("api.txt", api)

	// Each bad check in a package of its own: a check that fails at loading fails its package.
	bad := map[string]string{
		"not_go": `filegroup(
    name = "not_go",
    srcs = ["BUILD.bazel"],
)

go_api_test(
    name = "api_check",
    api = "api.txt",
    library = ":not_go",
)`,
		"unknown_context": `go_api_test(
    name = "api_check",
    api = "api.txt",
    contexts = ["linux-amd64", "windows-amd46"],
    library = "//:greeting",
)`,
		"foreign_cgo": `go_api_test(
    name = "api_check",
    api = "api.txt",
    contexts = ["darwin-arm64-cgo"],
    library = "//:greeting",
)`,
		"no_api": `go_api_test(
    name = "api_check",
    library = "//:greeting",
)`,
		"bad_baseline": `filegroup(
    name = "not_go",
    srcs = ["BUILD.bazel"],
)

go_api_test(
    name = "api_check",
    baseline = ":not_go",
    library = "//:greeting",
)`,
		"baseline_approval": `go_api_test(
    name = "api_check",
    approval = "all",
    baseline = "//:greeting",
    library = "//:greeting",
)`,
		// A file where a library belongs: Bazel's error names the attribute and the rule kind,
		// which must be what the user wrote.
		"file_library": `go_api_test(
    name = "api_check",
    api = "api.txt",
    library = "BUILD.bazel",
)`,
	}
	for pkg, rules := range bad {
		w.WriteFile(pkg+"/BUILD.bazel", "load(\"@rules_go_api//rules:defs.bzl\", \"go_api_test\")\n\n"+rules+"\n")
	}
	w.mustFail([]string{"//not_go:not_go is not a Go library"}, "build", "//not_go:api_check")
	// A go_test is visible in its own package only.
	w.WriteFile("BUILD.bazel", w.ReadFile("BUILD.bazel")+`
go_api_test(
    name = "test_target_check",
    api = "api.txt",
    library = ":greeting_test",
)
`)
	w.mustFail([]string{"//:greeting_test is a go_test, which nothing imports and which has no API: point the check at the go_library it uses"},
		"build", "//:test_target_check")
	w.mustFail([]string{`go_api_test api_check: unknown context "windows-amd46" (did you mean windows-amd64?)`}, "build", "//unknown_context:api_check")
	w.mustFail([]string{"context darwin-arm64-cgo needs a C toolchain for darwin/arm64"}, "build", "//foreign_cgo:api_check")
	w.mustFail([]string{"set exactly one of api (a snapshot file), api_dir (a Go-style API directory), baseline or baselines"}, "build", "//no_api:api_check")
	w.mustFail([]string{"//bad_baseline:not_go is not a Go library"}, "build", "//bad_baseline:api_check")
	w.mustFail([]string{"go_api_test api_check: approval is about API files, and a check against a baseline has none"}, "build", "//baseline_approval:api_check")
	r := w.mustFail([]string{"in library attribute of go_api_test rule //file_library:api_check"}, "build", "//file_library:api_check")
	if regexp.MustCompile(`\b_go_api_\w+`).MatchString(r.Output) || strings.Contains(r.Output, "libraries attribute") {
		t.Errorf("the error names private rule kinds or attributes:\n%s", r.Output)
	}
}

// buildAspect runs the documented command-line use of the aspect over the whole workspace.
func buildAspect(w *Workspace) {
	w.t.Helper()
	w.MustBazel("build", "//...", "--aspects=@rules_go_api//rules:defs.bzl%go_api_aspect", "--output_groups=go_api_features")
}

// TestAspectFromCommandLine runs the aspect over a whole workspace without any go_api_test.
func TestAspectFromCommandLine(t *testing.T) {
	w := NewWorkspace(t, "multiplatform")
	buildAspect(w)
	data, err := os.ReadFile(filepath.Join(w.Dir, "bazel-bin", "paths.go_api.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if !slices.Contains(lines, "pkg example.com/multiplatform, const ProcSelf ideal-string") {
		t.Errorf("host features lack the linux-only constant:\n%s", data)
	}
}

// TestCgoContext checks the host's cgo context, built with the host's C toolchain (rules_go's
// <goos>_<goarch>_cgo platform): the library's API is the same as in its pure context.
func TestCgoContext(t *testing.T) {
	w := NewWorkspace(t, "basic")
	w.WriteFile("cgo/BUILD.bazel", `load("@rules_go_api//rules:defs.bzl", "go_api_test")

go_api_test(
    name = "api_check",
    api = "api.txt",
    contexts = ["linux-amd64-cgo"],
    library = "//:greeting",
)
`)
	w.WriteFile("cgo/api.txt", w.ReadFile("api.txt"))
	w.WriteFile("cgo/api.facts", w.ReadFile("api.facts"))
	w.MustBazel("test", "//cgo:api_check")
	// The files are the example's, written for linux-amd64; one context against a file of one
	// context is compared.
	features, facts, _ := splitFacts(w.ReadFile("bazel-bin/cgo/api_check.go_api/linux-amd64-cgo.txt"), "linux-amd64")
	if features != w.ReadFile("api.txt") || facts != w.ReadFile("api.facts") {
		t.Errorf("cgo context features or facts differ from api.txt and api.facts:\n%s%s", features, facts)
	}
}
