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
	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/atomicfile"
	"github.com/rules-go-api/rules_go_api/internal/contexts"
	rpt "github.com/rules-go-api/rules_go_api/internal/report"
)

func merge(args []string, stdout io.Writer) error {
	fs := newFlagSet("merge")
	out := fs.String("o", "-", "output file; - for standard output")
	facts := fs.Bool("facts", false, "also print the facts the features files carry (\"# fact\" lines), merged the same way, and, when they are of one context, their declarations records (\"# decl\" lines)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	sets, err := readFeatures(fs.Args())
	if err != nil {
		return err
	}
	// Main packages stay marked, so that a check of the merged file can say so.
	var lines []string
	for _, m := range sets.Mains {
		lines = append(lines, apiformat.MainMarker(m))
	}
	lines = append(lines, apicheck.Merge(sets.ByContext)...)
	if *facts {
		for _, f := range apicheck.Merge(sets.Facts) {
			lines = append(lines, apiformat.FactLine(f))
		}
		// A record is one context's: a merged file of several contexts, whose lines carry
		// context suffixes, is no check's input and has no place for them.
		if len(sets.ByContext) == 1 {
			for _, decls := range sets.Decls {
				for _, path := range sortedKeys(decls) {
					lines = append(lines, apiformat.DeclLineQuoted(path, decls[path]))
				}
			}
		}
	}
	text := apiformat.JoinLines(lines)
	if *out == "-" {
		_, err := io.WriteString(stdout, text)
		return err
	}
	if err := atomicfile.WriteFile(*out, []byte(text)); err != nil {
		return ioError(err)
	}
	return nil
}

// initialFile is the release file that the first update of a Go-style
// directory without API files writes, with the whole current API.
const initialFile = "initial.txt"

// defaultNext is the next/ file for new features when neither -next nor
// -proposal names one (approval policy none).
const defaultNext = "unreleased"

// update writes an accepted change into the API files.
//
// Snapshot mode rewrites the file with the merged features (keeping the
// approvals of lines that stay, under policy all). Go mode appends new
// features to next/NAME.txt, with " #N" where the directory's rules require
// proposal approvals, and lists removed features in except.txt only when
// -except says the removal is accepted; a directory without API files gets
// the whole API in initial.txt. All contents are computed first and written
// all or nothing (internal/atomicfile).
func update(args []string, stdout io.Writer) error {
	fs := newFlagSet("update")
	var in inputFlags
	in.register(fs)
	next := fs.String("next", "", "Go mode: name of the next/ file that receives new features, e.g. 12345 or mylib")
	except := fs.Bool("except", false, "Go mode: accept removals by listing them in except.txt")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("update: unexpected arguments %q", fs.Args())
	}
	sets, a, policy, err := in.read("update")
	if err != nil {
		return err
	}
	if len(a.problems) > 0 {
		return failf("fix the API files first:\n  %s", strings.Join(a.problems, "\n  "))
	}
	if err := emptyFeatures(sets.ByContext, a); err != nil {
		return err
	}
	if missing := notGiven(a, sets.ByContext); len(missing) > 0 && !a.dir {
		return failf("%s has lines for contexts %s, which were not given; rewriting it would drop them: give their features too (or delete those lines if the contexts are no longer checked)",
			a.path, strings.Join(missing, ", "))
	}
	if !a.dir {
		// -next and -except are about a Go-style directory's files; a snapshot takes every change
		// as it is. They are accepted here so that one command (go_api_checks's update) can pass
		// them to checks of both kinds.
		return updateSnapshot(a, sets, policy, in.proposal, stdout)
	}
	refused := func(d apicheck.Diff) string { return refusedCommand(in.hint, args, a, d, policy, in.proposal, *next) }
	return updateDir(a, sets, policy, *next, in.proposal, *except, refused, stdout)
}

// refusedCommand is the complete command that accepts d after a refusal: the -update-hint (its
// flags after " -- "), or apidiff update with this update's own flags, followed by every flag d
// needs, so that following it works the first time.
func refusedCommand(hint string, args []string, a *apiFiles, d apicheck.Diff, policy apifile.ApprovalPolicy, proposal int, next string) string {
	var flags []string
	if len(d.Removed) > 0 {
		flags = append(flags, "-except")
	}
	number := ""
	if len(d.Added) > 0 && policy.AdditionsNeedApproval(a.dir, a.hasAPI()) {
		number = "NUMBER"
		if proposal != 0 {
			number = strconv.Itoa(proposal)
		}
		flags = append(flags, "-proposal", number)
	}
	if next != "" {
		flags = append(flags, "-next", shellQuote(next))
	}
	command := hint + " -- " + strings.Join(flags, " ")
	if hint == "" {
		command = strings.Join(append(sharedFlags(args, "api", "mode", "approval", "features"), flags...), " ")
	}
	if number == "NUMBER" {
		command += "\n(NUMBER: the proposal that approved the new API; each new line ends in \" #NUMBER\")"
	}
	return command
}

// notGiven returns the contexts the API files mention that have no features.
func notGiven(a *apiFiles, sets map[string][]string) []string {
	var missing []string
	for _, c := range apicheck.Contexts(a.requiredFeatures()) {
		if _, ok := sets[c]; !ok && !contexts.IsRemovedPort(c) {
			missing = append(missing, c)
		}
	}
	return missing
}

// factsFile returns the facts file that goes with the API files: the merged facts of the
// contexts given, after the line recording the contexts written (none: no such line, as in a
// Go-style directory), or nil when it holds them already.
func factsFile(a *apiFiles, fs *apiformat.FeatureSets, written []string) *atomicfile.File {
	text := apiformat.FactsFileHeader + "\n"
	if len(written) > 0 {
		text += apiformat.FactsContextsLine(written) + "\n"
	}
	text += apiformat.JoinLines(apicheck.Merge(fs.Facts))
	if sameContents(a.factsPath, text) {
		return nil
	}
	return &atomicfile.File{Path: a.factsPath, Data: []byte(text)}
}

// besideFiles returns the files beside the API files that an update rewrites, written with the
// API files or on their own: the facts (factsFile) and the declarations (declFile) that changed,
// and how a message names them ("its facts, PATH"). written are the contexts the facts file
// records (none for a Go-style directory); decls is false to leave the declarations as they are.
func besideFiles(a *apiFiles, fs *apiformat.FeatureSets, written []string, decls bool) ([]atomicfile.File, string, error) {
	var files []atomicfile.File
	var what, paths []string
	if f := factsFile(a, fs, written); f != nil {
		files, what, paths = append(files, *f), append(what, "facts"), append(paths, f.Path)
	}
	if !decls {
		return files, "its " + strings.Join(what, " and ") + ", " + strings.Join(paths, " and "), nil
	}
	f, err := declFile(a, fs)
	if err != nil {
		return nil, "", err
	}
	if f != nil {
		files, what, paths = append(files, *f), append(what, "declarations"), append(paths, f.Path)
	}
	return files, "its " + strings.Join(what, " and ") + ", " + strings.Join(paths, " and "), nil
}

func updateSnapshot(a *apiFiles, fs *apiformat.FeatureSets, policy apifile.ApprovalPolicy, proposal int, stdout io.Writer) error {
	sets := fs.ByContext
	merged := apicheck.Merge(sets)
	if policy.SnapshotNeedsApproval() {
		// Every line carries its approval: lines that stay keep theirs, new lines get -proposal.
		old := make(map[string]int)
		for _, l := range a.required {
			old[l.Feature] = l.Approval
		}
		var added int
		for i, f := range merged {
			n, ok := old[f]
			if !ok {
				n = proposal
				added++
			}
			merged[i] = apiformat.WithApproval(f, n)
		}
		if added > 0 && proposal == 0 {
			return argErrorf("%s to add, and every line of %s needs the number of the proposal that approved it: pass -proposal N",
				rpt.Plural(added, "feature"), a.path)
		}
	}
	text := apiformat.JoinLines(merged)
	// The facts file records the contexts the snapshot is written for. A file of one context
	// updated from another single context (a check's default context is the platform it is built
	// for) keeps its record unless the snapshot changes: updates on two platforms do not take
	// turns rewriting it.
	// Likewise its declarations: they are of the platform the file was written on, and proofs are
	// checked against them there.
	written := sortedKeys(sets)
	decls := true
	if len(written) == 1 && a.hasContexts && len(a.contexts) == 1 && a.exists && sameContents(a.path, text) {
		decls = written[0] == a.contexts[0]
		written = a.contexts
	}
	beside, besideNames, err := besideFiles(a, fs, written, decls)
	if err != nil {
		return failf("%v", err)
	}
	if a.exists && sameContents(a.path, text) {
		if len(beside) == 0 {
			fmt.Fprintf(stdout, "apidiff: %s is up to date\n", a.path)
			return nil
		}
		if err := atomicfile.WriteAll(beside); err != nil {
			return ioError(err)
		}
		fmt.Fprintf(stdout, "apidiff: %s is up to date; wrote %s\n", a.path, besideNames)
		return nil
	}
	files := append([]atomicfile.File{{Path: a.path, Data: []byte(text)}}, beside...)
	if err := atomicfile.WriteAll(files); err != nil {
		return ioError(err)
	}
	fmt.Fprintf(stdout, "apidiff: wrote %s (%s, %s)\n", a.path, rpt.Plural(len(merged), "feature"), strings.Join(sortedKeys(sets), ", "))
	return nil
}

// sameContents reports whether the file at path holds exactly text.
func sameContents(path, text string) bool {
	old, err := os.ReadFile(path)
	return err == nil && string(old) == text
}

func updateDir(a *apiFiles, fs *apiformat.FeatureSets, policy apifile.ApprovalPolicy, next string, proposal int, acceptRemovals bool, refused func(apicheck.Diff) string, stdout io.Writer) error {
	dir := a.path
	sets := fs.ByContext
	res := apicheck.Check(sets, a.requiredFeatures(), a.exceptFeatures())
	d := res.Diff
	beside, besideNames, err := besideFiles(a, fs, nil, true)
	if err != nil {
		return failf("%v", err)
	}
	if d.OK() {
		// A missing directory is an empty API (Git keeps no empty directory): nothing to write.
		if len(beside) == 0 || !a.exists {
			fmt.Fprintf(stdout, "apidiff: %s is up to date\n", dir)
			return nil
		}
		if err := atomicfile.WriteAll(beside); err != nil {
			return ioError(err)
		}
		fmt.Fprintf(stdout, "apidiff: %s is up to date; wrote %s\n", dir, besideNames)
		return nil
	}
	// A refusal names every flag the update needs, in one complete command.
	needNumber := policy.AdditionsNeedApproval(a.dir, a.hasAPI())
	if len(d.Removed) > 0 && !acceptRemovals {
		return failf("%s removed or changed; removals break importers, so they are not accepted by default:\n  %s\nIf they are intended, list them in except.txt with:\n  %s",
			rpt.Plural(len(d.Removed), "feature"), strings.Join(d.Removed, "\n  "), refused(d))
	}
	if len(d.Added) > 0 && needNumber && proposal == 0 {
		return argErrorf("%s to add, where every line needs the number of the proposal that approved it; update with:\n  %s",
			rpt.Plural(len(d.Added), "feature"), refused(d))
	}
	line := func(feature string) string {
		if needNumber {
			return apiformat.WithApproval(feature, proposal)
		}
		return feature
	}
	var add []string
	for _, f := range d.Added {
		if _, c := apiformat.SplitContext(f); c == "" && len(res.NotChecked) > 0 {
			// Only some contexts were given: a feature new in all of them is new in each of
			// them, not (as a line without a suffix would say) in the contexts not given.
			for _, ctx := range res.Checked {
				add = append(add, line(apiformat.WithContext(f, ctx)))
			}
			continue
		}
		add = append(add, line(f))
	}
	slices.Sort(add)

	writes := make(map[string][]string) // path -> lines to append
	if len(d.Added) > 0 {
		var rel string
		if !a.hasAPI() {
			rel = initialFile
		} else {
			name, err := nextName(dir, next, proposal)
			if err != nil {
				return err
			}
			rel = filepath.Join("next", name+".txt")
		}
		writes[filepath.Join(dir, rel)] = add
	}
	if len(d.Removed) > 0 {
		writes[filepath.Join(dir, "except.txt")] = d.Removed
	}
	var files []atomicfile.File
	for _, path := range sortedKeys(writes) {
		text, err := appendLines(path, writes[path])
		if err != nil {
			return ioError(err)
		}
		files = append(files, atomicfile.File{Path: path, Data: []byte(text)})
	}
	files = append(files, beside...)

	// The directory and next/ may not exist yet: atomicfile makes them (and removes them again if
	// the write fails).
	if err := atomicfile.WriteAll(files); err != nil {
		return ioError(err)
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "apidiff: updated %s\n", f.Path)
	}
	return nil
}

// nextName returns the next/ file name (without .txt) for new features:
// -next, else the proposal number (Go's convention), else defaultNext.
func nextName(dir, next string, proposal int) (string, error) {
	name := strings.TrimSuffix(next, ".txt")
	switch {
	case next == "" && proposal > 0:
		return strconv.Itoa(proposal), nil
	case next == "":
		return defaultNext, nil
	}
	if name == "" || name != filepath.Base(name) || strings.HasPrefix(name, ".") || strings.ContainsAny(name, `/\`) ||
		strings.ContainsFunc(name, unicode.IsControl) {
		return "", argErrorf("-next %q must be a plain file name inside %s/next", next, dir)
	}
	return name, nil
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
	return text + apiformat.JoinLines(lines), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
