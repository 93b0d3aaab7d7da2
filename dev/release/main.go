// Command release builds the source archive of a rules_go_api release: the files the rules, the
// tools and the Gazelle extension need, from the commit checked out, byte for byte the same each
// time it runs. It prints the archive's sha256 and the snippets a user pastes into WORKSPACE or
// MODULE.bazel.
//
//	go run ./dev/release -version 0.1.0 [-o rules_go_api-v0.1.0.tar.gz] [-url URL]
//
// The archive holds the git-tracked files of the commit (so no bazel-* output directories, no
// untracked files), without the integration tests, the examples, the benchmark and the offline
// Bazel set-up. Unit tests and their test data stay: the BUILD files that Gazelle writes name
// them (glob(["testdata/**"])), and Bazel 8 rejects a glob that matches nothing. Its entries are sorted, owned by root, dated 1980-01-01, with modes
// 0644 or 0755, under the prefix rules_go_api-<version>/; MODULE.bazel's version is set to the
// release's. .bcr/ holds the templates the Bazel Central Registry's publishing app reads.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/rules-go-api/rules_go_api/internal/atomicfile"
)

// excluded says whether a tracked file stays out of the archive: what only the project's own
// development needs.
func excluded(name string) bool {
	for _, prefix := range []string{"tests/", "examples/", "dev/", ".ci/", ".github/"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// leftover says whether a tracked file is what a failed or partial patch leaves behind, which no
// release should ship: the archive is refused until it is removed from git.
func leftover(name string) bool {
	return strings.HasSuffix(name, ".orig") || strings.HasSuffix(name, ".rej")
}

// epoch is the modification time of every entry: a fixed date, as reproducible builds use.
var epoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

var versionPattern = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$`)

func main() {
	version := flag.String("version", "", "the release version, e.g. 0.1.0")
	out := flag.String("o", "", "the archive to write (default rules_go_api-v<version>.tar.gz)")
	url := flag.String("url", "", "the URL the archive will be published at, for the printed snippets")
	dir := flag.String("C", ".", "the rules_go_api checkout")
	flag.Parse()
	if !versionPattern.MatchString(*version) || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: release -version X.Y.Z [-o FILE] [-url URL] [-C DIR]")
		os.Exit(2)
	}
	if *out == "" {
		*out = "rules_go_api-v" + *version + ".tar.gz"
	}
	if *url == "" {
		*url = "https://github.com/rules-go-api/rules_go_api/releases/download/v" + *version + "/" + path.Base(*out)
	}
	data, err := Archive(*dir, *version)
	if err != nil {
		fmt.Fprintf(os.Stderr, "release: %v\n", err)
		os.Exit(1)
	}
	if err := atomicfile.WriteFile(*out, data); err != nil {
		fmt.Fprintf(os.Stderr, "release: %v\n", err)
		os.Exit(1)
	}
	sum := sha256.Sum256(data)
	fmt.Print(Snippets(*version, *url, hex.EncodeToString(sum[:])))
}

// Archive returns the release archive of the checkout at dir.
func Archive(dir, version string) ([]byte, error) {
	files, err := trackedFiles(dir)
	if err != nil {
		return nil, err
	}
	return archive(files, version)
}

// archive returns the release archive of files, a checkout's tracked files sorted by name.
func archive(files []file, version string) ([]byte, error) {
	var err error
	for _, f := range files {
		if leftover(f.name) {
			return nil, fmt.Errorf("%s is a patch leftover: remove it (git rm %s) and release again", f.name, f.name)
		}
	}
	prefix := "rules_go_api-" + version + "/"
	var buf bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	gz.ModTime = epoch // the gzip header names no file and no time of its own
	tw := tar.NewWriter(gz)
	for _, f := range files {
		if excluded(f.name) {
			continue
		}
		content := f.data
		if f.name == "MODULE.bazel" {
			content, err = setModuleVersion(content, version)
			if err != nil {
				return nil, err
			}
		}
		mode := int64(0o644)
		if f.executable {
			mode = 0o755
		}
		hdr := &tar.Header{Typeflag: tar.TypeReg, Name: prefix + f.name, Mode: mode, Size: int64(len(content)),
			ModTime: epoch, Format: tar.FormatPAX, Uname: "root", Gname: "root"}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(content); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type file struct {
	name       string
	data       []byte
	executable bool
}

// trackedFiles returns the files of the commit checked out in dir, sorted by name, as git stores
// them (not as the working tree has them: an uncommitted edit is not released).
func trackedFiles(dir string) ([]file, error) {
	out, err := exec.Command("git", "-C", dir, "ls-tree", "-r", "-z", "HEAD").Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-tree in %s: %v (run release in a git checkout)", dir, err)
	}
	var files []file
	for _, entry := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		meta, name, ok := strings.Cut(entry, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 3 || fields[1] != "blob" {
			continue // submodules, or nothing
		}
		if fields[0] == "120000" {
			return nil, fmt.Errorf("%s is a symbolic link: releases hold regular files only", name)
		}
		data, err := exec.Command("git", "-C", dir, "cat-file", "blob", fields[2]).Output()
		if err != nil {
			return nil, fmt.Errorf("git cat-file %s: %v", name, err)
		}
		files = append(files, file{name: name, data: data, executable: fields[0] == "100755"})
	}
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.name, b.name) })
	return files, nil
}

var moduleVersion = regexp.MustCompile(`(?s)(module\(\s*name = "rules_go_api",\s*version = )"[^"]*"`)

// setModuleVersion writes the release's version into MODULE.bazel's module().
func setModuleVersion(module []byte, version string) ([]byte, error) {
	if !moduleVersion.Match(module) {
		return nil, fmt.Errorf(`MODULE.bazel has no module(name = "rules_go_api", version = "...") to set the version in`)
	}
	return moduleVersion.ReplaceAll(module, []byte(`${1}"`+version+`"`)), nil
}

// Snippets returns what a user writes to depend on the release.
func Snippets(version, url, sha string) string {
	raw, _ := hex.DecodeString(sha)
	integrity := "sha256-" + base64.StdEncoding.EncodeToString(raw)
	return fmt.Sprintf(`sha256 %s

WORKSPACE:

load("@bazel_tools//tools/build_defs/repo:http.bzl", "http_archive")

http_archive(
    name = "rules_go_api",
    sha256 = "%s",
    strip_prefix = "rules_go_api-%s",
    urls = ["%s"],
)

MODULE.bazel (until the Bazel Central Registry has %s):

bazel_dep(name = "rules_go_api", version = "%s")
archive_override(
    module_name = "rules_go_api",
    integrity = "%s",
    strip_prefix = "rules_go_api-%s",
    urls = ["%s"],
)
`, sha, sha, version, url, version, version, integrity, version, url)
}
