package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// moduleFeaturesFile writes a module with package example.com/m/p of the source src, runs the
// real featgen over it for linux-amd64 and returns the -features flag of its output.
func moduleFeaturesFile(t *testing.T, src string) string {
	t.Helper()
	featgen, err := buildFeatgen()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	testbin.WriteTree(t, dir, map[string]string{"go.mod": "module example.com/m\n\ngo 1.23\n", "p/p.go": "package p\n\n" + src})
	cmd := exec.Command(featgen, "-goos", "linux", "-goarch", "amd64", "-o", filepath.Join(dir, "features.txt"), "./...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("featgen: %v\n%s", err, out)
	}
	return "linux-amd64=" + filepath.Join(dir, "features.txt")
}

// TestProofsVerified: with declarations beside the API files, the compiler decides
// (internal/clients) and every proof is a client that compiled against the old record and fails
// against the new. The changes are two: a func removed, and an untyped float constant 3.5 ->
// 3.8, whose proof compares it with exactly 3.5 (7.0 / 2.0; the rules' proof, p.C == 7/2, was
// false: 7/2 is the integer 3). Without the declarations file the rules decide and print their
// proofs, said not type-checked. The expected lines are written by hand.
func TestProofsVerified(t *testing.T) {
	before := moduleFeaturesFile(t, "const C = 3.5\n\nfunc F() {}\n\nfunc G(a int) {}\n")
	api := filepath.Join(t.TempDir(), "api.txt")
	if code, out, errOut := apidiff("update", "-api", api, "-features", before); code != 0 {
		t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
	}
	decl := filepath.Join(filepath.Dir(api), "api.decl")
	wantDecl := "// rules_go_api API declarations; not a Go file: see docs/format.md\n" +
		"// contexts linux-amd64\n" +
		"// package example.com/m/p\n" +
		"package p\n\nconst C = 7.0 / 2\n\nfunc F() { panic(0) }\n\nfunc G(a int) { panic(0) }\n"
	if got, err := os.ReadFile(decl); err != nil || string(got) != wantDecl {
		t.Fatalf("api.decl: %v\n%s\nwant:\n%s", err, got, wantDecl)
	}

	after := moduleFeaturesFile(t, "const C = 3.8\n\nfunc G(a int) {}\n")
	code, out, _ := apidiff("check", "-api", api, "-features", after)
	for _, want := range []string{
		"verdict: breaking (a major version): 2 breaking changes\n",
		"    removed: a client that uses it no longer compiles: it is gone from the package; against the new API: undefined: p.F\n",
		"      proof: this program compiled against the API files and does not compile now:\n",
		"        var _ = p.F\n",
		"    constant_value_changed: ",
		"        var _ = map[bool]int{p.C == (7.0 / 2.0): 0, false: 1}\n",
	} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("check: exit %d, want 1 and %q in:\n%s", code, want, out)
		}
	}
	if strings.Contains(out, "p.C == 7/2") || strings.Contains(out, "not type-checked") || strings.Contains(out, "unproven") {
		t.Errorf("check printed the false proof, an unproven change, or said proofs were not checked:\n%s", out)
	}
	code, out, _ = apidiff("check", "-format", "json", "-api", api, "-features", after)
	if code != 1 || !strings.Contains(out, `"proofs_verified": true`) || !strings.Contains(out, `"unproven": 0`) {
		t.Errorf("check -format json: exit %d:\n%s", code, out)
	}

	// Without api.decl (API files written before records): today's proofs, said unchecked.
	saved, _ := os.ReadFile(decl)
	os.Remove(decl)
	code, out, _ = apidiff("check", "-api", api, "-features", after)
	for _, want := range []string{
		"verdict: breaking (a major version): 2 breaking changes\n",
		"  proofs: not type-checked: no declarations beside the API files or in the features (the next update writes them)\n",
		"        var _ = p.F\n",
		"p.C == 7/2",
	} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("check without api.decl: exit %d, want 1 and %q in:\n%s", code, want, out)
		}
	}
	if strings.Contains(out, "unproven") {
		t.Errorf("check without api.decl says unproven:\n%s", out)
	}

	// A change only the records see (a parameter's name): the update rewrites api.decl alone.
	os.WriteFile(decl, saved, 0o644)
	renamed := moduleFeaturesFile(t, "const C = 3.5\n\nfunc F() {}\n\nfunc G(b int) {}\n")
	txt, _ := os.ReadFile(api)
	facts, _ := os.ReadFile(filepath.Join(filepath.Dir(api), "api.facts"))
	code, out, errOut := apidiff("update", "-api", api, "-features", renamed)
	if want := "apidiff: " + api + " is up to date; wrote its declarations, " + decl + "\n"; code != 0 || out != want {
		t.Fatalf("update: exit %d, want %q:\n%s%s", code, want, out, errOut)
	}
	if got, _ := os.ReadFile(decl); string(got) != strings.Replace(wantDecl, "G(a int)", "G(b int)", 1) {
		t.Errorf("api.decl after the update:\n%s", got)
	}
	txt2, _ := os.ReadFile(api)
	facts2, _ := os.ReadFile(filepath.Join(filepath.Dir(api), "api.facts"))
	if string(txt) != string(txt2) || string(facts) != string(facts2) {
		t.Errorf("a declarations-only update changed the API file or the facts")
	}
	if code, out, _ := apidiff("check", "-api", api, "-features", renamed); code != 0 {
		t.Errorf("check after the update: exit %d\n%s", code, out)
	}
}
