// Package catalogue holds the cases that decide, by compiling, whether a change to a package's
// API breaks its importers: each case under testdata/ is an old and a new version of a small
// package p, the verdict a checker must give (breaking, compatible or none), the findings it must
// report (classes), and client programs. TestGroundTruth compiles every client against both
// versions with the go command: for a breaking case every client compiles against old and at
// least one, each client named break*.go, fails against new; for the others every client
// compiles against both. It is the truth the compatibility verdict is to be measured against.
// Each breaking case has, where one exists, a neighbour one step away that must not break.
//
// TestVerdict measures it: for each case it records the old version's API with featgen and
// apidiff update, checks the new version with apidiff check -format json, and wants the case's
// verdict and exactly its findings: the file classes holds them, one "<verdict> <object> <class>"
// a line (object "-" for the package itself), sorted, and is empty when no finding is wanted.
// Every proof the report prints must compile against the old version and fail against the new,
// a breaking case must print at least one, and no breaking finding may be unproven.
//
// A case may hold packages besides p (old/q/*.go is package example.com/cat/q), and a file
// "contexts" naming the build contexts to check (default linux-amd64); its clients and proofs
// are built for the first of them.
package catalogue

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/report"
	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// class is one change class of testdata/NAME: old/*.go and new/*.go (package p), clients *.go
// (package main, importing example.com/cat/p), verdict (one word), and classes (the findings
// the check must report, one "<verdict> <object> <class>" a line, sorted).
type class struct {
	name, dir, verdict string
	clients            []string
	contexts           []string
	findings           []string
}

func classes(t *testing.T) []class {
	t.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var cs []class
	for _, e := range entries {
		dir := filepath.Join("testdata", e.Name())
		verdict, err := os.ReadFile(filepath.Join(dir, "verdict"))
		if err != nil {
			t.Fatal(err)
		}
		clients, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(clients) == 0 {
			t.Fatalf("%s: no client programs", dir)
		}
		c := class{name: e.Name(), dir: dir, verdict: strings.TrimSpace(string(verdict)), clients: clients,
			contexts: []string{"linux-amd64"}}
		if data, err := os.ReadFile(filepath.Join(dir, "contexts")); err == nil {
			c.contexts = strings.Fields(string(data))
		}
		switch c.verdict {
		case "breaking", "compatible", "none":
		default:
			t.Fatalf("%s: verdict %q, want breaking, compatible or none", dir, c.verdict)
		}
		data, err := os.ReadFile(filepath.Join(dir, "classes"))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" {
				c.findings = append(c.findings, l)
			}
		}
		if !slices.IsSorted(c.findings) {
			t.Fatalf("%s: classes is not sorted", dir)
		}
		cs = append(cs, c)
	}
	return cs
}

// module writes a module example.com/cat holding the version (old or new) of the class's
// packages, and returns its directory.
func module(t *testing.T, c class, version string) string {
	t.Helper()
	mod := t.TempDir()
	write(t, filepath.Join(mod, "go.mod"), []byte("module example.com/cat\n\ngo 1.23\n"))
	root := filepath.Join(c.dir, version)
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if filepath.Dir(rel) == "." {
			rel = filepath.Join("p", rel)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		write(t, filepath.Join(mod, rel), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return mod
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// compiles reports whether client compiles against the version (old or new) of p in the class's
// directory, built for the class's first context, and the compiler's message when it does not.
func compiles(t *testing.T, c class, version, client string) (bool, string) {
	t.Helper()
	data, err := os.ReadFile(client)
	if err != nil {
		t.Fatal(err)
	}
	return compilesSource(t, c, version, data)
}

func compilesSource(t *testing.T, c class, version string, src []byte) (bool, string) {
	t.Helper()
	mod := module(t, c, version)
	write(t, filepath.Join(mod, "client", "main.go"), src)
	goos, goarch, _ := strings.Cut(c.contexts[0], "-")
	goarch, _, _ = strings.Cut(goarch, "-")
	cmd := exec.Command("go", "build", "-o", os.DevNull, "./client")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err != nil && !strings.Contains(string(out), ".go:") {
		t.Fatalf("go build did not run: %v\n%s", err, out)
	}
	return err == nil, string(out)
}

func TestGroundTruth(t *testing.T) {
	for _, c := range classes(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			broken := 0
			for _, client := range c.clients {
				if ok, msg := compiles(t, c, "old", client); !ok {
					t.Errorf("%s does not compile against the old version:\n%s", client, msg)
				}
				ok, msg := compiles(t, c, "new", client)
				wantBreak := strings.HasPrefix(filepath.Base(client), "break")
				switch {
				case wantBreak && c.verdict != "breaking":
					t.Errorf("%s: a break* client in a %s class", client, c.verdict)
				case wantBreak && ok:
					t.Errorf("%s compiles against the new version, but the class is breaking", client)
				case !wantBreak && !ok:
					t.Errorf("%s does not compile against the new version:\n%s", client, msg)
				}
				if !ok {
					broken++
				}
			}
			if c.verdict == "breaking" && broken == 0 {
				t.Errorf("breaking, but no client fails against the new version")
			}
		})
	}
}

func TestMain(m *testing.M) { os.Exit(testbin.Main(m)) }

// TestVerdict checks each class with featgen and apidiff: the verdict must be the class's, and
// every printed proof must compile against the old version and not against the new.
func TestVerdict(t *testing.T) {
	featgen, err := testbin.Build("github.com/rules-go-api/rules_go_api/tools/featgen")
	if err != nil {
		t.Fatal(err)
	}
	apidiff, err := testbin.Build("github.com/rules-go-api/rules_go_api/tools/apidiff")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range classes(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			api := filepath.Join(t.TempDir(), "api.txt")
			features := func(version string) string {
				mod := module(t, c, version)
				out := filepath.Join(t.TempDir(), version+".features")
				run(t, mod, featgen, "-contexts", strings.Join(c.contexts, ","), "-o", out, "./...")
				return out
			}
			run(t, "", apidiff, "update", "-api", api, "-features", features("old"))
			cmd := exec.Command(apidiff, "check", "-api", api, "-features", features("new"), "-format", "json")
			out, err := cmd.Output()
			if err != nil && len(out) == 0 {
				t.Fatalf("apidiff check: %v", err)
			}
			r, err := report.Read(out)
			if err != nil {
				t.Fatalf("apidiff check: %v\n%s", err, out)
			}
			if r.Verdict != c.verdict {
				var b strings.Builder
				r.WriteText(&b)
				t.Errorf("verdict %s, want %s\n%s", r.Verdict, c.verdict, b.String())
			}
			var got []string
			for _, ch := range r.Changes {
				got = append(got, strings.Join([]string{ch.Verdict, objectOf(ch.Object), ch.Class}, " "))
			}
			slices.Sort(got)
			if !slices.Equal(got, c.findings) {
				t.Errorf("findings:\n\t%s\nwant (classes):\n\t%s", strings.Join(got, "\n\t"), strings.Join(c.findings, "\n\t"))
			}
			proofs := 0
			for _, ch := range r.Changes {
				if ch.Verdict != "breaking" {
					continue
				}
				if ch.Unproven != "" {
					t.Errorf("%s %s is unproven: %s", objectOf(ch.Object), ch.Class, ch.Unproven)
				}
				if ch.Proof == "" {
					continue
				}
				proofs++
				if ok, msg := compilesSource(t, c, "old", []byte(ch.Proof)); !ok {
					t.Errorf("the proof of %s does not compile against the old version:\n%s\n%s", ch.Class, ch.Proof, msg)
				}
				if ok, _ := compilesSource(t, c, "new", []byte(ch.Proof)); ok {
					t.Errorf("the proof of %s compiles against the new version:\n%s", ch.Class, ch.Proof)
				}
			}
			if c.verdict == "breaking" && proofs == 0 {
				t.Errorf("breaking, but the report prints no proof")
			}
		})
	}
}

// objectOf spells a finding's object in classes: "-" for the package itself.
func objectOf(object string) string {
	if object == "" {
		return "-"
	}
	return object
}

// run runs a command in dir and fails the test if it fails.
func run(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
}
