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
	fmt.Fprintf(w, "API check %s: %s against %s\n", status, Plural(len(r.Checked), "context"), r.API)
	fmt.Fprintf(w, "  checked: %s\n", strings.Join(r.Checked, ", "))
	if len(r.Files) == 0 {
		fmt.Fprintf(w, "  no API files yet: accepting the current API writes the first\n")
	}
	if len(r.NotChecked) > 0 {
		fmt.Fprintf(w, "  not checked: %d lines of %s the API files mention: %s\n",
			r.NotCheckedLines, Plural(len(r.NotChecked), "other context"), strings.Join(r.NotChecked, ", "))
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(w, "\nProblems in the API files (fix them by hand):\n")
		for _, p := range r.Problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	if len(r.Removed) > 0 {
		fmt.Fprintf(w, "\n%s\n", RemovedHeading)
		writeGrouped(w, r.Removed, "-")
	}
	if len(r.Changed) > 0 {
		fmt.Fprintf(w, "\n%s\n", ChangedHeading)
		var lines []string
		for _, c := range r.Changed {
			lines = append(lines, c.From, c.To)
		}
		writeGrouped(w, lines, "")
	}
	if len(r.Undeprecated) > 0 {
		fmt.Fprintf(w, "\n%s\n", UndeprecatedHeading)
		writeGrouped(w, r.Undeprecated, "-")
	}
	if len(r.Added) > 0 {
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
