package bazel_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRelease builds the release archive twice (byte-identical), checks what it holds, and runs
// examples/basic against it, no local checkout, from a file:// URL (nothing else can be reached
// here): the way a Bazel Central Registry user does (a plain bazel_dep, resolved through a
// registry entry made from .bcr/'s templates, as the BCR's publishing makes it), and the way a
// WORKSPACE user of Bazel 7 does (http_archive with the printed sha256).
func TestRelease(t *testing.T) {
	dir := t.TempDir()
	release := func(name string) (string, []byte) {
		out := filepath.Join(dir, name)
		cmd := exec.Command("go", "run", "./dev/release", "-version", "0.1.0", "-o", out, "-url", "file://"+out)
		cmd.Dir = repoRoot
		stdout, err := cmd.Output()
		if err != nil {
			t.Fatalf("dev/release: %v", err)
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
		if regexp.MustCompile(`^rules_go_api-0\.1\.0/(tests|examples|dev)/|/bazel-`).MatchString(name) {
			t.Errorf("the archive holds %s", name)
		}
	}

	archivePath := filepath.Join(dir, "rules_go_api-v0.1.0.tar.gz")
	t.Run("bzlmod", func(t *testing.T) {
		w := NewWorkspace(t, "basic")
		w.released = true
		registry := releaseRegistry(t, archivePath, archive, archiveFile(t, archive, "rules_go_api-0.1.0/MODULE.bazel"))
		module := w.ReadFile("MODULE.bazel")
		local := regexp.MustCompile(`(?s)bazel_dep\(name = "rules_go_api", version = "0.0.0"\)\nlocal_path_override\(\n.*?\n\)\n`)
		if !local.MatchString(module) {
			t.Fatalf("examples/basic/MODULE.bazel has no local_path_override for rules_go_api:\n%s", module)
		}
		w.WriteFile("MODULE.bazel", local.ReplaceAllLiteralString(module, `bazel_dep(name = "rules_go_api", version = "0.1.0")`+"\n"))
		w.MustBazel("test", "--registry=file://"+registry, "//...")
	})
	t.Run("workspace", func(t *testing.T) {
		m := regexp.MustCompile(`(?s)WORKSPACE:\n\n(load\("@bazel_tools//tools/build_defs/repo:http.bzl", "http_archive"\)\n\nhttp_archive\(.*?\n\))\n`).FindStringSubmatch(snippets)
		if m == nil {
			t.Fatalf("no http_archive snippet in the release output:\n%s", snippets)
		}
		w := NewWorkspaceMode(t, "basic")
		w.released = true
		ws := w.ReadFile("WORKSPACE")
		local := regexp.MustCompile(`(?s)local_repository\(\n    name = "rules_go_api",.*?\n\)\n`)
		if !local.MatchString(ws) {
			t.Fatalf("examples/basic/WORKSPACE has no local_repository for rules_go_api:\n%s", ws)
		}
		// The snippet as printed, load included.
		w.WriteFile("WORKSPACE", local.ReplaceAllLiteralString(ws, m[1]+"\n"))
		w.MustBazel("test", "//...")
	})
}

// releaseRegistry writes a file registry holding rules_go_api 0.1.0 as the Bazel Central Registry
// would: metadata.json and source.json from .bcr/'s templates (the source URL pointed at the
// archive's file:// path instead of the GitHub release it names), MODULE.bazel from the archive.
func releaseRegistry(t *testing.T, archivePath string, archive, module []byte) string {
	t.Helper()
	fill := strings.NewReplacer("{OWNER}", "rules-go-api", "{REPO}", "rules_go_api", "{VERSION}", "0.1.0", "{TAG}", "v0.1.0")
	var source map[string]any
	if err := json.Unmarshal([]byte(fill.Replace(readRepoFile(t, ".bcr/source.template.json"))), &source); err != nil {
		t.Fatalf(".bcr/source.template.json: %v", err)
	}
	// The URL the release command prints by default: the template must name the same file.
	const released = "https://github.com/rules-go-api/rules_go_api/releases/download/v0.1.0/rules_go_api-v0.1.0.tar.gz"
	if source["url"] != released {
		t.Fatalf(".bcr/source.template.json gives %v, and dev/release publishes %s", source["url"], released)
	}
	sum := sha256.Sum256(archive)
	source["url"] = "file://" + archivePath
	source["integrity"] = "sha256-" + base64.StdEncoding.EncodeToString(sum[:])

	var metadata map[string]any
	if err := json.Unmarshal([]byte(readRepoFile(t, ".bcr/metadata.template.json")), &metadata); err != nil {
		t.Fatalf(".bcr/metadata.template.json: %v", err)
	}
	metadata["versions"] = []string{"0.1.0"}

	registry := filepath.Join(filepath.Dir(archivePath), "registry")
	for rel, content := range map[string][]byte{
		"bazel_registry.json":                     []byte("{}\n"),
		"modules/rules_go_api/metadata.json":      mustJSON(t, metadata),
		"modules/rules_go_api/0.1.0/source.json":  mustJSON(t, source),
		"modules/rules_go_api/0.1.0/MODULE.bazel": module,
	} {
		path := filepath.Join(registry, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return registry
}

func readRepoFile(t *testing.T, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(data, '\n')
}

// archiveFile returns the content of one file of a .tar.gz archive.
func archiveFile(t *testing.T, archive []byte, name string) []byte {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			t.Fatalf("the archive has no %s", name)
		}
		if err != nil {
			t.Fatal(err)
		}
		if hdr.Name == name {
			data, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
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
