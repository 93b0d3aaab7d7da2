package apicheck

import (
	"maps"
	"slices"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/contexts"
	"github.com/rules-go-api/rules_go_api/internal/parallel"
)

// Result is the outcome of checking per-context features against API files.
type Result struct {
	// Checked are the contexts whose features were given, sorted.
	Checked []string
	// NotChecked are contexts the API files mention but no features were
	// given for (removed ports excluded), sorted.
	NotChecked []string
	// NotCheckedLines counts the API file lines of NotChecked contexts.
	NotCheckedLines int
	// Diff holds the differences. A feature that differs in every checked
	// context is written without a context suffix, others once per
	// context, as cmd/api writes features.
	Diff Diff
	// StaleExceptions are except.txt lines that excused nothing checked:
	// the feature they excuse exists again, or no API file lists it.
	StaleExceptions []string
	// Merged is Merge(features) when every context the lines mention was given (the comparison
	// needed it); nil otherwise.
	Merged []string
}

// Check compares features, a feature set per context name, with the required
// and excepted lines of API files.
//
// If features are given for every context the lines mention, the contexts
// are merged and compared as cmd/api does. Otherwise each given context is
// compared with its projection of the lines (the lines without a suffix and
// those with its own), and lines of the other contexts are only counted as
// not checked: a partial build must not report them missing.
func Check(features map[string][]string, required, except []string) Result {
	return CheckWritten(features, nil, required, except)
}

// CheckWritten is Check for API files known to be written for the contexts written (the record
// of a snapshot's facts file, docs/format.md): those of them without features are not checked,
// as contexts the lines mention are, also when no line mentions them. The lines are then
// compared with each context's projection, since their merge was made with those contexts too.
func CheckWritten(features map[string][]string, written, required, except []string) Result {
	var res Result
	res.Checked = slices.Sorted(maps.Keys(features))
	given := make(map[string]bool)
	for _, c := range res.Checked {
		given[c] = true
	}
	notChecked := make(map[string]bool)
	for _, c := range written {
		if !given[c] {
			notChecked[c] = true
		}
	}
	for _, l := range required {
		if _, c := apiformat.SplitContext(l); c != "" && !given[c] && !contexts.IsRemovedPort(c) {
			notChecked[c] = true
			res.NotCheckedLines++
		}
	}
	res.NotChecked = slices.Sorted(maps.Keys(notChecked))

	if len(notChecked) == 0 {
		res.Merged = Merge(features)
		res.Diff = Compare(res.Merged, required, except)
		excused := make(map[string]bool)
		for _, e := range res.Diff.Excused {
			excused[e] = true
		}
		for _, e := range except {
			if _, c := apiformat.SplitContext(e); !excused[e] && !contexts.IsRemovedPort(c) {
				res.StaleExceptions = append(res.StaleExceptions, e)
			}
		}
		slices.Sort(res.StaleExceptions)
		res.StaleExceptions = slices.Compact(res.StaleExceptions)
		return res
	}

	added := make(map[string][]string)   // projected feature -> contexts
	removed := make(map[string][]string) // projected feature -> contexts
	excusedIn := make(map[string]map[string]bool)
	for i, d := range compareEach(features, res.Checked, required, except) {
		ctx := res.Checked[i]
		for _, f := range d.Added {
			added[f] = append(added[f], ctx)
		}
		for _, f := range d.Removed {
			removed[f] = append(removed[f], ctx)
		}
		excusedIn[ctx] = make(map[string]bool)
		for _, e := range d.Excused {
			excusedIn[ctx][e] = true
		}
	}
	res.Diff.Added = suffixed(added, len(res.Checked))
	res.Diff.Removed = suffixed(removed, len(res.Checked))
	for _, e := range except {
		f, c := apiformat.SplitContext(e)
		switch {
		case c != "" && !given[c]:
			continue // cannot be judged
		case c != "":
			if !excusedIn[c][f] {
				res.StaleExceptions = append(res.StaleExceptions, e)
			}
		default:
			used := false
			for _, ctx := range res.Checked {
				used = used || excusedIn[ctx][f]
			}
			if !used {
				res.StaleExceptions = append(res.StaleExceptions, e)
			}
		}
	}
	slices.Sort(res.StaleExceptions)
	res.StaleExceptions = slices.Compact(res.StaleExceptions)
	return res
}

// compareEach compares each context's features with its projection of the lines, as many
// contexts at a time as there are CPUs: the contexts are independent, and for the standard
// library each comparison projects and sorts tens of thousands of lines. The diffs are in the
// order of ctxs.
func compareEach(features map[string][]string, ctxs, required, except []string) []Diff {
	diffs := make([]Diff, len(ctxs))
	parallel.Each(len(ctxs), func(i int) error {
		ctx := ctxs[i]
		diffs[i] = Compare(features[ctx], Project(required, ctx), Project(except, ctx))
		return nil
	})
	return diffs
}

// suffixed writes each feature without a suffix if it occurs in all n
// contexts, else once per context with that context's suffix.
func suffixed(in map[string][]string, n int) []string {
	var out []string
	for f, ctxs := range in {
		if len(ctxs) == n {
			out = append(out, f)
			continue
		}
		for _, c := range ctxs {
			out = append(out, apiformat.WithContext(f, c))
		}
	}
	slices.Sort(out)
	return out
}

// Change pairs a removed feature with the added feature that replaced it:
// the same declaration (func, method, field, ...) with a new type or value.
type Change struct {
	From, To string
}

// Changes splits a diff into changed declarations and the features that were
// only removed or only added. A removed and an added feature form a change
// when they declare the same thing (see apiformat.DeclKey) in the same package and
// context and neither is a deprecation line.
func Changes(d Diff) (changed []Change, removed, added []string) {
	byKey := make(map[string][]string)
	for _, a := range d.Added {
		k := apiformat.DeclKey(a)
		byKey[k] = append(byKey[k], a)
	}
	paired := make(map[string]bool)
	for _, r := range d.Removed {
		k := apiformat.DeclKey(r)
		if cands := byKey[k]; len(cands) == 1 && !paired[cands[0]] && !isDeprecation(r) {
			changed = append(changed, Change{From: r, To: cands[0]})
			paired[cands[0]] = true
			continue
		}
		removed = append(removed, r)
	}
	for _, a := range d.Added {
		if !paired[a] {
			added = append(added, a)
		}
	}
	return changed, removed, added
}

// Undeprecations splits removed features into declarations that are no
// longer deprecated (a "X //deprecated" line is gone but X is not) and the
// rest. X is gone when a line declaring it is removed and none is added (a
// declaration whose type changed is still there). Un-deprecating breaks no
// importer, so a report shows it apart from removals; the line is still a
// difference the API files must record. This is the one rule: the report's
// lists and the verdict's classes both use it.
func Undeprecations(removed, added []string) (undeprecated, rest []string) {
	gone := make(map[string]bool)
	for _, r := range removed {
		if !isDeprecation(r) {
			gone[apiformat.DeclKey(r)] = true
		}
	}
	for _, a := range added {
		if !isDeprecation(a) {
			delete(gone, apiformat.DeclKey(a))
		}
	}
	for _, r := range removed {
		if base, ok := apiformat.CutDeprecated(r); ok && !gone[apiformat.DeclKey(base)] {
			undeprecated = append(undeprecated, r)
			continue
		}
		rest = append(rest, r)
	}
	return undeprecated, rest
}

func isDeprecation(line string) bool {
	_, ok := apiformat.CutDeprecated(line)
	return ok
}
