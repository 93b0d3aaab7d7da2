package main

import (
	"bytes"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/apicheck"
	"github.com/rules-go-api/rules_go_api/internal/apifile"
	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/contexts"
	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txt (review the diff by hand!)")

// featgen runs the command in-process and returns its output lines.
func featgen(t *testing.T, args ...string) []string {
	t.Helper()
	var out bytes.Buffer
	if err := run(args, &out); err != nil {
		t.Fatalf("featgen %s: %v", strings.Join(args, " "), err)
	}
	if out.Len() == 0 {
		return nil
	}
	if !bytes.HasSuffix(out.Bytes(), []byte("\n")) {
		t.Fatalf("featgen %s: output does not end in a newline", strings.Join(args, " "))
	}
	return strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
}

// diffSets reports the lines only in want ("-", missing) and only in got
// ("+", unexpected), at most 20 of each.
func diffSets(t *testing.T, what string, got, want []string) {
	t.Helper()
	gotSet, wantSet := make(map[string]bool), make(map[string]bool)
	for _, l := range got {
		gotSet[l] = true
	}
	for _, l := range want {
		wantSet[l] = true
	}
	var missing, extra []string
	for _, l := range want {
		if !gotSet[l] {
			missing = append(missing, "-"+l)
		}
	}
	for _, l := range got {
		if !wantSet[l] {
			extra = append(extra, "+"+l)
		}
	}
	if len(missing)+len(extra) == 0 {
		return
	}
	trim := func(l []string) []string { return l[:min(len(l), 20)] }
	t.Errorf("%s: %d missing, %d unexpected:\n%s\n%s", what, len(missing), len(extra),
		strings.Join(trim(missing), "\n"), strings.Join(trim(extra), "\n"))
}

// TestGolden checks featgen on the test module against the hand-reviewed
// golden file: every emission rule of cmd/api has a case there.
// withoutFacts returns featgen's output lines without its facts (apiformat.FactLine lines) and
// declarations records (apiformat.DeclLine lines),
// which cmd/api does not print: what is left is to match cmd/api's output. The facts have their
// own tests (internal/features).
func withoutFacts(lines []string) []string {
	return slices.DeleteFunc(lines, func(l string) bool {
		_, isFact := apiformat.ParseFactLine(l)
		_, _, isDecl, _ := apiformat.ParseDeclLine(l)
		return isFact || isDecl
	})
}

func TestGolden(t *testing.T) {
	got := withoutFacts(featgen(t, "-C", "testdata/mod", "./..."))
	if *update {
		if err := os.WriteFile("testdata/golden.txt", []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	if g := strings.Join(got, "\n") + "\n"; g != string(want) {
		diffSets(t, "featgen ./... vs testdata/golden.txt", got, strings.Split(strings.TrimSuffix(string(want), "\n"), "\n"))
		if !t.Failed() {
			t.Errorf("same lines, different bytes (order?)")
		}
	}
}

// TestCmdAPIGoldens runs featgen over the test packages of cmd/api itself
// and compares with cmd/api's golden files. cmd/api type-checks these
// packages without function bodies, some of which are missing or
// incomplete, so a copy with every body replaced by a panic is compiled:
// bodies are never part of an API.
func TestCmdAPIGoldens(t *testing.T) {
	src := filepath.Join(testbin.GOROOT(t), "src", "cmd", "api", "testdata", "src", "pkg")
	gopath := t.TempDir()
	dirs, err := os.ReadDir(src)
	if err != nil {
		t.Fatalf("cmd/api test data not found: %v", err)
	}
	var pkgs []string
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		pkgs = append(pkgs, d.Name())
		files, _ := filepath.Glob(filepath.Join(src, d.Name(), "*.go"))
		for _, f := range files {
			writeWithoutBodies(t, f, filepath.Join(gopath, "src", d.Name(), filepath.Base(f)))
		}
	}
	if len(pkgs) < 4 {
		t.Fatalf("found only %d cmd/api test packages in %s", len(pkgs), src)
	}
	t.Setenv("GO111MODULE", "off")
	t.Setenv("GOPATH", gopath)
	for _, p := range pkgs {
		t.Run(p, func(t *testing.T) {
			got := withoutFacts(featgen(t, "-C", filepath.Join(gopath, "src"), p))
			golden, err := os.ReadFile(filepath.Join(src, p, "golden.txt"))
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Split(strings.TrimSpace(string(golden)), "\n")
			diffSets(t, p, got, want)
		})
	}
}

func writeWithoutBodies(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, from, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	// Edit the text from the end, so that comments stay where they are.
	const body = "{ panic(nil) }"
	for i := len(f.Decls) - 1; i >= 0; i-- {
		fn, ok := f.Decls[i].(*ast.FuncDecl)
		if !ok {
			continue
		}
		if fn.Body == nil {
			at := fset.Position(fn.End()).Offset
			src = slices.Concat(src[:at], []byte(" "+body), src[at:])
			continue
		}
		start, end := fset.Position(fn.Body.Lbrace).Offset, fset.Position(fn.Body.Rbrace).Offset+1
		src = slices.Concat(src[:start], []byte(body), src[end:])
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, src, 0o644); err != nil {
		t.Fatal(err)
	}
}

// goAPI returns, for one context, what $GOROOT/api states about the standard
// library: the required features (go1*.txt projected onto ctx, approvals
// stripped) and the exceptions (except.txt projected the same way).
func goAPI(t *testing.T, ctx string) (required, except []string) {
	t.Helper()
	dir, err := apifile.ReadDir(filepath.Join(testbin.GOROOT(t), "api"), apifile.ApprovalGo)
	if err != nil {
		t.Fatal(err)
	}
	if len(dir.Problems) > 0 {
		t.Fatalf("problems in Go's own API files: %v", dir.Problems)
	}
	var req []string
	for _, l := range dir.Required {
		if strings.HasPrefix(l.File, "go1") {
			req = append(req, l.Feature)
		}
	}
	return apicheck.Project(req, ctx), apicheck.Project(apiformat.Features(dir.Except), ctx)
}

// TestStdMatchesGoAPIFiles is the oracle test: featgen's view of the
// standard library, for each context, must be what Go's own API files say,
// in both directions, under cmd/api's rules (a feature listed in except.txt
// may be missing; every feature generated must be listed).
func TestStdMatchesGoAPIFiles(t *testing.T) {
	for _, name := range []string{"linux-amd64", "windows-amd64", "darwin-arm64", "linux-amd64-cgo"} {
		c, err := contexts.Parse(name)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(c.Name, func(t *testing.T) {
			if c.Cgo && (runtime.GOOS != c.GOOS || runtime.GOARCH != c.GOARCH) {
				t.Fatalf("context %s needs a native C toolchain; run this test on %s/%s", c.Name, c.GOOS, c.GOARCH)
			}
			got := withoutFacts(featgen(t, append(c.FeatgenFlags(), "std")...))
			required, except := goAPI(t, c.Name)
			isExcept := make(map[string]bool)
			for _, e := range except {
				isExcept[e] = true
			}
			generated := make(map[string]bool)
			for _, g := range got {
				generated[g] = true
			}
			var want []string
			for _, r := range required {
				if !isExcept[r] || generated[r] {
					want = append(want, r)
				}
			}
			diffSets(t, "featgen std vs $GOROOT/api for "+c.Name, got, want)
			if len(got) < 10000 {
				t.Errorf("only %d features for std", len(got))
			}
		})
	}
}
