// Package apifile reads the API files at a check's -api path: a directory laid out like Go's api/
// (ReadDir) or one snapshot file (ReadFile), and decides which of their lines need proposal
// approvals (ApprovalPolicy). The lines themselves are parsed by internal/apiformat.
package apifile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
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

	// DefaultApproval is the policy of a check that names none: Go's rules, which in a snapshot
	// file (not a go1.N.txt or next/ file) require no approvals.
	DefaultApproval = ApprovalGo
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
	Required []apiformat.Line
	// Except are the lines of except.txt (none if it does not exist).
	Except []apiformat.Line
	// Files are the files read, relative to Path, sorted.
	Files []string
	// Problems are the defects found in the files.
	Problems []apiformat.Problem
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
		opt := apiformat.Options{NeedApproval: policy.needApproval(rel), AllowBlank: rel == "go1.4.txt"}
		if rel == "except.txt" {
			opt = apiformat.Options{}
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

// HasAPI reports whether the files of a directory (Dir.Files) hold an API file: a release file
// or a next/ file, not only except.txt.
func HasAPI(files []string) bool {
	return slices.ContainsFunc(files, func(f string) bool { return f != "except.txt" })
}

// needApproval reports whether the file rel of an API directory needs approvals.
func (p ApprovalPolicy) needApproval(rel string) bool {
	switch p {
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

// SnapshotNeedsApproval reports whether the lines of a snapshot file need approvals: only under
// ApprovalAll (Go's rules concern go1.N.txt and next/ files only).
func (p ApprovalPolicy) SnapshotNeedsApproval() bool { return p == ApprovalAll }

// AdditionsNeedApproval reports whether the lines an update adds need a proposal number: in a
// snapshot under ApprovalAll; in a Go-style directory, in next/ (go and all) or, for a directory
// without API files yet (hasAPI false), in the first release file (all).
func (p ApprovalPolicy) AdditionsNeedApproval(dir, hasAPI bool) bool {
	switch {
	case p == ApprovalNone:
		return false
	case !dir || !hasAPI:
		return p == ApprovalAll
	}
	return true
}

// GoReleaseApproval reports whether Go's own rules require proposal approvals in the file with
// this base name: go1.txt no, go1.N.txt from N = 19 on. ok is false for names that are not
// go1*.txt.
func GoReleaseApproval(base string) (need, ok bool) {
	if base == "go1.txt" {
		return false, true
	}
	minor, found := strings.CutPrefix(base, "go1.")
	if !found {
		return false, false
	}
	n, err := strconv.Atoi(strings.TrimSuffix(minor, ".txt"))
	if err != nil || !strings.HasSuffix(minor, ".txt") {
		return false, false
	}
	return n >= 19, true
}

// ReadFile reads and parses one API file. Only an I/O failure is an error.
func ReadFile(path string, opt apiformat.Options) ([]apiformat.Line, []apiformat.Problem, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	lines, problems := apiformat.Parse(path, data, opt)
	return lines, problems, nil
}

// FactsPath returns where the facts of the API files at path are kept (docs/format.md): in a
// Go-style directory its current.facts, which no "*.txt" reader opens; beside a snapshot
// file, the snapshot's name with ".facts" for ".txt".
func FactsPath(path string, dir bool) string { return besidePath(path, dir, ".facts") }

// DeclPath returns where the declarations records (internal/apidecl) of the API files at path
// are kept (docs/format.md), as FactsPath does for facts: current.decl in a Go-style
// directory, the snapshot's name with ".decl" for ".txt" beside a snapshot file. Never a ".go"
// name: no Go tool is to compile it.
func DeclPath(path string, dir bool) string { return besidePath(path, dir, ".decl") }

// besidePath is current<ext> in a Go-style directory, the snapshot's name with ext for ".txt".
func besidePath(path string, dir bool, ext string) string {
	if dir {
		return filepath.Join(path, "current"+ext)
	}
	return strings.TrimSuffix(path, ".txt") + ext
}
