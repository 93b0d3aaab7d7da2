package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
)

// WriteText writes the report as apidiff check prints it: a status line, the contexts, then each
// section of differences with its feature lines grouped by package, and the command that accepts
// the change.
func (r *Report) WriteText(w io.Writer) {
	status := "OK"
	if !r.OK {
		status = "FAILED"
	}
	if r.Release != nil {
		fmt.Fprintf(w, "Release of %s: %s compared with %s\n", r.Release.Module, Plural(len(r.Checked), "context"), r.API)
	} else if r.Baseline != "" {
		fmt.Fprintf(w, "API check %s: %s against %s\n", status, Plural(len(r.Checked), "context"), r.baselinePhrase())
	} else {
		fmt.Fprintf(w, "API check %s: %s against %s\n", status, Plural(len(r.Checked), "context"), r.API)
	}
	if len(r.Changes) > 0 || len(r.LackedFacts) > 0 {
		fmt.Fprintf(w, "  verdict: %s\n", r.VerdictLine())
	}
	if r.Breaking() && !r.ProofsVerified {
		fmt.Fprintf(w, "  proofs: not type-checked: no declarations beside the API files or in the features (the next update writes them)\n")
	}
	fmt.Fprintf(w, "  checked: %s\n", strings.Join(r.Checked, ", "))
	if len(r.Files) == 0 {
		fmt.Fprintf(w, "  no API files yet: accepting the current API writes the first\n")
	}
	if len(r.NotChecked) > 0 {
		fmt.Fprintf(w, "  not checked: %d lines of %s the API files mention: %s\n",
			r.NotCheckedLines, Plural(len(r.NotChecked), "other context"), strings.Join(r.NotChecked, ", "))
	}
	if len(r.NotRecorded) > 0 {
		fmt.Fprintf(w, "  %s\n", r.NotRecordedLine())
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(w, "\nProblems in the API files (fix them by hand):\n")
		for _, p := range r.Problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	if len(r.Changes) > 0 {
		r.writeChanges(w)
	} else if len(r.Removed) > 0 {
		fmt.Fprintf(w, "\n%s\n", RemovedHeading)
		writeGrouped(w, r.Removed, "-")
	}
	if len(r.Changes) == 0 && len(r.Changed) > 0 {
		fmt.Fprintf(w, "\n%s\n", ChangedHeading)
		var lines []string
		for _, c := range r.Changed {
			lines = append(lines, c.From, c.To)
		}
		writeGrouped(w, lines, "")
	}
	if len(r.Changes) == 0 && len(r.Undeprecated) > 0 {
		fmt.Fprintf(w, "\n%s\n", UndeprecatedHeading)
		writeGrouped(w, r.Undeprecated, "-")
	}
	if len(r.Changes) == 0 && len(r.Added) > 0 {
		fmt.Fprintf(w, "\n%s\n", AddedHeading)
		writeGrouped(w, r.Added, "+")
	}
	if len(r.StaleExceptions) > 0 {
		fmt.Fprintf(w, "\nWarning: %s in except.txt excuse nothing (the feature exists, or no API file lists it):\n",
			Plural(len(r.StaleExceptions), "line"))
		for _, s := range r.StaleExceptions {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	if !r.OK && r.Baseline != "" && r.Release == nil && len(r.Changes) > 0 {
		fmt.Fprintf(w, "\n%s\n", r.BaselineAdvice())
	} else if !r.OK && r.UpdateHint != "" && (len(r.Removed)+len(r.Changed)+len(r.Added)+len(r.Undeprecated)+len(r.Changes) > 0) {
		fmt.Fprintf(w, "\nIf the change is intended, accept it with:\n  %s\n", r.UpdateHint)
	} else if len(r.NotRecorded) > 0 && r.UpdateHint != "" {
		fmt.Fprintf(w, "\nRecord the new %s with:\n  %s\n", pluralWord(len(r.NotRecorded), "context"), r.UpdateHint)
	}
}

// NotRecordedLine says which contexts the API files were not yet written for, and what that means.
func (r *Report) NotRecordedLine() string {
	them := "them"
	if len(r.NotRecorded) == 1 {
		them = "it"
	}
	return fmt.Sprintf("not yet recorded: %s (the API files were not written for %s: not compared, not a change of the API; the update records %s)",
		strings.Join(r.NotRecorded, ", "), them, them)
}

// writeGrouped prints feature lines under a header per package (and
// context). With an empty sign, lines come in old/new pairs, printed as
// "- old" and "+ new".
func writeGrouped(w io.Writer, lines []string, sign string) {
	last := ""
	for i, l := range lines {
		head, decl := apiformat.HeadAndDecl(l)
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

// Plural returns "1 what" or "n whats": how messages count things.
func Plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// old names the side compared with in the reports' sentences: the API files, or the baseline.
func (r *Report) old() string {
	if r.Baseline != "" {
		return r.Baseline
	}
	return "the API files"
}

// baselinePhrase is "the baseline NAME", or "the baseline" for one without a name.
func (r *Report) baselinePhrase() string {
	if r.Baseline == UnnamedBaseline {
		return r.Baseline
	}
	return "the baseline " + r.Baseline
}

// UnnamedBaseline is the Baseline of a report whose baseline was given no name.
const UnnamedBaseline = "the baseline"

// VerdictHeading heads the text report's section of classified changes of verdict v.
func (r *Report) VerdictHeading(v string) string {
	switch v {
	case "breaking":
		return "Breaking (code that compiled against " + r.old() + " no longer compiles):"
	case "compatible":
		return "Compatible (the API grew; code that compiled still compiles):"
	}
	if r.Baseline != "" {
		return "No change for clients (the API still differs from " + r.Baseline + "):"
	}
	return "No change for clients (the API files still differ):"
}

// BaselineAdvice is what a failed check against a baseline says instead of an update command:
// there are no API files to accept the change into.
func (r *Report) BaselineAdvice() string {
	return fmt.Sprintf("A check against a baseline has nothing to accept: code that compiled against %s no longer compiles "+
		"(the proofs above). Keep the API compatible or, if the break is intended, change the baseline "+
		"(after a release, its version; in Go, a breaking release is a new major version, a new module path).", r.Baseline)
}

// VerdictLine says the verdict in one line: "breaking (a major version): 2 breaking changes, 1
// compatible", and which facts it lacked.
func (r *Report) VerdictLine() string {
	counts := make(map[string]int)
	for _, c := range r.Changes {
		counts[c.Verdict]++
	}
	var parts []string
	for _, v := range []string{"breaking", "compatible", "none"} {
		if n := counts[v]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, v))
		}
	}
	line := fmt.Sprintf("%s (a %s version)", r.Verdict, r.Semver)
	if len(parts) > 0 {
		line += ": " + strings.Join(parts, ", ") + " " + pluralWord(len(r.Changes), "change")
	}
	if len(r.LackedFacts) > 0 {
		line += "; without facts beside the API files (the next update writes them), not compared: " + strings.Join(r.LackedFacts, ", ")
	}
	if r.ProofsVerified && r.Unproven > 0 {
		line += fmt.Sprintf("; %d unproven (no verified proof)", r.Unproven)
	}
	return line
}

func pluralWord(n int, what string) string {
	if n == 1 {
		return what
	}
	return what + "s"
}

// writeChanges prints the classified changes by verdict, then package: each with its class, why,
// its lines and, for a breaking one, the client program that proves it.
func (r *Report) writeChanges(w io.Writer) {
	for _, v := range []string{"breaking", "compatible", "none"} {
		last := ""
		for _, c := range r.Changes {
			if c.Verdict != v {
				continue
			}
			if last == "" {
				fmt.Fprintf(w, "\n%s\n", r.VerdictHeading(v))
			}
			if c.Package != last {
				fmt.Fprintf(w, "  %s\n", c.Package)
				last = c.Package
			}
			fmt.Fprintf(w, "    %s: %s\n", c.Class, c.Why)
			for _, l := range c.Lines {
				_, decl := apiformat.HeadAndDecl(l[1:])
				if _, ctx := apiformat.SplitContext(l[1:]); ctx != "" {
					decl += "  (" + ctx + ")"
				}
				fmt.Fprintf(w, "      %s %s\n", l[:1], decl)
			}
			if c.Proof != "" {
				fmt.Fprintf(w, "      proof: this program compiled against %s and does not compile now:\n", r.old())
				for _, pl := range strings.Split(strings.TrimSuffix(c.Proof, "\n"), "\n") {
					if pl == "" {
						fmt.Fprintln(w)
						continue
					}
					fmt.Fprintf(w, "        %s\n", pl)
				}
			}
			if c.Unproven != "" {
				fmt.Fprintf(w, "      unproven: %s\n", c.Unproven)
			}
		}
	}
}
