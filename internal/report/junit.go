package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
)

// The headings of a report's sections of differences, in the order they are printed: the text
// report (apidiff check) and the JUnit failures use the same.
const (
	RemovedHeading      = "Removed (breaking: code using these no longer compiles):"
	ChangedHeading      = "Changed (breaking):"
	UndeprecatedHeading = "No longer deprecated (not breaking):"
	AddedHeading        = "Added (not yet in the API files):"
)

// diffLine is one line of a failure, for the package it belongs to, under its section's heading,
// with the verdict of its change ("" for a report without classified changes).
type diffLine struct{ pkg, heading, verdict, text string }

// holdsIn reports whether a feature line (or fact) holds in context ctx: it has no context suffix,
// or ctx's.
func holdsIn(line, ctx string) bool {
	_, c := apiformat.SplitContext(line)
	return c == "" || c == ctx
}

// contextLines returns the report's differences in context ctx as text lines with their package,
// section by section. A classified change counts in ctx when its lines that hold there (those
// without a context suffix, and those of ctx) do not cancel out: a declaration of every context
// that stays in some only is removed without a suffix and added with theirs, and in a context
// that keeps it nothing changed.
func (r *Report) contextLines(ctx string) []diffLine {
	var out []diffLine
	if len(r.Changes) > 0 {
		for _, v := range []string{"breaking", "compatible", "none"} {
			for _, c := range r.Changes {
				if c.Verdict != v {
					continue
				}
				var here []string
				removed, added := make(map[string]bool), make(map[string]bool)
				for _, l := range c.Lines {
					if !holdsIn(l[1:], ctx) {
						continue
					}
					here = append(here, l)
					f, _ := apiformat.SplitContext(l[1:])
					if l[0] == '-' {
						removed[f] = true
					} else {
						added[f] = true
					}
				}
				if maps.Equal(removed, added) {
					continue // nothing, or nothing that differs in ctx
				}
				for _, l := range here {
					_, _, decl, _ := apiformat.Split(l[1:])
					out = append(out, diffLine{pkg: c.Package, heading: r.VerdictHeading(v), verdict: v,
						text: l[:1] + " " + decl + "  [" + c.Class + "]"})
				}
			}
		}
		return out
	}
	add := func(heading, sign, line string) {
		if !holdsIn(line, ctx) {
			return
		}
		pkg, _, decl, _ := apiformat.Split(line)
		out = append(out, diffLine{pkg: pkg, heading: heading, text: sign + " " + decl})
	}
	for _, l := range r.Removed {
		add(RemovedHeading, "-", l)
	}
	for _, c := range r.Changed {
		add(ChangedHeading, "-", c.From)
		add(ChangedHeading, "+", c.To)
	}
	for _, l := range r.Undeprecated {
		add(UndeprecatedHeading, "-", l)
	}
	for _, l := range r.Added {
		add(AddedHeading, "+", l)
	}
	return out
}

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the report as JUnit XML: one test suite named after the check, one test case
// per package and checked context (failing with the lines that differ there, and the verdict of
// the changes that hold in that context: its message names it), and one for the API files when
// they have problems.
func (r *Report) WriteJUnit(w io.Writer) error {
	suite := junitSuite{Name: r.Label}
	if suite.Name == "" {
		suite.Name = r.API
	}
	// Each case's lines under the text report's headings (contextLines comes section by
	// section), and the verdict of the changes among them: the strongest.
	type key struct{ pkg, ctx string }
	byCase := make(map[key][]string)
	lastHeading := make(map[key]string)
	caseVerdict := make(map[key]string)
	for _, ctx := range r.Checked {
		for _, l := range r.contextLines(ctx) {
			k := key{l.pkg, ctx}
			if lastHeading[k] != l.heading {
				if len(byCase[k]) > 0 {
					byCase[k] = append(byCase[k], "")
				}
				byCase[k] = append(byCase[k], l.heading)
				lastHeading[k] = l.heading
			}
			byCase[k] = append(byCase[k], "  "+l.text)
			if verdictRank[l.verdict] > verdictRank[caseVerdict[k]] {
				caseVerdict[k] = l.verdict
			}
		}
	}
	for _, pkg := range r.Packages {
		for _, ctx := range r.Checked {
			c := junitCase{Name: ctx, ClassName: pkg}
			k := key{pkg, ctx}
			// Against a baseline only breaking changes fail (there is nothing to accept), and only
			// when they fail the check (a v0 release may break).
			if lines := byCase[k]; len(lines) > 0 && (r.Baseline == "" || caseVerdict[k] == "breaking" && !r.OK) {
				v := r.packageVerdict(pkg) // a report without classified changes (an older one)
				if caseVerdict[k] != "" {
					v = ": " + caseVerdict[k]
				}
				c.Failure = &junitFailure{Message: fmt.Sprintf("the API of %s on %s differs from %s%s", pkg, ctx, r.API, v),
					Text: strings.Join(lines, "\n") + "\n"}
				if r.UpdateHint != "" {
					c.Failure.Text += "\nIf the change is intended, accept it with:\n  " + r.UpdateHint + "\n"
				}
			}
			suite.Cases = append(suite.Cases, c)
		}
	}
	if r.Release != nil {
		// The version decided, as a case of its own: it fails when the version is refused.
		c := junitCase{Name: "release", ClassName: r.Release.Module}
		if !r.OK {
			c.Failure = &junitFailure{Message: r.Release.Message, Text: r.Release.Message + "\n"}
		}
		suite.Cases = append(suite.Cases, c)
	}
	for _, pkg := range r.Packages {
		for _, ctx := range r.NotRecorded {
			text := r.NotRecordedLine() + "\n"
			if r.UpdateHint != "" {
				text += "\nRecord it with:\n  " + r.UpdateHint + "\n"
			}
			suite.Cases = append(suite.Cases, junitCase{Name: ctx, ClassName: pkg,
				Failure: &junitFailure{Message: fmt.Sprintf("%s is not yet recorded in %s", ctx, r.API), Text: text}})
		}
	}
	if len(r.Problems) > 0 {
		suite.Cases = append(suite.Cases, junitCase{Name: "API files", ClassName: r.API,
			Failure: &junitFailure{Message: "problems in the API files", Text: strings.Join(r.Problems, "\n") + "\n"}})
	}
	for _, c := range suite.Cases {
		suite.Tests++
		if c.Failure != nil {
			suite.Failures++
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(junitSuites{Suites: []junitSuite{suite}}); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// verdictRank orders verdicts from the weakest.
var verdictRank = map[string]int{"none": 1, "compatible": 2, "breaking": 3}

// packageVerdict returns ": breaking" and the like for the package's verdict, or "".
func (r *Report) packageVerdict(pkg string) string {
	if v, ok := r.PackageVerdicts[pkg]; ok {
		return ": " + v
	}
	return ""
}
