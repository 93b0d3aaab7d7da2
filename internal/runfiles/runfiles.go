// Package runfiles finds the files of a Bazel target's runfiles by their runfiles paths
// ("REPO/PATH", e.g. "_main/pkg/api.txt"), as Bazel lays them out for a test or a `bazel run`:
// a directory tree of links, or only a manifest that maps each runfiles path to a file (Windows'
// default, and --noenable_runfiles or --nobuild_runfile_links elsewhere).
//
// It follows Bazel's runfiles conventions: RUNFILES_MANIFEST_FILE and RUNFILES_DIR (TEST_SRCDIR
// in tests) from the environment, else the manifest or directory next to the executable
// (ARGV0.runfiles_manifest, ARGV0.runfiles/MANIFEST, ARGV0.runfiles). The paths it takes are
// canonical (the rules write them from File.short_path), so no repository mapping is applied.
package runfiles

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Files resolves runfiles paths.
type Files struct {
	manifest map[string]string // runfiles path -> file; nil when dir is used
	dir      string            // the root of a runfiles tree
}

// Find locates the runfiles of the executable started as argv0. A manifest is preferred where
// both exist: Bazel writes one in every mode, and only the manifest is sure to be complete.
func Find(argv0 string) (*Files, error) {
	var manifests, dirs []string
	if m := os.Getenv("RUNFILES_MANIFEST_FILE"); m != "" {
		manifests = append(manifests, m)
	}
	for _, env := range []string{"RUNFILES_DIR", "TEST_SRCDIR"} {
		if d := os.Getenv(env); d != "" {
			manifests = append(manifests, filepath.Join(d, "MANIFEST"))
			dirs = append(dirs, d)
		}
	}
	if argv0 != "" {
		manifests = append(manifests, argv0+".runfiles_manifest", filepath.Join(argv0+".runfiles", "MANIFEST"))
		dirs = append(dirs, argv0+".runfiles")
	}
	for _, m := range manifests {
		if f, err := os.Open(m); err == nil {
			defer f.Close()
			entries, err := parseManifest(f)
			if err != nil {
				return nil, fmt.Errorf("runfiles manifest %s: %v", m, err)
			}
			return &Files{manifest: entries}, nil
		}
	}
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			abs, err := filepath.Abs(d)
			if err != nil {
				return nil, err
			}
			return &Files{dir: abs}, nil
		}
	}
	return nil, fmt.Errorf("no runfiles found for %s (neither RUNFILES_MANIFEST_FILE nor RUNFILES_DIR is set, and there is no %s.runfiles): run it with bazel test or bazel run", argv0, argv0)
}

// parseManifest reads a runfiles manifest: one "RUNFILES_PATH TARGET" line per file, where a line
// that starts with a space has its runfiles path escaped (\s for a space, \n for a newline, \b
// for a backslash) and its target escaped likewise (Bazel 7.4 and newer write these for paths
// with such characters). A path with no target stands for an empty file.
func parseManifest(f *os.File) (map[string]string, error) {
	entries := make(map[string]string)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		escaped := strings.HasPrefix(line, " ")
		if escaped {
			line = line[1:]
		}
		path, target, _ := strings.Cut(line, " ")
		if escaped {
			path, target = unescape(path), unescape(target)
		}
		entries[path] = target
	}
	return entries, sc.Err()
}

var unescaper = strings.NewReplacer(`\s`, " ", `\n`, "\n", `\b`, `\`)

func unescape(s string) string { return unescaper.Replace(s) }

// Path returns the file at a runfiles path, or ok false if the runfiles have no such file. An
// empty file listed without a target in a manifest is returned as os.DevNull.
func (f *Files) Path(rpath string) (path string, ok bool) {
	if f.manifest != nil {
		target, ok := f.manifest[rpath]
		if !ok {
			return "", false
		}
		if target == "" {
			return os.DevNull, true
		}
		return target, true
	}
	p := filepath.Join(f.dir, filepath.FromSlash(rpath))
	if _, err := os.Stat(p); err != nil {
		return "", false
	}
	return p, true
}
