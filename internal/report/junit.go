package report

import (
	"encoding/xml"
	"fmt"
	"io"
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

// diffLine is one line of a failure, for the package and context it belongs to, under its
// section's heading.
type diffLine struct{ pkg, ctx, heading, text string }

// lines returns the report's differences as text lines with their package and context ("" for
// every context), section by section.
func (r *Report) lines() []diffLine {
	var out []diffLine
	if len(r.Changes) > 0 {
		for _, v := range []string{"breaking", "compatible", "none"} {
			for _, c := range r.Changes {
				if c.Verdict != v {
					continue
				}
				for _, l := range c.Lines {
					_, ctx, decl, _ := apiformat.Split(l[1:])
					out = append(out, diffLine{pkg: c.Package, ctx: ctx, heading: VerdictHeadings[v],
						text: l[:1] + " " + decl + "  [" + c.Class + "]"})
				}
			}
		}
		return out
	}
	add := func(heading, sign, line string) {
		pkg, ctx, decl, _ := apiformat.Split(line)
		out = append(out, diffLine{pkg: pkg, ctx: ctx, heading: heading, text: sign + " " + decl})
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
// per package and checked context (failing with the lines that differ there), and one for the API
// files when they have problems.
func (r *Report) WriteJUnit(w io.Writer) error {
	suite := junitSuite{Name: r.Label}
	if suite.Name == "" {
		suite.Name = r.API
	}
	// Each case's lines under the text report's headings; lines() comes section by section.
	byCase := make(map[[2]string][]string)
	lastHeading := make(map[[2]string]string)
	for _, l := range r.lines() {
		for _, ctx := range r.Checked {
			if l.ctx == "" || l.ctx == ctx {
				k := [2]string{l.pkg, ctx}
				if lastHeading[k] != l.heading {
					if len(byCase[k]) > 0 {
						byCase[k] = append(byCase[k], "")
					}
					byCase[k] = append(byCase[k], l.heading)
					lastHeading[k] = l.heading
				}
				byCase[k] = append(byCase[k], "  "+l.text)
			}
		}
	}
	for _, pkg := range r.Packages {
		for _, ctx := range r.Checked {
			c := junitCase{Name: ctx, ClassName: pkg}
			if lines := byCase[[2]string{pkg, ctx}]; len(lines) > 0 {
				c.Failure = &junitFailure{Message: fmt.Sprintf("the API of %s on %s differs from %s%s", pkg, ctx, r.API, r.packageVerdict(pkg)),
					Text: strings.Join(lines, "\n") + "\n"}
				if r.UpdateHint != "" {
					c.Failure.Text += "\nIf the change is intended, accept it with:\n  " + r.UpdateHint + "\n"
				}
			}
			suite.Cases = append(suite.Cases, c)
		}
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

// packageVerdict returns ": breaking" and the like for the package's verdict, or "".
func (r *Report) packageVerdict(pkg string) string {
	if v, ok := r.PackageVerdicts[pkg]; ok {
		return ": " + v
	}
	return ""
}
