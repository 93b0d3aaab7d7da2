// Package catalogue holds the change classes that decide, by compiling, whether a change to a
// package's API breaks its importers: each class under testdata/ is an old and a new version of a
// small package p, the verdict a checker must give (breaking, compatible or none), and client
// programs. TestGroundTruth compiles every client against both versions with the go command: for a
// breaking class every client compiles against old and at least one, each client named break*.go,
// fails against new; for the others every client compiles against both. It is the truth the
// compatibility verdict is to be measured against.
package catalogue

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// class is one change class of testdata/NAME: old/*.go and new/*.go (package p), clients *.go
// (package main, importing example.com/cat/p), and verdict (one word).
type class struct {
	name, dir, verdict string
	clients            []string
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
		c := class{name: e.Name(), dir: dir, verdict: strings.TrimSpace(string(verdict)), clients: clients}
		switch c.verdict {
		case "breaking", "compatible", "none":
		default:
			t.Fatalf("%s: verdict %q, want breaking, compatible or none", dir, c.verdict)
		}
		cs = append(cs, c)
	}
	return cs
}

// compiles reports whether client compiles against the version (old or new) of p in the class's
// directory, and the compiler's message when it does not.
func compiles(t *testing.T, c class, version, client string) (bool, string) {
	t.Helper()
	mod := t.TempDir()
	write := func(rel string, data []byte) {
		path := filepath.Join(mod, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", []byte("module example.com/cat\n\ngo 1.23\n"))
	srcs, _ := filepath.Glob(filepath.Join(c.dir, version, "*.go"))
	if len(srcs) == 0 {
		t.Fatalf("%s: no %s/*.go", c.dir, version)
	}
	for _, s := range srcs {
		data, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		write(filepath.Join("p", filepath.Base(s)), data)
	}
	data, err := os.ReadFile(client)
	if err != nil {
		t.Fatal(err)
	}
	write("client/main.go", data)
	cmd := exec.Command("go", "build", "-o", os.DevNull, "./client")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil && !strings.Contains(string(out), ".go:") {
		t.Fatalf("%s: go build did not run: %v\n%s", client, err, out)
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
