// Package testbin builds the project's commands for tests that run them as processes (to see
// their exit status, stderr and crashes), once per test binary, and removes them when the tests
// end.
package testbin

import (
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	mu    sync.Mutex
	built = make(map[string]*result)
	dirs  []string
)

type result struct {
	once sync.Once
	path string
	err  error
}

// Build builds the main package with import path pkg and returns the executable's path. Later
// calls for the same package return the same executable.
func Build(pkg string) (string, error) {
	mu.Lock()
	r := built[pkg]
	if r == nil {
		r = new(result)
		built[pkg] = r
	}
	mu.Unlock()
	r.once.Do(func() {
		dir, err := os.MkdirTemp("", "testbin-"+path.Base(pkg))
		if err != nil {
			r.err = err
			return
		}
		mu.Lock()
		dirs = append(dirs, dir)
		mu.Unlock()
		r.path = filepath.Join(dir, path.Base(pkg))
		if out, err := exec.Command("go", "build", "-o", r.path, pkg).CombinedOutput(); err != nil {
			r.err = fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	})
	return r.path, r.err
}

// Main runs the tests and removes what Build built. Use it as a package's TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(testbin.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	mu.Lock()
	defer mu.Unlock()
	for _, d := range dirs {
		os.RemoveAll(d)
	}
	return code
}

// WriteTree writes files (slash-separated path relative to dir -> contents) under dir, making
// the directories they need: a module or workspace for a test to run a tool on.
func WriteTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// GOROOT returns the go command's GOROOT, whose api/ files and sources the oracle tests compare
// with.
func GOROOT(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// Export compiles the package pkg (a pattern such as "fmt" or "./p", resolved in dir; "" for the
// current directory) with the go command and returns its export data file.
func Export(t testing.TB, dir, pkg string) string {
	t.Helper()
	cmd := exec.Command("go", "list", "-export", "-f", "{{.Export}}", pkg)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -export %s: %v", pkg, err)
	}
	return strings.TrimSpace(string(out))
}
