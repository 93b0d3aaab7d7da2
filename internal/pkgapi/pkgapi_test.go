package pkgapi

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/apidecl"
	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/golist"
	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// module writes a small module and returns its directory. Package p has F
// everywhere and Tagged only with the build tag foo.
func module(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":          "module example.com/m\n\ngo 1.21\n",
		"p/p.go":          "package p\n\nfunc F() {}\n",
		"p/tagged.go":     "//go:build foo\n\npackage p\n\nfunc Tagged() {}\n",
		"internal/i/i.go": "package i\n\nfunc I() {}\n",
		"cmd/c/main.go":   "package main\n\nfunc main() {}\n",
		"empty/README":    "no Go files\n",
	}
	testbin.WriteTree(t, dir, files)
	return dir
}

func listFeatures(t *testing.T, cfg golist.Config, patterns ...string) []string {
	t.Helper()
	pkgs, err := golist.List(cfg, patterns)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := Listed(pkgs)
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

func TestFeaturesSelectsAPIPackages(t *testing.T) {
	dir := module(t)
	got := listFeatures(t, golist.Config{Dir: dir}, "./...")
	record := apidecl.Header + "\n// package example.com/m/p\npackage p\n\nfunc F() { panic(0) }\n"
	if want := []string{apiformat.DeclLine("example.com/m/p", []byte(record)), "pkg example.com/m/p, func F()"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q (no internal, no main package)", got, want)
	}
}

// TestBuildSettingsIgnored sets GOFLAGS=-tags=foo in the environment and in
// the go env file: neither may change the API.
func TestBuildSettingsIgnored(t *testing.T) {
	dir := module(t)
	envFile := filepath.Join(t.TempDir(), "env")
	if err := os.WriteFile(envFile, []byte("GOFLAGS=-tags=foo\nGOEXPERIMENT=\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOENV", envFile)
	if got := listFeatures(t, golist.Config{Dir: dir}, "./p"); slices.Contains(got, "pkg example.com/m/p, func Tagged()") {
		t.Errorf("the go env file's GOFLAGS applied: %q", got)
	}
	t.Setenv("GOFLAGS", "-tags=foo")
	if got := listFeatures(t, golist.Config{Dir: dir}, "./p"); slices.Contains(got, "pkg example.com/m/p, func Tagged()") {
		t.Errorf("the environment's GOFLAGS applied: %q", got)
	}
}

func TestListErrors(t *testing.T) {
	dir := module(t)
	for _, tc := range []struct {
		name     string
		cfg      golist.Config
		patterns []string
		want     string
	}{
		{"no match", golist.Config{Dir: dir}, []string{"./empty/..."}, `go list: warning: "./empty/..." matched no packages`},
		{"one of two matches nothing", golist.Config{Dir: dir}, []string{"./p", "./empty/..."}, `matched no packages`},
		{"no such directory", golist.Config{Dir: dir}, []string{"./nothing/..."}, `lstat ./nothing/: no such file or directory`},
		{"bad GOOS", golist.Config{Dir: dir, GOOS: "plan10"}, []string{"./p"}, "go list ./p: go: unsupported GOOS/GOARCH pair plan10/" + runtime.GOARCH},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pkgs, err := golist.List(tc.cfg, tc.patterns)
			if err == nil {
				_, err = Listed(pkgs)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "exit status") || strings.Contains(err.Error(), "\n") {
				t.Errorf("got %v, want one line containing %q", err, tc.want)
			}
		})
	}
}

// TestListFeaturesSharesWork checks that the contexts of one run, which share deprecation marks
// and reuse the features of export data they have in common, print exactly what each context
// prints alone. (Four of the contexts are those the apidiff tests build std for, so their export
// data is usually in the Go build cache already.)
func TestListFeaturesSharesWork(t *testing.T) {
	if testing.Short() {
		t.Skip("lists std in five contexts")
	}
	cfgs := []golist.Config{
		{GOOS: "linux", GOARCH: "amd64"},
		{GOOS: "windows", GOARCH: "amd64"},
		{GOOS: "darwin", GOARCH: "arm64"},
		{GOOS: "linux", GOARCH: "amd64", Cgo: true},
		// The same files as linux-amd64, compiled to different export data: math.MaxInt differs.
		{GOOS: "linux", GOARCH: "386"},
	}
	shared := NewShared()
	got, err := Contexts(cfgs, []string{"std"}, shared)
	if err != nil {
		t.Fatal(err)
	}
	if shared.reusedCount() == 0 {
		t.Error("no package's features were reused between contexts")
	}
	t.Logf("features of %d packages reused from another context", shared.reusedCount())
	for i, cfg := range cfgs {
		want := listFeatures(t, cfg, "std")
		if !slices.Equal(got[i], want) {
			t.Errorf("%s: shared run printed %d features, alone %d; first difference: %s",
				cfg, len(got[i]), len(want), firstDifference(got[i], want))
		}
		if !slices.Contains(want, "pkg errors, func New(string) error") {
			t.Errorf("%s: std features lack errors.New", cfg)
		}
	}
}

// firstDifference returns the first line in one sorted list but not the other.
func firstDifference(a, b []string) string {
	for i := 0; i < len(a) || i < len(b); i++ {
		switch {
		case i >= len(a):
			return "+" + b[i]
		case i >= len(b):
			return "-" + a[i]
		case a[i] != b[i]:
			return "-" + a[i] + " / +" + b[i]
		}
	}
	return "none"
}

// TestListFeaturesError checks that a failing context names itself.
func TestListFeaturesError(t *testing.T) {
	dir := module(t)
	_, err := Contexts([]golist.Config{{Dir: dir, GOOS: "linux", GOARCH: "amd64"}, {Dir: dir, GOOS: "windows", GOARCH: "amd64"}},
		[]string{"./nonexistent/..."}, nil)
	if err == nil || !strings.HasPrefix(err.Error(), "linux-amd64: ") {
		t.Errorf("err = %v, want the first context's error, prefixed with its name", err)
	}
}
