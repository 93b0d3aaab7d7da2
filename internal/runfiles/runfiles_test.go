package runfiles

import (
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestManifest(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "store", "a b.txt")
	write(t, target, "x")
	manifest := filepath.Join(dir, "MANIFEST")
	// A plain line, an escaped one (a space in both paths, a backslash in the runfiles path), an
	// empty file (no target).
	write(t, manifest, "_main/pkg/api.txt /abs/api.txt\n"+
		" _main/pkg/with\\sspace\\bx.txt "+filepath.Join(dir, "store", "a\\sb.txt")+"\n"+
		"_main/pkg/__init__.py \n")
	t.Setenv("RUNFILES_MANIFEST_FILE", manifest)
	t.Setenv("RUNFILES_DIR", "")
	t.Setenv("TEST_SRCDIR", "")
	f, err := Find("")
	if err != nil {
		t.Fatal(err)
	}
	for rpath, want := range map[string]string{
		"_main/pkg/api.txt":          "/abs/api.txt",
		`_main/pkg/with space\x.txt`: target,
		"_main/pkg/__init__.py":      os.DevNull,
	} {
		if got, ok := f.Path(rpath); !ok || got != want {
			t.Errorf("Path(%q) = %q, %v; want %q", rpath, got, ok, want)
		}
	}
	if got, ok := f.Path("_main/pkg/absent.txt"); ok {
		t.Errorf("Path of a file not in the manifest = %q, want none", got)
	}
}

func TestDirectoryAndArgv0(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "bin", "api_check")
	write(t, filepath.Join(exe+".runfiles", "_main", "pkg", "api.txt"), "x")
	t.Setenv("RUNFILES_MANIFEST_FILE", "")
	t.Setenv("RUNFILES_DIR", "")
	t.Setenv("TEST_SRCDIR", "")
	f, err := Find(exe)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := f.Path("_main/pkg/api.txt"); !ok || got != filepath.Join(exe+".runfiles", "_main", "pkg", "api.txt") {
		t.Errorf("Path in the tree next to the executable = %q, %v", got, ok)
	}
	if _, ok := f.Path("_main/pkg/absent.txt"); ok {
		t.Error("Path of a file not in the tree: found")
	}
	// A manifest next to the executable wins over the tree (with --nobuild_runfile_links the
	// tree holds only the manifest).
	write(t, exe+".runfiles_manifest", "_main/pkg/api.txt /elsewhere/api.txt\n")
	f, err = Find(exe)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := f.Path("_main/pkg/api.txt"); got != "/elsewhere/api.txt" {
		t.Errorf("with ARGV0.runfiles_manifest: Path = %q, want /elsewhere/api.txt", got)
	}
	if _, err := Find(filepath.Join(dir, "bin", "nothing")); err == nil {
		t.Error("Find with no runfiles at all: no error")
	}
}
