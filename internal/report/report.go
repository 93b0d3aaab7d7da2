// Package report is the result of one API check: its JSON form (what apidiff check -format=json
// prints and each Bazel check leaves in its test outputs), its JUnit XML form (what CI systems
// that read Bazel's test.xml show), and their reading back, for apireport.
package report

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apicheck"
)

// Report is the result of a check (docs/cli.md, apidiff check -format=json).
type Report struct {
	// Label names the check (a Bazel label), when the check has one.
	Label string `json:"label,omitempty"`
	// OK is true if the API matches and the API files have no problems.
	OK bool `json:"ok"`
	// API is the -api path; Files the API files read.
	API   string   `json:"api"`
	Files []string `json:"files"`
	// Packages are the import paths the check covers: those of the features and of the API files.
	Packages []string `json:"packages"`
	// Checked and NotChecked are context names; NotCheckedLines counts the API file lines of the
	// contexts not checked.
	Checked         []string `json:"checked_contexts"`
	NotChecked      []string `json:"not_checked_contexts"`
	NotCheckedLines int      `json:"not_checked_lines"`
	// Removed, Changed and Added are feature lines (with a context suffix when the difference is
	// context-specific). A change pairs the old and the new line of one declaration; Removed and
	// Added hold the rest.
	Removed []string          `json:"removed"`
	Changed []apicheck.Change `json:"changed"`
	Added   []string          `json:"added"`
	// Undeprecated are "//deprecated" lines of declarations that still exist but are no longer
	// deprecated: a difference, not a break.
	Undeprecated []string `json:"undeprecated"`
	// Problems are defects of the API files (each one fails the check).
	Problems []string `json:"problems"`
	// StaleExceptions are except.txt lines that excused nothing (warnings).
	StaleExceptions []string `json:"stale_exceptions"`
	// UpdateHint is the command that accepts the change.
	UpdateHint string `json:"update_hint,omitempty"`
}

// Normalize makes every list non-nil (JSON arrays, never null).
func (r *Report) Normalize() {
	for _, p := range []*[]string{&r.Files, &r.Packages, &r.Checked, &r.NotChecked, &r.Removed, &r.Added,
		&r.Undeprecated, &r.Problems, &r.StaleExceptions} {
		if *p == nil {
			*p = []string{}
		}
	}
	if r.Changed == nil {
		r.Changed = []apicheck.Change{}
	}
}

// Breaking reports whether the report shows a change that breaks importers.
func (r *Report) Breaking() bool { return len(r.Removed)+len(r.Changed) > 0 }

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// Read reads a report written by WriteJSON.
func Read(data []byte) (*Report, error) {
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	if r.API == "" && r.Checked == nil {
		return nil, fmt.Errorf("not an API check report")
	}
	r.Normalize()
	return &r, nil
}

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
	add := func(heading, sign, line string) {
		feature, ctx := apicheck.SplitContext(line)
		head, decl, _ := strings.Cut(feature, ", ")
		out = append(out, diffLine{pkg: strings.TrimPrefix(head, "pkg "), ctx: ctx, heading: heading, text: sign + " " + decl})
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
				c.Failure = &junitFailure{Message: fmt.Sprintf("the API of %s on %s differs from %s", pkg, ctx, r.API),
					Text: strings.Join(lines, "\n") + "\n"}
				if r.UpdateHint != "" {
					c.Failure.Text += "\nIf the change is intended, accept it with:\n  " + r.UpdateHint + "\n"
				}
			}
			suite.Cases = append(suite.Cases, c)
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

// PackagesOf returns the sorted import paths that feature lines mention.
func PackagesOf(lines ...[]string) []string {
	set := make(map[string]bool)
	for _, ls := range lines {
		for _, l := range ls {
			f, _ := apicheck.SplitContext(l)
			head, _, ok := strings.Cut(f, ", ")
			if ok && strings.HasPrefix(head, "pkg ") {
				set[strings.TrimPrefix(head, "pkg ")] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
