package apifile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ApprovalPolicy decides which files of an API directory need proposal
// approvals (" #nnnnn" suffixes).
type ApprovalPolicy string

const (
	// ApprovalGo is Go's own rule: go1.txt no, go1.N.txt for N >= 19 and
	// next/*.txt yes, any other file no.
	ApprovalGo ApprovalPolicy = "go"
	// ApprovalAll requires approvals in every file but except.txt.
	ApprovalAll ApprovalPolicy = "all"
	// ApprovalNone requires them nowhere; a " #" suffix is then a problem.
	ApprovalNone ApprovalPolicy = "none"
)

// ParseApprovalPolicy parses a policy name.
func ParseApprovalPolicy(s string) (ApprovalPolicy, error) {
	switch p := ApprovalPolicy(s); p {
	case ApprovalGo, ApprovalAll, ApprovalNone:
		return p, nil
	}
	return "", fmt.Errorf("unknown approval policy %q (want go, all or none)", s)
}

// Dir is the contents of an API directory laid out like Go's api/: release
// files *.txt whose features are required, pending features in next/*.txt
// (also required), and except.txt listing features that may be missing.
type Dir struct {
	// Path is the directory.
	Path string
	// Required are the lines of every *.txt and next/*.txt but except.txt.
	Required []Line
	// Except are the lines of except.txt (none if it does not exist).
	Except []Line
	// Files are the files read, relative to Path, sorted.
	Files []string
	// Problems are the defects found in the files.
	Problems []Problem
}

// ReadDir reads an API directory. It fails if dir is not a directory. A
// directory without API files is read as an empty API (see HasAPI): it is
// how a Go-style directory starts.
func ReadDir(dir string, policy ApprovalPolicy) (*Dir, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	release, err := txtFiles(dir)
	if err != nil {
		return nil, err
	}
	next, err := txtFiles(filepath.Join(dir, "next"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	d := &Dir{Path: dir}
	for _, path := range slices.Concat(release, next) {
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		opt := Options{NeedApproval: needApproval(rel, policy), AllowBlank: rel == "go1.4.txt"}
		if rel == "except.txt" {
			opt = Options{}
		}
		lines, problems, err := ReadFile(path, opt)
		if err != nil {
			return nil, err
		}
		for i := range lines {
			lines[i].File = rel
		}
		for i := range problems {
			problems[i].File = rel
		}
		d.Files = append(d.Files, rel)
		d.Problems = append(d.Problems, problems...)
		if rel == "except.txt" {
			d.Except = append(d.Except, lines...)
		} else {
			d.Required = append(d.Required, lines...)
		}
	}
	slices.Sort(d.Files)
	return d, nil
}

// txtFiles returns the paths of the files (or symbolic links to files)
// named *.txt in dir, sorted. The directory is read, not globbed: its path
// may hold characters that a glob pattern would take as wildcards.
func txtFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			continue
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// HasAPI reports whether the directory holds an API file: a release file or
// a next/ file, not only except.txt.
func (d *Dir) HasAPI() bool {
	return slices.ContainsFunc(d.Files, func(f string) bool { return f != "except.txt" })
}

func needApproval(rel string, policy ApprovalPolicy) bool {
	switch policy {
	case ApprovalAll:
		return true
	case ApprovalNone:
		return false
	}
	if filepath.Dir(rel) == "next" {
		return true
	}
	need, _ := GoReleaseApproval(rel)
	return need
}
