package apicheck

import (
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/contexts"
)

// Diff is the difference between generated features and API files.
type Diff struct {
	// Added are generated features that no API file lists (cmd/api's "+").
	Added []string
	// Removed are features the API files require that were not generated
	// and that except.txt does not excuse (cmd/api's "-").
	Removed []string
	// Excused are the except.txt lines that excused a missing feature.
	Excused []string
}

// OK reports whether there is no difference.
func (d Diff) OK() bool { return len(d.Added) == 0 && len(d.Removed) == 0 }

// Compare compares generated features with required ones (the lines of the
// API files) under cmd/api's rules:
//
//   - a required line missing from features is Removed, unless except
//     lists it, it belongs to a removed port, or it carries a context
//     suffix and the same feature was generated without one (the feature
//     became common to all contexts: go.dev/issue/4303);
//   - a generated feature no required line lists is Added; except.txt never
//     excuses additions.
//
// One deliberate difference from cmd/api: to find the context-free form of
// a line, cmd/api deletes every " (...)" group, including method receivers,
// so a method that became common to all contexts is reported as both
// removed and added; here only the context suffix is removed. The inputs
// need not be sorted or free of duplicates; the outputs are sorted.
func Compare(features, required, except []string) Diff {
	have := make(map[string]bool, len(features))
	for _, f := range features {
		have[f] = true
	}
	excepted := make(map[string]bool, len(except))
	for _, e := range except {
		excepted[e] = true
	}
	want := make(map[string]bool, len(required))
	var d Diff
	excused := make(map[string]bool)
	for _, r := range required {
		if want[r] {
			continue
		}
		want[r] = true
		if have[r] {
			continue
		}
		f, ctx := apiformat.SplitContext(r)
		switch {
		case excepted[r]:
			excused[r] = true
		case ctx != "" && contexts.IsRemovedPort(ctx):
		case ctx != "" && have[f]:
		default:
			d.Removed = append(d.Removed, r)
		}
	}
	for f := range have {
		if !want[f] {
			d.Added = append(d.Added, f)
		}
	}
	for e := range excused {
		d.Excused = append(d.Excused, e)
	}
	slices.Sort(d.Added)
	slices.Sort(d.Removed)
	slices.Sort(d.Excused)
	return d
}

// CmdAPILines returns the diff as cmd/api prints it: "+feature" and
// "-feature" lines interleaved in sorted order of the features.
func (d Diff) CmdAPILines() []string {
	lines := make([]string, 0, len(d.Added)+len(d.Removed))
	for _, a := range d.Added {
		lines = append(lines, "+"+a)
	}
	for _, r := range d.Removed {
		lines = append(lines, "-"+r)
	}
	slices.SortFunc(lines, func(a, b string) int { return strings.Compare(a[1:], b[1:]) })
	return lines
}
