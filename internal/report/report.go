// Package report is the result of one API check and its renderings: JSON (what apidiff check
// -format=json prints and each Bazel check leaves in its test outputs; the schema is documented in
// docs/format.md), text (apidiff check's output), JUnit XML (what CI systems that read Bazel's
// test.xml show) and Markdown (apireport's summary of many checks for a pull request).
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
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
	Removed []string `json:"removed"`
	Changed []Change `json:"changed"`
	Added   []string `json:"added"`
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

// Change is a changed declaration: its old and its new feature line.
type Change struct {
	From string `json:"from"`
	To   string `json:"to"`
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
		r.Changed = []Change{}
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

// PackagesOf returns the sorted import paths that feature lines mention.
func PackagesOf(lines ...[]string) []string {
	set := make(map[string]bool)
	for _, ls := range lines {
		for _, l := range ls {
			if path, _, _, ok := apiformat.Split(l); ok {
				set[path] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(set))
}
