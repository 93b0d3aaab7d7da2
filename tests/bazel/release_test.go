package bazel_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRelease builds the release archive twice (byte-identical), checks what it holds, and runs
// examples/basic against it the way a WORKSPACE user does: http_archive with the printed sha256
// (from a file:// URL: nothing else can be reached here), no local checkout.
func TestRelease(t *testing.T) {
	dir := t.TempDir()
	release := func(name string) (string, []byte) {
		out := filepath.Join(dir, name)
		cmd := exec.Command("go", "run", "./tools/release", "-version", "0.1.0", "-o", out, "-url", "file://"+out)
		cmd.Dir = repoRoot
		stdout, err := cmd.Output()
		if err != nil {
			t.Fatalf("tools/release: %v", err)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return string(stdout), data
	}
	snippets, archive := release("rules_go_api-v0.1.0.tar.gz")
	_, again := release("again.tar.gz")
	if !bytes.Equal(archive, again) {
		t.Fatal("two release archives of the same commit differ")
	}

	names := archiveNames(t, archive)
	for _, want := range []string{"rules_go_api-0.1.0/rules/defs.bzl", "rules_go_api-0.1.0/tools/featgen/main.go",
		"rules_go_api-0.1.0/gazelle/generate.go", "rules_go_api-0.1.0/MODULE.bazel", "rules_go_api-0.1.0/WORKSPACE"} {
		if !names[want] {
			t.Errorf("the archive lacks %s", want)
		}
	}
	for name := range names {
		if regexp.MustCompile(`^rules_go_api-0\.1\.0/(tests|examples|tools/offline|tools/bench)/|/bazel-`).MatchString(name) {
			t.Errorf("the archive holds %s", name)
		}
	}

	m := regexp.MustCompile(`(?s)WORKSPACE:\n\n(http_archive\(.*?\n\))\n`).FindStringSubmatch(snippets)
	if m == nil {
		t.Fatalf("no http_archive snippet in the release output:\n%s", snippets)
	}
	w := NewWorkspace(t, "basic")
	w.released = true
	ws := w.ReadFile("WORKSPACE")
	local := regexp.MustCompile(`(?s)local_repository\(\n    name = "rules_go_api",.*?\n\)\n`)
	if !local.MatchString(ws) {
		t.Fatalf("examples/basic/WORKSPACE has no local_repository for rules_go_api:\n%s", ws)
	}
	w.WriteFile("WORKSPACE", local.ReplaceAllLiteralString(ws,
		"load(\"@bazel_tools//tools/build_defs/repo:http.bzl\", \"http_archive\")\n\n"+m[1]+"\n"))
	w.MustBazel("test", "//...")
}

func archiveNames(t *testing.T, archive []byte) map[string]bool {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	names := make(map[string]bool)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if hdr.ModTime.Year() != 1980 || hdr.Uid != 0 || strings.Contains(hdr.Name, "..") {
			t.Errorf("%s: mtime %v uid %d", hdr.Name, hdr.ModTime, hdr.Uid)
		}
		names[hdr.Name] = true
	}
	return names
}
