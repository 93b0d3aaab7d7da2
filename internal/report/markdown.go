package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
)

// Markdown renders the reports: a count, then breaking changes, additions and problems, per check
// (sorted by name) and package, each with its accept command, and the checks that passed.
func Markdown(reports []*Report) string {
	slices.SortFunc(reports, func(a, b *Report) int { return strings.Compare(name(a), name(b)) })
	var breaking, other, passed []*Report
	for _, r := range reports {
		switch {
		case r.OK && (r.Baseline == "" || len(r.Changes) == 0):
			// (A check against a baseline passes with compatible changes: they are shown.)
			passed = append(passed, r)
		case r.Breaking() || len(r.Changes) == 0 && len(r.Removed)+len(r.Changed) > 0:
			breaking = append(breaking, r)
		default:
			other = append(other, r)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## API changes\n\n%s: %d with breaking changes, %d with other differences, %d unchanged.\n",
		Plural(len(reports), "API check"), len(breaking), len(other), len(passed))
	if failed := len(breaking) + len(other); failed > 1 && underBazel(reports) {
		fmt.Fprintf(&b, "\nTo accept every change at once: %s.\n", SuiteUpdateHint)
	}
	section := func(title string, rs []*Report) {
		if len(rs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n### %s\n", title)
		for _, r := range rs {
			writeMarkdownCheck(&b, r)
		}
	}
	section("Breaking changes", breaking)
	section("Additions and other differences", other)
	if len(passed) > 0 {
		fmt.Fprintf(&b, "\n### Unchanged\n\n")
		for _, r := range passed {
			fmt.Fprintf(&b, "- `%s`\n", name(r))
		}
	}
	return b.String()
}

func writeMarkdownCheck(b *strings.Builder, r *Report) {
	fmt.Fprintf(b, "\n#### `%s`\n", name(r))
	if r.Baseline != "" {
		fmt.Fprintf(b, "\nCompared with `%s`.\n", r.Baseline)
	}
	if len(r.Changes) > 0 {
		fmt.Fprintf(b, "\nVerdict: **%s**\n", r.VerdictLine())
	}
	if r.Release != nil {
		fmt.Fprintf(b, "\nRelease: %s.\n", r.Release.Message)
	}
	type entry struct{ kind, text string }
	byPkg := make(map[string][]entry)
	decl := func(line string) string {
		_, d := apiformat.HeadAndDecl(line)
		return d
	}
	add := func(kind, line, text string) {
		where := apiformat.Where(line)
		byPkg[where] = append(byPkg[where], entry{kind, text})
	}
	for _, c := range r.Changes {
		var ls []string
		for _, l := range c.Lines {
			// Each line with its context, as the text report shows it: the same declaration may
			// change in several contexts.
			text := "`" + l[:1] + " " + decl(l[1:]) + "`"
			if _, ctx := apiformat.SplitContext(l[1:]); ctx != "" {
				text += " (" + ctx + ")"
			}
			ls = append(ls, text)
		}
		text := c.Verdict + " (" + c.Class + "): " + strings.Join(ls, ", ")
		if c.Proof != "" {
			text += "\n\n  ```go\n  " + strings.ReplaceAll(strings.TrimSuffix(c.Proof, "\n"), "\n", "\n  ") + "\n  ```\n"
		}
		if c.Unproven != "" {
			text += "; unproven: " + c.Unproven
		}
		byPkg[c.Package] = append(byPkg[c.Package], entry{"", text})
	}
	for _, l := range r.Removed {
		if len(r.Changes) > 0 {
			break
		}
		add("removed", l, "`"+decl(l)+"`")
	}
	for _, c := range r.Changed {
		if len(r.Changes) > 0 {
			break
		}
		add("changed", c.From, "`"+decl(c.From)+"` → `"+decl(c.To)+"`")
	}
	for _, l := range r.Undeprecated {
		if len(r.Changes) > 0 {
			break
		}
		add("no longer deprecated", l, "`"+decl(l)+"`")
	}
	for _, l := range r.Added {
		if len(r.Changes) > 0 {
			break
		}
		add("added", l, "`"+decl(l)+"`")
	}
	for _, p := range slices.Sorted(maps.Keys(byPkg)) {
		fmt.Fprintf(b, "\n`%s`\n\n", p)
		for _, e := range byPkg[p] {
			if e.kind == "" {
				fmt.Fprintf(b, "- %s\n", e.text)
				continue
			}
			fmt.Fprintf(b, "- %s: %s\n", e.kind, e.text)
		}
	}
	if len(r.NotRecorded) > 0 {
		them := "them"
		if len(r.NotRecorded) == 1 {
			them = "it"
		}
		fmt.Fprintf(b, "\nNot yet recorded: `%s` (the API files were not written for %s: not compared, not a change of the API; the update records %s).\n",
			strings.Join(r.NotRecorded, "`, `"), them, them)
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(b, "\nProblems in the API files:\n\n")
		for _, p := range r.Problems {
			fmt.Fprintf(b, "- `%s`\n", p)
		}
	}
	if r.UpdateHint != "" {
		hint, note, _ := strings.Cut(r.UpdateHint, "\n")
		fmt.Fprintf(b, "\nAccept with `%s`", hint)
		if note = strings.TrimSpace(note); note != "" {
			fmt.Fprintf(b, " %s", note)
		}
		b.WriteString("\n")
	}
}

// SuiteUpdateHint names the command that accepts the changes of many Bazel checks at once. A check
// does not know which go_api_checks suites list it; Gazelle's is //:api_checks.
const SuiteUpdateHint = "`bazel run //:api_checks.update` (the `.update` of the go_api_checks suite that lists the checks; Gazelle maintains it as `//:api_checks`)"

// underBazel reports whether the reports come from Bazel checks, whose update hints are bazel run
// commands.
func underBazel(reports []*Report) bool {
	return slices.ContainsFunc(reports, func(r *Report) bool { return strings.HasPrefix(r.UpdateHint, "bazel run ") })
}

func name(r *Report) string {
	if r.Label != "" {
		return r.Label
	}
	return r.API
}
