package bazel_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// rulesDocBaseline returns the two fenced blocks of docs/rules.md's section on baselines: the
// MODULE.bazel lines that fetch the published version, and the check.
func rulesDocBaseline(t *testing.T) (module, check string) {
	t.Helper()
	doc := readRepoFile(t, "docs/rules.md")
	start := strings.Index(doc, "\n## Checking against a published version")
	if start < 0 {
		t.Fatal(`docs/rules.md has no "## Checking against a published version" section`)
	}
	sectionText := doc[start+1:]
	if end := strings.Index(sectionText, "\n## "); end >= 0 {
		sectionText = sectionText[:end]
	}
	blocks := regexp.MustCompile("(?s)```starlark\n(.*?)```").FindAllStringSubmatch(sectionText, -1)
	if len(blocks) != 2 {
		t.Fatalf("docs/rules.md's baseline section has %d starlark blocks, want 2 (MODULE.bazel, BUILD.bazel)", len(blocks))
	}
	return blocks[0][1], blocks[1][1]
}

// TestBaseline follows docs/rules.md's baseline set-up on real releases from the module proxy,
// whose truth dev/anchor decided by compiling clients with the go command:
//   - a module author's release: the working tree is github.com/cenkalti/backoff/v4 v4.3.0 (its
//     sources as a library of the workspace), the baseline v4.2.1 from a go_repository, in three
//     contexts. v4.3.0 made NewExponentialBackOff variadic, which breaks a client: the check
//     fails with that proof.
//   - a dependency upgrade: github.com/google/uuid v1.6.0 (go_deps, as go.mod requires it)
//     against v1.5.0 (a go_repository): v1.6.0 added var Max, compatible: the check passes and
//     its log says what was added.
//
// Gazelle leaves both checks alone and lists them in the suite, whose update passes over them;
// a baseline check's own update says it has nothing to write.
func TestBaseline(t *testing.T) {
	module, check := rulesDocBaseline(t)
	w := NewWorkspace(t, "gazelle")
	// The example names Gazelle's repository as WORKSPACE did.
	module = strings.ReplaceAll(module, "@gazelle//", "@bazel_gazelle//")
	module += `
go_repository(
    name = "uuid_v1_5_0",
    importpath = "github.com/google/uuid",
    sum = "` + uuidSum15 + `",
    version = "v1.5.0",
)
`
	w.WriteFile("MODULE.bazel", w.ReadFile("MODULE.bazel")+"\n"+module)

	// The author's working tree: backoff v4.3.0's sources, from the module cache.
	dir := goModDownload(t, "github.com/cenkalti/backoff/v4@v4.3.0")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			w.WriteFile("backoff/"+e.Name(), string(data))
		}
	}
	w.WriteFile("backoff/BUILD.bazel", `load("@io_bazel_rules_go//go:def.bzl", "go_library")
load("@rules_go_api//rules:defs.bzl", "go_api_test")

# gazelle:prefix github.com/cenkalti/backoff/v4

go_library(
    name = "backoff",
    srcs = glob(["*.go"]),
    importpath = "github.com/cenkalti/backoff/v4",
    visibility = ["//visibility:public"],
)
`+check)
	w.WriteFile("third_party/uuid/BUILD.bazel", w.ReadFile("third_party/uuid/BUILD.bazel")+`
# The upgrade from v1.5.0 to the version go.mod requires.
go_api_test(
    name = "upgrade_check",
    baseline = "@uuid_v1_5_0//:uuid",
    library = "@com_github_google_uuid//:uuid",
)
`)

	w.MustBazel("run", "//:gazelle")
	if got := w.ReadFile("BUILD.bazel"); !strings.Contains(got, `"//backoff:release_check"`) || !strings.Contains(got, `"//third_party/uuid:upgrade_check"`) {
		t.Errorf("gazelle did not list the baseline checks in the suite:\n%s", got)
	}
	if got := w.ReadFile("backoff/BUILD.bazel"); !strings.Contains(got, check) || strings.Contains(got, `name = "api_check"`) {
		t.Errorf("gazelle changed the baseline check, or added an api_check:\n%s", got)
	}

	r := w.mustFail([]string{
		"API check FAILED: 3 contexts against the baseline @backoff_v4_2_1//:backoff",
		"Breaking (code that compiled against @backoff_v4_2_1//:backoff no longer compiles):",
		"      - func NewExponentialBackOff() *ExponentialBackOff\n      + func NewExponentialBackOff(...ExponentialBackOffOpts) *ExponentialBackOff\n",
		"      proof: this program compiled against @backoff_v4_2_1//:backoff and does not compile now:",
		"var _ func() *backoff.ExponentialBackOff = backoff.NewExponentialBackOff",
		"A check against a baseline has nothing to accept",
	}, "test", "//backoff:release_check")
	if strings.Contains(r.Output, "accept it with") {
		t.Errorf("a baseline check printed an update command:\n%s", r.Output)
	}
	if xml := w.ReadFile("bazel-testlogs/backoff/release_check/test.xml"); !strings.Contains(xml, "differs from @backoff_v4_2_1//:backoff: breaking") {
		t.Errorf("test.xml of the failed baseline check has no breaking failure:\n%s", xml)
	}

	w.MustBazel("test", "//third_party/uuid:upgrade_check")
	log := w.ReadFile("bazel-testlogs/third_party/uuid/upgrade_check/test.log")
	for _, want := range []string{"API check OK: 1 context against the baseline @uuid_v1_5_0//:uuid", "+ var Max UUID"} {
		if !strings.Contains(log, want) {
			t.Errorf("the upgrade check's log lacks %q:\n%s", want, log)
		}
	}

	r = w.Bazel("run", "//backoff:release_check.update")
	if r.ExitCode == 0 || !strings.Contains(r.Output, "//backoff:release_check.update: nothing to write: this check compares with the baseline @backoff_v4_2_1//:backoff, a build target, not with API files") {
		t.Errorf("the baseline check's update: exit status %d, want a failure saying it has nothing to write:\n%s", r.ExitCode, r.Output)
	}
	r = w.MustBazel("run", "//:api_checks.update")
	for _, want := range []string{
		"  //backoff:release_check: nothing to write (compares with @backoff_v4_2_1//:backoff)",
		"  //third_party/uuid:upgrade_check: nothing to write (compares with @uuid_v1_5_0//:uuid)",
		", 2 against a baseline (nothing to write)",
	} {
		if !strings.Contains(r.Output, want) {
			t.Errorf("bazel run //:api_checks.update: output lacks %q:\n%s", want, r.Output)
		}
	}
}

// goModDownload fetches a module version into the module cache (go mod download, the module
// proxy) and returns its directory; without the proxy the test fails, saying so.
func goModDownload(t *testing.T, modVersion string) string {
	t.Helper()
	cmd := exec.Command("go", "mod", "download", "-json", modVersion)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	data, err := cmd.CombinedOutput()
	out := string(data)
	if err != nil {
		t.Fatalf("this test needs the module proxy to fetch %s: go mod download: %v\n%s", modVersion, err, out)
	}
	m := regexp.MustCompile(`"Dir": "([^"]+)"`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("go mod download -json %s printed no directory:\n%s", modVersion, out)
	}
	return m[1]
}
