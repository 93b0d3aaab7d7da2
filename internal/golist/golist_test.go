package golist

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

func TestEnvironKeepsOtherSettings(t *testing.T) {
	envFile := filepath.Join(t.TempDir(), "env")
	if err := os.WriteFile(envFile, []byte("GOFLAGS=-tags=foo\nGOPRIVATE=example.com/private\nGONOSUMDB=set.by.env\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOENV", envFile)
	t.Setenv("GONOSUMDB", "from.environment")
	env := Environ()
	if !slices.Contains(env, "GOPRIVATE=example.com/private") || slices.Contains(env, "GOFLAGS=-tags=foo") ||
		slices.Contains(env, "GONOSUMDB=set.by.env") || env[len(env)-1] != "GOENV=off" {
		t.Errorf("Environ() = %q", env[len(env)-4:])
	}
}

// TestListErrors checks that go list's failures are one line each (a package that fails to build
// is pkgapi's to report).
func TestListErrors(t *testing.T) {
	dir := t.TempDir()
	testbin.WriteTree(t, dir, map[string]string{
		"go.mod":       "module example.com/m\n\ngo 1.21\n",
		"p/p.go":       "package p\n",
		"empty/README": "no Go files\n",
	})
	for _, tc := range []struct {
		name     string
		cfg      Config
		patterns []string
		want     string
	}{
		{"no match", Config{Dir: dir}, []string{"./empty/..."}, `go list: warning: "./empty/..." matched no packages`},
		{"one of two matches nothing", Config{Dir: dir}, []string{"./p", "./empty/..."}, `matched no packages`},
		{"bad GOOS", Config{Dir: dir, GOOS: "plan10"}, []string{"./p"}, "go list ./p: go: unsupported GOOS/GOARCH pair plan10/" + runtime.GOARCH},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := List(tc.cfg, tc.patterns)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "exit status") || strings.Contains(err.Error(), "\n") {
				t.Errorf("got %v, want one line containing %q", err, tc.want)
			}
		})
	}
}
