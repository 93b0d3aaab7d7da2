package apifile

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
)

func TestGoReleaseApproval(t *testing.T) {
	for name, want := range map[string][2]bool{
		"go1.txt": {false, true}, "go1.18.txt": {false, true}, "go1.19.txt": {true, true},
		"go1.26.txt": {true, true}, "except.txt": {false, false}, "go1.x.txt": {false, false}, "mylib.txt": {false, false},
	} {
		need, ok := GoReleaseApproval(name)
		if need != want[0] || ok != want[1] {
			t.Errorf("%s: %v %v, want %v", name, need, ok, want)
		}
	}
}

func TestReadDir(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ReadDir(filepath.Join(dir, "missing"), ApprovalGo); err == nil {
		t.Error("missing directory accepted")
	}
	write("except.txt", "pkg p, func Old()\n")
	if d, err := ReadDir(dir, ApprovalGo); err != nil || HasAPI(d.Files) {
		t.Errorf("directory with only except.txt: %+v, %v", d, err)
	}
	write("go1.txt", "pkg p, func F()\n")
	write("go1.20.txt", "pkg p, func G() #1\n")
	write("next/99.txt", "pkg p, func H()\n")
	write("mylib.txt", "pkg p, func I()\n")
	d, err := ReadDir(dir, ApprovalGo)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"except.txt", "go1.20.txt", "go1.txt", "mylib.txt", "next/99.txt"}; !slices.Equal(d.Files, want) {
		t.Errorf("files %q, want %q", d.Files, want)
	}
	if len(d.Problems) != 1 || !strings.Contains(d.Problems[0].String(), "next/99.txt:1: missing proposal approval") {
		t.Errorf("problems %v", d.Problems)
	}
	if got := apiformat.Features(d.Except); !slices.Equal(got, []string{"pkg p, func Old()"}) {
		t.Errorf("except %q", got)
	}
	d, _ = ReadDir(dir, ApprovalNone)
	if len(d.Problems) != 1 || !strings.Contains(d.Problems[0].String(), "go1.20.txt:1: unexpected approval") {
		t.Errorf("policy none: %v", d.Problems)
	}
}

func TestReadDirPathWithGlobCharacters(t *testing.T) {
	parent := t.TempDir()
	for _, name := range []string{"api[1]", "api1"} {
		if err := os.MkdirAll(filepath.Join(parent, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(parent, "api[1]", "v1.txt"), []byte("pkg p, func Bracketed()\n"), 0o644)
	os.WriteFile(filepath.Join(parent, "api1", "v1.txt"), []byte("pkg p, func Plain()\n"), 0o644)
	d, err := ReadDir(filepath.Join(parent, "api[1]"), ApprovalNone)
	if err != nil {
		t.Fatal(err)
	}
	if got := apiformat.Features(d.Required); len(got) != 1 || got[0] != "pkg p, func Bracketed()" {
		t.Errorf("read %q", got)
	}
}
