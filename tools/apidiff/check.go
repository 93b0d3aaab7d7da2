package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apicheck"
	"github.com/rules-go-api/rules_go_api/internal/apifile"
)

func check(args []string, stdout io.Writer) error {
	fs := newFlagSet("check")
	var features featuresFlag
	api := fs.String("api", "", "API directory (like Go's api/) or snapshot file")
	format := fs.String("format", "text", "report format: text, cmdapi or json")
	hint := fs.String("update-hint", "", "command that accepts the change, printed after a failure")
	approval := fs.String("approval", "go", "which files need \" #<proposal>\" suffixes: go, all or none")
	fs.Var(&features, "features", "CONTEXT=FILE: featgen output for one context (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("check: unexpected arguments %q", fs.Args())
	}
	if *format != "text" && *format != "cmdapi" && *format != "json" {
		return usageErrorf("check: unknown -format %q (want text, cmdapi or json)", *format)
	}
	policy, err := apifile.ParseApprovalPolicy(*approval)
	if err != nil {
		return usageErrorf("check: %v", err)
	}
	sets, err := readFeatures(features)
	if err != nil {
		return err
	}
	a, err := readAPI(*api, policy)
	if err != nil {
		if _, statErr := os.Stat(*api); os.IsNotExist(statErr) && *hint != "" {
			return ioError(fmt.Errorf("the API files %s do not exist yet; create them from the current API with:\n  %s", *api, *hint))
		}
		return err
	}
	if err := emptyFeatures(sets, a); err != nil {
		return err
	}
	res := apicheck.Check(sets, a.required, a.except)
	r := newReport(a, res, *hint)
	switch *format {
	case "cmdapi":
		for _, l := range res.Diff.CmdAPILines() {
			fmt.Fprintln(stdout, l)
		}
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return ioError(err)
		}
	default:
		r.writeText(stdout)
	}
	if !r.OK {
		return &exitError{code: 1}
	}
	return nil
}

// report is the result of a check, also its JSON form (see docs/cli.md).
type report struct {
	// OK is true if the API matches and the API files have no problems.
	OK bool `json:"ok"`
	// API is the -api path; Files the API files read.
	API   string   `json:"api"`
	Files []string `json:"files"`
	// Checked and NotChecked are context names; NotCheckedLines counts the
	// API file lines of the contexts not checked.
	Checked         []string `json:"checked_contexts"`
	NotChecked      []string `json:"not_checked_contexts"`
	NotCheckedLines int      `json:"not_checked_lines"`
	// Removed, Changed and Added are feature lines (with a context suffix
	// when the difference is context-specific). A change pairs the old and
	// the new line of one declaration; Removed and Added hold the rest.
	Removed []string          `json:"removed"`
	Changed []apicheck.Change `json:"changed"`
	Added   []string          `json:"added"`
	// Problems are defects of the API files (each one fails the check).
	Problems []string `json:"problems"`
	// StaleExceptions are except.txt lines that excused nothing (warnings).
	StaleExceptions []string `json:"stale_exceptions"`
	// UpdateHint is the command that accepts the change.
	UpdateHint string `json:"update_hint,omitempty"`
}

func newReport(a *apiFiles, res apicheck.Result, hint string) *report {
	changed, removed, added := apicheck.Changes(res.Diff)
	r := &report{
		API: a.path, Files: a.files,
		Checked: res.Checked, NotChecked: res.NotChecked, NotCheckedLines: res.NotCheckedLines,
		Removed: removed, Changed: changed, Added: added,
		Problems: a.problems, StaleExceptions: res.StaleExceptions,
		UpdateHint: hint,
	}
	r.OK = res.Diff.OK() && len(a.problems) == 0
	// JSON arrays, never null.
	for _, p := range []*[]string{&r.Files, &r.Checked, &r.NotChecked, &r.Removed, &r.Added, &r.Problems, &r.StaleExceptions} {
		if *p == nil {
			*p = []string{}
		}
	}
	if r.Changed == nil {
		r.Changed = []apicheck.Change{}
	}
	return r
}

func (r *report) writeText(w io.Writer) {
	status := "OK"
	if !r.OK {
		status = "FAILED"
	}
	fmt.Fprintf(w, "API check %s: %s against %s\n", status, plural(len(r.Checked), "context"), r.API)
	fmt.Fprintf(w, "  checked: %s\n", strings.Join(r.Checked, ", "))
	if len(r.NotChecked) > 0 {
		fmt.Fprintf(w, "  not checked: %d lines of %s the API files mention: %s\n",
			r.NotCheckedLines, plural(len(r.NotChecked), "other context"), strings.Join(r.NotChecked, ", "))
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(w, "\nProblems in the API files (fix them by hand):\n")
		for _, p := range r.Problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	if len(r.Removed) > 0 {
		fmt.Fprintf(w, "\nRemoved (breaking: code using these no longer compiles):\n")
		writeGrouped(w, r.Removed, "-")
	}
	if len(r.Changed) > 0 {
		fmt.Fprintf(w, "\nChanged (breaking):\n")
		var lines []string
		for _, c := range r.Changed {
			lines = append(lines, c.From, c.To)
		}
		writeGrouped(w, lines, "")
	}
	if len(r.Added) > 0 {
		fmt.Fprintf(w, "\nAdded (not yet in the API files):\n")
		writeGrouped(w, r.Added, "+")
	}
	if len(r.StaleExceptions) > 0 {
		fmt.Fprintf(w, "\nWarning: %s in except.txt excuse nothing (the feature exists, or no API file lists it):\n",
			plural(len(r.StaleExceptions), "line"))
		for _, s := range r.StaleExceptions {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	if !r.OK && r.UpdateHint != "" && (len(r.Removed)+len(r.Changed)+len(r.Added) > 0) {
		fmt.Fprintf(w, "\nIf the change is intended, accept it with:\n  %s\n", r.UpdateHint)
	}
}

// writeGrouped prints feature lines under a header per package (and
// context). With an empty sign, lines come in old/new pairs, printed as
// "- old" and "+ new".
func writeGrouped(w io.Writer, lines []string, sign string) {
	last := ""
	for i, l := range lines {
		head, decl, ok := strings.Cut(l, ", ")
		if !ok {
			head, decl = "", l
		}
		if head != last {
			fmt.Fprintf(w, "  %s\n", head)
			last = head
		}
		s := sign
		if s == "" {
			s = "-"
			if i%2 == 1 {
				s = "+"
			}
		}
		fmt.Fprintf(w, "    %s %s\n", s, decl)
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
