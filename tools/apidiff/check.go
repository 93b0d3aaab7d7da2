package main

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apicheck"
	"github.com/rules-go-api/rules_go_api/internal/apifile"
	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/atomicfile"
	rpt "github.com/rules-go-api/rules_go_api/internal/report"
	"github.com/rules-go-api/rules_go_api/internal/verdict"
)

func check(args []string, stdout io.Writer) error {
	fs := newFlagSet("check")
	var in inputFlags
	in.register(fs)
	format := fs.String("format", "text", "report format: text, cmdapi or json")
	label := fs.String("label", "", "the check's name (a Bazel label) in the JSON and JUnit reports")
	jsonOut := fs.String("json-out", "", "also write the report as JSON to this file")
	fs.StringVar(&in.apiName, "api-name", "", "how the reports name -api (the Bazel check: the API files' path in the workspace, where -api is a runfiles path); default: -api")
	junitOut := fs.String("junit-out", "", "also write the report as JUnit XML to this file (one test case per package and context)")
	var baseline featuresFlag
	fs.Var(&baseline, "baseline", "CONTEXT=FILE or FILE: the features to compare with instead of -api's files, as -features takes them (a go_api_test's baseline target); only breaking changes fail (repeatable)")
	baselineName := fs.String("baseline-name", "", "how reports name -baseline (a Bazel label); default: \"the baseline\"")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("check: unexpected arguments %q", fs.Args())
	}
	if *format != "text" && *format != "cmdapi" && *format != "json" {
		return usageErrorf("check: unknown -format %q (want text, cmdapi or json)", *format)
	}
	if len(baseline) > 0 {
		if in.api != "" {
			return argErrorf("check: -api and -baseline both given: compare with API files or with a baseline's features, not both")
		}
		r, res, err := in.checkBaseline("check", baseline, *baselineName)
		if err != nil {
			return err
		}
		r.Label = *label
		return writeCheckReport(r, res, *format, *jsonOut, *junitOut, stdout)
	}
	r, res, a, policy, err := in.check("check")
	if err != nil {
		return err
	}
	r.Label = *label
	if err := writeReportFiles(r, *jsonOut, *junitOut); err != nil {
		return err
	}
	if !a.exists && !a.dir {
		// A Go-style directory that does not exist is an empty API (Git keeps no empty
		// directory, Bazel's runfiles no directory without files); a snapshot file must exist:
		// not having one is a difference (exit status 1), reported with the command that
		// records it.
		command := updateHint(in.hint, a, res.Diff, policy, in.proposal)
		if in.hint == "" {
			command = updateCommand(args, a, res.Diff, policy, in.proposal)
		}
		msg := fmt.Sprintf("the API file %s does not exist yet; create it from the current API with:\n  %s", a.name, command)
		if strings.HasPrefix(in.hint, "bazel run ") {
			msg += "\nor, for every check whose API files are missing: " + strings.ReplaceAll(rpt.SuiteUpdateHint, "`", "")
		}
		return failf("%s", msg)
	}
	return writeCheckReport(r, res, *format, "", "", stdout)
}

// writeCheckReport writes the report files asked for, prints the report in format, and returns
// the check's exit status: 1 if the report is not OK.
func writeCheckReport(r *rpt.Report, res apicheck.Result, format, jsonOut, junitOut string, stdout io.Writer) error {
	if err := writeReportFiles(r, jsonOut, junitOut); err != nil {
		return err
	}
	switch format {
	case "cmdapi":
		for _, l := range res.Diff.CmdAPILines() {
			fmt.Fprintln(stdout, l)
		}
	case "json":
		if err := r.WriteJSON(stdout); err != nil {
			return ioError(err)
		}
	default:
		r.WriteText(stdout)
	}
	if !r.OK {
		return &exitError{code: 1}
	}
	return nil
}

// check reads the features and the API files and compares them: the report of a check, not yet
// written, with the comparison, the API files and the approval policy it was made with. apidiff
// release calls it too, in process.
func (in *inputFlags) check(cmd string) (*rpt.Report, apicheck.Result, *apiFiles, apifile.ApprovalPolicy, error) {
	sets, a, policy, err := in.read(cmd)
	if err != nil {
		return nil, apicheck.Result{}, nil, "", err
	}
	if err := emptyFeatures(sets.ByContext, a); err != nil {
		return nil, apicheck.Result{}, nil, "", err
	}
	// Contexts the API files were not written for are not compared: reading their lines there
	// would call every declaration they lack removed (docs/format.md).
	checked, notRecorded, others := recorded(a, sets.ByContext)
	cmp := &apiformat.FeatureSets{ByContext: only(sets.ByContext, checked), Facts: only(sets.Facts, checked), Decls: only(sets.Decls, checked), Mains: sets.Mains}
	res := compare(cmp.ByContext, others, a)
	r := newReport(a, res, updateHint(in.hint, a, res.Diff, policy, in.proposal), sets, cmp)
	r.NotRecorded = notRecorded
	r.OK = r.OK && len(notRecorded) == 0
	r.Normalize()
	return r, res, a, policy, nil
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
	if len(d.Added) > 0 && proposal == 0 && policy.AdditionsNeedApproval(a.dir, a.hasAPI()) {
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

// compare compares the features of the contexts checked with the API files, which were also
// written for the contexts others (apicheck.CheckWritten). With no context to check, nothing is
// compared and every context the files record, or their lines mention, is not checked.
func compare(features map[string][]string, others []string, a *apiFiles) apicheck.Result {
	if len(features) > 0 {
		return apicheck.CheckWritten(features, others, a.requiredFeatures(), a.exceptFeatures())
	}
	res := apicheck.Result{NotChecked: slices.Clone(others)}
	for _, l := range a.requiredFeatures() {
		if _, c := apiformat.SplitContext(l); c != "" {
			res.NotCheckedLines++
			if !slices.Contains(res.NotChecked, c) {
				res.NotChecked = append(res.NotChecked, c)
			}
		}
	}
	slices.Sort(res.NotChecked)
	return res
}

// newReport returns the report of a check's result: all is every context's features and facts,
// fs those of the contexts compared.
func newReport(a *apiFiles, res apicheck.Result, hint string, all, fs *apiformat.FeatureSets) *rpt.Report {
	sets := all.ByContext
	pairs, removed, added := apicheck.Changes(res.Diff)
	changed := make([]rpt.Change, len(pairs))
	for i, p := range pairs {
		changed[i] = rpt.Change{From: p.From, To: p.To}
	}
	undeprecated, removed := apicheck.Undeprecations(removed, added)
	var features [][]string
	for _, fs := range sets {
		features = append(features, fs)
	}
	features = append(features, a.requiredFeatures())
	r := &rpt.Report{
		API: a.name, Files: a.files, Packages: rpt.PackagesOf(features...),
		Checked: res.Checked, NotChecked: res.NotChecked, NotCheckedLines: res.NotCheckedLines,
		Removed: removed, Changed: changed, Added: added, Undeprecated: undeprecated,
		Problems: a.problems, StaleExceptions: res.StaleExceptions,
		UpdateHint: hint,
	}
	v, factLines := decide(a, res, fs)
	pc, pcErr := newProofChecker(a, fs)
	if pc != nil {
		judge(pc, res.Checked, &v)
	}
	r.Verdict, r.Semver, r.LackedFacts = v.Verdict.String(), v.Verdict.Semver(), v.Lacked
	r.PackageVerdicts = make(map[string]string)
	for _, p := range r.Packages {
		r.PackageVerdicts[p] = v.Packages[p].String()
	}
	unproven, verified := verifyProofs(pc, pcErr, res.Checked, &v)
	r.ProofsVerified, r.Unproven = verified, len(unproven)
	factChange := false
	for i, c := range v.Changes {
		r.Changes = append(r.Changes, rpt.Finding{Package: c.Package, Object: c.Object, Class: c.Class, Verdict: c.Verdict.String(),
			Lines: c.Lines, Why: c.Why, Proof: c.Proof, Unproven: unproven[i]})
		for _, l := range c.Lines {
			// A fact that changed how clients can use the API is a difference from the API
			// files (their facts file), as a line is.
			factChange = factChange || c.Verdict != verdict.None && factLines[l]
		}
	}
	// A break the compiler found where no line or fact changed (the order of an unnamed struct
	// type's fields) is a difference from the API files too: their declarations record.
	r.OK = res.Diff.OK() && len(a.problems) == 0 && !factChange && v.Verdict != verdict.Breaking
	r.Normalize()
	return r
}

// decide classifies the difference res and the facts' difference (internal/verdict). It also
// returns the facts' differences as a change's lines spell them ("-" or "+" and the fact).
func decide(a *apiFiles, res apicheck.Result, fs *apiformat.FeatureSets) (verdict.Result, map[string]bool) {
	in := verdict.Input{Removed: res.Diff.Removed, Added: res.Diff.Added, OldLines: a.requiredFeatures(),
		OldFacts: a.facts, HaveOldFacts: a.hasFacts, Contexts: res.Checked}
	factLines := make(map[string]bool)
	var factsDiff apicheck.Diff
	if a.hasFacts {
		factsDiff = apicheck.Check(fs.Facts, a.facts, nil).Diff
		in.FactsRemoved, in.FactsAdded = factsDiff.Removed, factsDiff.Added
		for _, f := range factsDiff.Removed {
			factLines["-"+f] = true
		}
		for _, f := range factsDiff.Added {
			factLines["+"+f] = true
		}
	}
	if res.Diff.OK() && factsDiff.OK() {
		return verdict.Decide(in), factLines // nothing to classify: spare merging the features again
	}
	in.NewLines, in.NewFacts = res.Merged, apicheck.Merge(fs.Facts)
	if in.NewLines == nil {
		in.NewLines = apicheck.Merge(fs.ByContext)
	}
	return verdict.Decide(in), factLines
}
