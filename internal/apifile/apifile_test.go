package apifile

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name     string
		data     string
		opt      Options
		features []string
		problems []string
	}{
		{name: "plain", data: "pkg p, func F()\n# a comment\n  pkg p, func G()  \n",
			features: []string{"pkg p, func F()", "pkg p, func G()"}},
		{name: "aliases rewritten", data: "pkg os, func Stat(string) (os.FileInfo, error)\n",
			features: []string{"pkg os, func Stat(string) (fs.FileInfo, error)"}},
		{name: "approvals", data: "pkg p, func F() #12345\npkg p, func G()#7\n", opt: Options{NeedApproval: true},
			features: []string{"pkg p, func F()", "pkg p, func G()"}},
		{name: "empty", data: "", problems: []string{"f.txt: empty file"}},
		{name: "CRLF", data: "pkg p, func F()\r\n", features: []string{"pkg p, func F()"},
			problems: []string{"f.txt: contains CRLFs (use \\n line endings)"}},
		{name: "blank line", data: "pkg p, func F()\n\npkg p, func G()\n", features: []string{"pkg p, func F()", "pkg p, func G()"},
			problems: []string{"f.txt: contains a blank line"}},
		{name: "leading blank line", data: "\npkg p, func F()\n", features: []string{"pkg p, func F()"},
			problems: []string{"f.txt: contains a blank line"}},
		{name: "blank allowed", data: "pkg p, func F()\n\n", opt: Options{AllowBlank: true}, features: []string{"pkg p, func F()"}},
		{name: "no final newline", data: "pkg p, func F()", features: []string{"pkg p, func F()"},
			problems: []string{"f.txt: missing final newline"}},
		{name: "missing approval", data: "pkg p, func F()\n", opt: Options{NeedApproval: true},
			problems: []string{`f.txt:1: missing proposal approval (end the line with " #<proposal number>")`}},
		{name: "malformed approval", data: "pkg p, func F() #x12\n", opt: Options{NeedApproval: true},
			problems: []string{`f.txt:1: malformed proposal approval #x12 (want " #<proposal number>")`}},
		{name: "hash in constants", data: "pkg p, const Hash = \"#\" #12\npkg p, const Sep = \" # 12\" #13\npkg p, const N = \"#5\" #14\n",
			opt:      Options{NeedApproval: true},
			features: []string{`pkg p, const Hash = "#"`, `pkg p, const Sep = " # 12"`, `pkg p, const N = "#5"`}},
		{name: "hash in constants without approvals", data: "pkg p, const Hash = \"#\"\npkg p, const Sep = \" # 12\"\n",
			features: []string{`pkg p, const Hash = "#"`, `pkg p, const Sep = " # 12"`}},
		{name: "unexpected approval", data: "pkg p, func F()\npkg p, func G() #123\n", features: []string{"pkg p, func F()"},
			problems: []string{`f.txt:2: unexpected approval #123 (this file takes no " #<proposal>" suffixes)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, problems := Parse("f.txt", []byte(tc.data), tc.opt)
			if got := Features(lines); !slices.Equal(got, tc.features) && len(got)+len(tc.features) > 0 {
				t.Errorf("features %q, want %q", got, tc.features)
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if !slices.Equal(got, tc.problems) {
				t.Errorf("problems %q, want %q", got, tc.problems)
			}
		})
	}
}

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
	if d, err := ReadDir(dir, ApprovalGo); err != nil || d.HasAPI() {
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
	if got := Features(d.Except); !slices.Equal(got, []string{"pkg p, func Old()"}) {
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
	if got := Features(d.Required); len(got) != 1 || got[0] != "pkg p, func Bracketed()" {
		t.Errorf("read %q", got)
	}
}
