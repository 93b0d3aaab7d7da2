package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/rules-go-api/rules_go_api/internal/apicheck"
	"github.com/rules-go-api/rules_go_api/internal/apifile"
	"github.com/rules-go-api/rules_go_api/internal/atomicfile"
	"github.com/rules-go-api/rules_go_api/internal/contexts"
)

func merge(args []string, stdout io.Writer) error {
	fs := newFlagSet("merge")
	out := fs.String("o", "-", "output file; - for standard output")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	sets, err := readFeatures(fs.Args())
	if err != nil {
		return err
	}
	text := joinLines(apicheck.Merge(sets))
	if *out == "-" {
		_, err := io.WriteString(stdout, text)
		return err
	}
	if err := atomicfile.WriteFile(*out, []byte(text)); err != nil {
		return ioError(err)
	}
	return nil
}

// update writes an accepted change into the API files.
//
// Snapshot mode (-api FILE) rewrites the file with the merged features.
// Go mode (-api DIR) appends new features to next/NAME.txt, with " #N" when
// the directory's rules require proposal approvals, and lists removed
// features in except.txt only when -except says the removal is accepted.
// Every file is written to a temporary file in its directory and renamed,
// and all new contents are computed before the first write, so an error
// leaves the files as they were.
func update(args []string, stdout io.Writer) error {
	fs := newFlagSet("update")
	var features featuresFlag
	api := fs.String("api", "", "API directory (like Go's api/) or snapshot file")
	next := fs.String("next", "", "Go mode: name of the next/ file that receives new features, e.g. 12345 or mylib")
	proposal := fs.Int("proposal", 0, "Go mode: proposal number appended as \" #N\" where approvals are required")
	except := fs.Bool("except", false, "Go mode: accept removals by listing them in except.txt")
	approval := fs.String("approval", "go", "which files need \" #<proposal>\" suffixes: go, all or none")
	fs.Var(&features, "features", "CONTEXT=FILE: featgen output for one context (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("update: unexpected arguments %q", fs.Args())
	}
	policy, err := apifile.ParseApprovalPolicy(*approval)
	if err != nil {
		return usageErrorf("update: %v", err)
	}
	sets, err := readFeatures(features)
	if err != nil {
		return err
	}
	if *api == "" {
		return usageErrorf("update: -api is required")
	}
	fi, err := os.Stat(*api)
	switch {
	case err == nil && fi.IsDir():
		return updateDir(*api, sets, policy, *next, *proposal, *except, stdout)
	case err == nil || os.IsNotExist(err):
		if *next != "" || *proposal != 0 || *except {
			return usageErrorf("update: -next, -proposal and -except are for an API directory; %s is a snapshot file", *api)
		}
		return updateSnapshot(*api, sets, policy, stdout)
	default:
		return ioError(err)
	}
}

func updateSnapshot(path string, sets map[string][]string, policy apifile.ApprovalPolicy, stdout io.Writer) error {
	if _, err := os.Stat(filepath.Dir(path)); err != nil {
		return ioError(fmt.Errorf("snapshot directory: %w", err))
	}
	if old, err := os.ReadFile(path); err == nil {
		lines, _ := apifile.Parse(path, old, apifile.Options{NeedApproval: policy == apifile.ApprovalAll})
		var missing []string
		for _, c := range apicheck.Contexts(apifile.Features(lines)) {
			if _, ok := sets[c]; !ok && !contexts.IsRemovedPort(c) {
				missing = append(missing, c)
			}
		}
		if len(missing) > 0 {
			return failf("%s has lines for contexts %s, which were not given; updating would drop them: give their features too",
				path, strings.Join(missing, ", "))
		}
	}
	merged := apicheck.Merge(sets)
	if err := atomicfile.WriteFile(path, []byte(joinLines(merged))); err != nil {
		return ioError(err)
	}
	fmt.Fprintf(stdout, "apidiff: wrote %s (%s, %s)\n", path, plural(len(merged), "feature"), strings.Join(sortedKeys(sets), ", "))
	return nil
}

func updateDir(dir string, sets map[string][]string, policy apifile.ApprovalPolicy, next string, proposal int, acceptRemovals bool, stdout io.Writer) error {
	a, err := readAPI(dir, policy)
	if err != nil {
		return err
	}
	if len(a.problems) > 0 {
		return failf("fix the API files first:\n  %s", strings.Join(a.problems, "\n  "))
	}
	res := apicheck.Check(sets, a.required, a.except)
	d := res.Diff
	if d.OK() {
		fmt.Fprintf(stdout, "apidiff: %s is up to date\n", dir)
		return nil
	}
	if len(d.Removed) > 0 && !acceptRemovals {
		return failf("%s removed or changed; removals break importers, so they are not accepted by default:\n  %s\nIf they are intended, update with -except to list them in except.txt",
			plural(len(d.Removed), "feature"), strings.Join(d.Removed, "\n  "))
	}
	writes := make(map[string]string) // path -> new contents
	if len(d.Added) > 0 {
		needNumber := policy != apifile.ApprovalNone
		if needNumber && proposal <= 0 {
			return argErrorf("%s to add to next/, where every line needs the number of the proposal that approved it: pass -proposal N (the lines go to next/N.txt unless -next names another file)",
				plural(len(d.Added), "feature"))
		}
		if next == "" && proposal > 0 {
			next = strconv.Itoa(proposal) // Go's convention: next/<proposal>.txt
		}
		if next == "" {
			return argErrorf("%s to add: name the next/ file with -next (e.g. -next mylib for next/mylib.txt)", plural(len(d.Added), "feature"))
		}
		name := strings.TrimSuffix(next, ".txt")
		if name == "" || name != filepath.Base(name) || strings.HasPrefix(name, ".") || strings.ContainsAny(name, `/\`) ||
			strings.ContainsFunc(name, unicode.IsControl) {
			return argErrorf("-next %q must be a plain file name inside %s/next", next, dir)
		}
		suffix := ""
		if needNumber {
			suffix = " #" + strconv.Itoa(proposal)
		}
		var add []string
		for _, f := range d.Added {
			add = append(add, f+suffix)
		}
		path := filepath.Join(dir, "next", name+".txt")
		text, err := appendLines(path, add)
		if err != nil {
			return ioError(err)
		}
		writes[path] = text
	}
	if len(d.Removed) > 0 {
		path := filepath.Join(dir, "except.txt")
		text, err := appendLines(path, d.Removed)
		if err != nil {
			return ioError(err)
		}
		writes[path] = text
	}
	var files []atomicfile.File
	for _, path := range sortedKeys(writes) {
		files = append(files, atomicfile.File{Path: path, Data: []byte(writes[path])})
	}
	// next/ may not exist yet; if the write fails, a next/ made here goes too.
	nextDir := filepath.Join(dir, "next")
	madeNext := false
	if len(d.Added) > 0 {
		if _, err := os.Lstat(nextDir); os.IsNotExist(err) {
			if err := os.Mkdir(nextDir, 0o755); err != nil {
				return ioError(err)
			}
			madeNext = true
		}
	}
	if err := atomicfile.WriteAll(files); err != nil {
		if madeNext {
			os.Remove(nextDir)
		}
		return ioError(err)
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "apidiff: updated %s\n", f.Path)
	}
	return nil
}

// appendLines returns the contents of the file at path (if any) followed by
// lines, one per line.
func appendLines(path string, lines []string) (string, error) {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return "", err
	}
	text := string(old)
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return text + joinLines(lines), nil
}

func joinLines(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
