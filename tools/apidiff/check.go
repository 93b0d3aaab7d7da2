package main

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apicheck"
	"github.com/rules-go-api/rules_go_api/internal/apifile"
	"github.com/rules-go-api/rules_go_api/internal/atomicfile"
	rpt "github.com/rules-go-api/rules_go_api/internal/report"
)

func check(args []string, stdout io.Writer) error {
	fs := newFlagSet("check")
	var features featuresFlag
	api := fs.String("api", "", "API directory (like Go's api/) or snapshot file")
	modeFlag := fs.String("mode", "auto", "layout of -api: snapshot (one file), go (a directory like Go's api/), or auto (a directory is go)")
	format := fs.String("format", "text", "report format: text, cmdapi or json")
	hint := fs.String("update-hint", "", "command that accepts the change, printed after a failure; flags that update needs follow its \" -- \"")
	approval := fs.String("approval", "go", "which files need \" #<proposal>\" suffixes: go, all or none")
	proposal := fs.Int("proposal", 0, "the proposal number the update command passes by default (so the hint need not ask for one)")
	label := fs.String("label", "", "the check's name (a Bazel label) in the JSON and JUnit reports")
	jsonOut := fs.String("json-out", "", "also write the report as JSON to this file")
	junitOut := fs.String("junit-out", "", "also write the report as JUnit XML to this file (one test case per package and context)")
	fs.Var(&features, "features", "CONTEXT=FILE: featgen output for one context; FILE: featgen -contexts output (repeatable)")
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
	m, err := parseMode(*modeFlag)
	if err != nil {
		return usageErrorf("check: %v", err)
	}
	sets, a, err := readInputs(features, *api, m, policy)
	if err != nil {
		return err
	}
	if err := emptyFeatures(sets.byContext, a); err != nil {
		return err
	}
	res := apicheck.Check(sets.byContext, a.requiredFeatures(), a.exceptFeatures())
	r := newReport(a, res, updateHint(*hint, a, res.Diff, policy, *proposal), sets.byContext)
	r.Label = *label
	if err := writeReportFiles(r.Report, *jsonOut, *junitOut); err != nil {
		return err
	}
	if !a.exists && !a.dir {
		// A Go-style directory that does not exist is an empty API (Git keeps no empty
		// directory, Bazel's runfiles no directory without files); a snapshot file must exist:
		// not having one is a difference (exit status 1), reported with the command that
		// records it.
		command := updateHint(*hint, a, res.Diff, policy, *proposal)
		if *hint == "" {
			command = updateCommand(args, a, res.Diff, policy, *proposal)
		}
		return failf("the API file %s does not exist yet; create it from the current API with:\n  %s", a.path, command)
	}
	switch *format {
	case "cmdapi":
		for _, l := range res.Diff.CmdAPILines() {
			fmt.Fprintln(stdout, l)
		}
	case "json":
		if err := r.WriteJSON(stdout); err != nil {
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

// writeReportFiles writes the JSON and JUnit forms of a report where asked.
func writeReportFiles(r *rpt.Report, jsonOut, junitOut string) error {
	for _, out := range []struct {
		path  string
		write func(io.Writer) error
	}{{jsonOut, r.WriteJSON}, {junitOut, r.WriteJUnit}} {
		if out.path == "" {
			continue
		}
		var b bytes.Buffer
		if err := out.write(&b); err != nil {
			return ioError(err)
		}
		if err := atomicfile.WriteFile(out.path, b.Bytes()); err != nil {
			return ioError(err)
		}
	}
	return nil
}

// updateCommand is the apidiff update command that accepts d, for a check run without
// -update-hint: the check's flags that update takes too, and those update needs for d.
func updateCommand(args []string, a *apiFiles, d apicheck.Diff, policy apifile.ApprovalPolicy, proposal int) string {
	command := strings.Join(sharedFlags(args, "api", "mode", "approval", "proposal", "features"), " ")
	// The flags update needs go straight to apidiff (a hint's " -- " is for `bazel run`).
	return strings.Replace(updateHint(command, a, d, policy, proposal), " -- ", " ", 1)
}

// sharedFlags returns "apidiff update" followed by those of args (flags that all take a value)
// that are named in keep, shell-quoted, in their order.
func sharedFlags(args []string, keep ...string) []string {
	cmd := []string{"apidiff", "update"}
	for i := 0; i < len(args); i++ {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if !hasValue && i+1 < len(args) && !boolFlags[name] {
			value = args[i+1]
			i++
		}
		if slices.Contains(keep, name) {
			cmd = append(cmd, "-"+name, shellQuote(value))
		}
	}
	return cmd
}

// boolFlags are the flags of check and update that take no value.
var boolFlags = map[string]bool{"except": true}

// shellQuote quotes s for a POSIX shell where it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=,:@+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// updateHint returns the command that accepts the difference d: hint,
// followed after " -- " by the flags apidiff update needs for it that the
// command does not pass by itself. A proposal number only the user knows is
// written NUMBER.
func updateHint(hint string, a *apiFiles, d apicheck.Diff, policy apifile.ApprovalPolicy, proposal int) string {
	if hint == "" {
		return ""
	}
	var flags []string
	if a.dir && len(d.Removed) > 0 {
		flags = append(flags, "-except")
	}
	if len(d.Added) > 0 && proposal == 0 && additionsNeedApproval(a, policy) {
		flags = append(flags, "-proposal", "NUMBER")
	}
	if len(flags) == 0 {
		return hint
	}
	hint += " -- " + strings.Join(flags, " ")
	if slices.Contains(flags, "NUMBER") {
		hint += "\n  (NUMBER: the proposal that approved the new API; each new line ends in \" #NUMBER\")"
	}
	return hint
}

// additionsNeedApproval reports whether the lines an update would add need
// a proposal number: in a snapshot under policy all; in a Go-style
// directory, in next/ (go and all) or, for a directory without API files
// yet, in the first release file (all).
func additionsNeedApproval(a *apiFiles, policy apifile.ApprovalPolicy) bool {
	switch {
	case policy == apifile.ApprovalNone:
		return false
	case !a.dir || !a.hasAPI():
		return policy == apifile.ApprovalAll
	}
	return true
}

// report is the result of a check (internal/report), printed as text here.
type report struct{ *rpt.Report }

func newReport(a *apiFiles, res apicheck.Result, hint string, sets map[string][]string) *report {
	changed, removed, added := apicheck.Changes(res.Diff)
	undeprecated, removed := apicheck.Undeprecations(removed)
	var features [][]string
	for _, fs := range sets {
		features = append(features, fs)
	}
	features = append(features, a.requiredFeatures())
	r := &rpt.Report{
		API: a.path, Files: a.files, Packages: rpt.PackagesOf(features...),
		Checked: res.Checked, NotChecked: res.NotChecked, NotCheckedLines: res.NotCheckedLines,
		Removed: removed, Changed: changed, Added: added, Undeprecated: undeprecated,
		Problems: a.problems, StaleExceptions: res.StaleExceptions,
		UpdateHint: hint,
	}
	r.OK = res.Diff.OK() && len(a.problems) == 0
	r.Normalize()
	return &report{r}
}

func (r *report) writeText(w io.Writer) {
	status := "OK"
	if !r.OK {
		status = "FAILED"
	}
	fmt.Fprintf(w, "API check %s: %s against %s\n", status, plural(len(r.Checked), "context"), r.API)
	fmt.Fprintf(w, "  checked: %s\n", strings.Join(r.Checked, ", "))
	if len(r.Files) == 0 {
		fmt.Fprintf(w, "  no API files yet: accepting the current API writes the first\n")
	}
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
		fmt.Fprintf(w, "\n%s\n", rpt.RemovedHeading)
		writeGrouped(w, r.Removed, "-")
	}
	if len(r.Changed) > 0 {
		fmt.Fprintf(w, "\n%s\n", rpt.ChangedHeading)
		var lines []string
		for _, c := range r.Changed {
			lines = append(lines, c.From, c.To)
		}
		writeGrouped(w, lines, "")
	}
	if len(r.Undeprecated) > 0 {
		fmt.Fprintf(w, "\n%s\n", rpt.UndeprecatedHeading)
		writeGrouped(w, r.Undeprecated, "-")
	}
	if len(r.Added) > 0 {
		fmt.Fprintf(w, "\n%s\n", rpt.AddedHeading)
		writeGrouped(w, r.Added, "+")
	}
	if len(r.StaleExceptions) > 0 {
		fmt.Fprintf(w, "\nWarning: %s in except.txt excuse nothing (the feature exists, or no API file lists it):\n",
			plural(len(r.StaleExceptions), "line"))
		for _, s := range r.StaleExceptions {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	if !r.OK && r.UpdateHint != "" && (len(r.Removed)+len(r.Changed)+len(r.Added)+len(r.Undeprecated) > 0) {
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
