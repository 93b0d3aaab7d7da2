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
	// NotRecorded are contexts given that the API files were not written for (their facts file
	// does not record them, docs/format.md): not compared, and not part of Checked. They fail the
	// check until an update records them; they are not a difference of the API.
	NotRecorded []string `json:"not_recorded_contexts"`
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
	// Verdict is the kind of the difference (internal/verdict): "breaking", "compatible" or
	// "none"; Semver the version step it implies: "major", "minor" or "patch".
	Verdict string `json:"verdict"`
	Semver  string `json:"semver"`
	// PackageVerdicts holds the verdict of each package of Packages, by import path.
	PackageVerdicts map[string]string `json:"package_verdicts"`
	// Changes are the differences, classified: removed, changed and added lines, and the facts
	// recorded beside the API files, grouped into changes of one declaration each.
	Changes []Finding `json:"changes"`
	// LackedFacts names what the verdict could not compare because the API files have no facts
	// file yet (the next update writes it).
	LackedFacts []string `json:"lacked_facts"`
	// ProofsVerified is true when every proof was type-checked against the declarations records
	// of both sides (docs/format.md): a proof printed compiles against the API files' records and
	// fails against the new ones. Without records beside the API files (written before them)
	// proofs are printed unchecked, as written from the lines.
	ProofsVerified bool `json:"proofs_verified"`
	// Unproven counts the breaking changes without a verified proof (each says why in its
	// Unproven); 0 when proofs were not verified.
	Unproven int `json:"unproven"`
	// Baseline names what the API was compared with when that is not API files checked in
	// beside it: a go_api_test's baseline target (its label), or the published version apidiff
	// release compares with (MODULE@VERSION). Such a check has nothing to accept: OK is false only
	// for breaking changes (or, for a check, any change when it was asked to fail on any).
	Baseline string `json:"baseline,omitempty"`
	// Release is set in the report of apidiff release: the published version compared with and
	// the version the changes need (docs/release.md). There OK is whether the changes fit the
	// version proposed, or any version of the module when none is.
	Release *Release `json:"release,omitempty"`
}

// Release is what apidiff release says of a release: the working tree of Module compared with
// its published version Base.
type Release struct {
	Module string `json:"module"`
	Base   string `json:"base"`
	// Version is the version proposed (-version), if any.
	Version string `json:"version,omitempty"`
	// Step is the version step the changes need after Base: "major", "minor" or "patch" (in v0,
	// breaking changes need "minor").
	Step string `json:"step"`
	// Next is the smallest version the changes allow; NewModulePath, when the changes need a new
	// major version of a v1+ module, the module path that version must have.
	Next          string `json:"next"`
	NewModulePath string `json:"new_module_path,omitempty"`
	// Message is the final line of the text report, or the reason the version is refused.
	Message string `json:"message"`
}

// Finding is one classified change.
type Finding struct {
	Package string `json:"package"`
	// Object is the package-level declaration the change is to (for a method or a field, its
	// type); "" for the package itself.
	Object string `json:"object,omitempty"`
	// Class names the kind of change, e.g. "comparable_lost" (docs/verdict.md lists them).
	Class string `json:"class"`
	// Verdict is "breaking", "compatible" or "none".
	Verdict string `json:"verdict"`
	// Lines are the feature lines and facts behind the change, each after "-" or "+".
	Lines []string `json:"lines"`
	// Why says why the class has its verdict.
	Why string `json:"why"`
	// Proof is, for a breaking change, a client program that compiled against the old API and
	// does not against the new ("" when none could be written).
	Proof string `json:"proof,omitempty"`
	// Unproven says, for a breaking change without a verified proof, why: no program is
	// written for it, or the one written did not compile against the old records or did
	// against the new ones (then it is not printed).
	Unproven string `json:"unproven,omitempty"`
}

// Change is a changed declaration: its old and its new feature line.
type Change struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Normalize makes every list non-nil (JSON arrays, never null).
func (r *Report) Normalize() {
	for _, p := range []*[]string{&r.Files, &r.Packages, &r.Checked, &r.NotChecked, &r.Removed, &r.Added,
		&r.Undeprecated, &r.Problems, &r.StaleExceptions, &r.NotRecorded} {
		if *p == nil {
			*p = []string{}
		}
	}
	if r.Changed == nil {
		r.Changed = []Change{}
	}
	if r.Changes == nil {
		r.Changes = []Finding{}
	}
	if r.LackedFacts == nil {
		r.LackedFacts = []string{}
	}
	if r.PackageVerdicts == nil {
		r.PackageVerdicts = map[string]string{}
	}
	if r.Verdict == "" {
		r.Verdict, r.Semver = "none", "patch"
	}
}

// Breaking reports whether the report shows a change that breaks importers.
func (r *Report) Breaking() bool { return r.Verdict == "breaking" }

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
