package deprecated

import (
	"go/token"
	"os"
	"path/filepath"
	"testing"
)

const src = `package p

// Deprecated: use G.
func F() {}

func G() {}

// Doc.
//
// Deprecated: the group.
var (
	A, B int
)

type T struct {
	// Deprecated: a field.
	X int
	// Deprecated: embedded.
	*E
	Y int // Deprecated: trailing comments do not count.
}

type E struct{}

type I interface {
	// Deprecated: a method.
	M()
}

/* Deprecated: block comments do not count. */
func H() {}

//Deprecated: needs the space.
func J() {}
`

func TestScan(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a", "p.go")
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := ParseFiles([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line int
		name string
		want bool
	}{
		{4, "F", true}, {6, "G", false},
		{12, "A", true}, {12, "B", true},
		{17, "X", true}, {19, "E", true}, {20, "Y", false},
		{27, "M", true},
		{31, "H", false}, {34, "J", false},
		{4, "G", false}, // right line, wrong name
	} {
		// Export data spells file names its own way; only the base name and line must agree.
		for _, file := range []string{path, "$GOROOT/src/a/p.go", "bazel-out/k8/bin/a/p.go", "p.go"} {
			got := s.Contains(token.Position{Filename: file, Line: tc.line}, tc.name)
			if got != tc.want {
				t.Errorf("Contains(%s:%d, %s) = %v, want %v", file, tc.line, tc.name, got, tc.want)
			}
		}
	}
	if s.Contains(token.Position{Filename: "other.go", Line: 4}, "F") {
		t.Error("a mark matched another file")
	}
	if !s.HasFile("x/y/p.go") || s.HasFile("q.go") {
		t.Error("HasFile")
	}
}

// TestSameBaseName covers two source files with the same base name in different directories
// (possible with generated sources): the longest common path suffix decides.
func TestSameBaseName(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a", "x.go")
	b := filepath.Join(dir, "b", "x.go")
	os.MkdirAll(filepath.Dir(a), 0o755)
	os.MkdirAll(filepath.Dir(b), 0o755)
	os.WriteFile(a, []byte("package p\n\n// Deprecated: in a.\nfunc F() {}\n"), 0o644)
	os.WriteFile(b, []byte("package p\n\n// Not deprecated in b.\nfunc F() {}\n"), 0o644)
	s, err := ParseFiles([]string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Contains(token.Position{Filename: "out/a/x.go", Line: 4}, "F") {
		t.Error("a/x.go's mark not found")
	}
	if s.Contains(token.Position{Filename: "out/b/x.go", Line: 4}, "F") {
		t.Error("a/x.go's mark applied to b/x.go")
	}
}

func TestParseErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.go")
	os.WriteFile(bad, []byte("package p\nfunc {\n"), 0o644)
	if _, err := ParseFiles([]string{bad}); err == nil {
		t.Error("syntax error accepted")
	}
	if _, err := ParseFiles([]string{filepath.Join(dir, "missing.go")}); err == nil {
		t.Error("missing file accepted")
	}
	var nilSet *Set
	if nilSet.Contains(token.Position{Filename: "p.go", Line: 1}, "F") || nilSet.HasFile("p.go") {
		t.Error("nil set not empty")
	}
}
