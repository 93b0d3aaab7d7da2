package main

import (
	"maps"
	"slices"

	"github.com/rules-go-api/rules_go_api/internal/apicheck"
)

// recorded splits the contexts given (the keys of sets) by what the API files say of them
// (docs/format.md, "The contexts of a snapshot"): checked are those the files were written for,
// compared line by line; notRecorded those they were not written for, which a check reports as
// such and does not compare; others the contexts the files record that were not given.
//
//   - A snapshot whose facts file records its contexts was written for exactly those. One
//     context given against a file of one context is compared, as cmd/api reads a file of one
//     context: a check's default context is the platform it is built for, which differs between
//     machines.
//   - A snapshot whose facts file predates the record: with one context given, that one; with
//     several, the contexts its lines name, and those whose features differ least from the
//     lines (exactly the contexts it was written for when nothing changed: a context added since
//     lacks what the others have, or has more).
//   - No facts file, or a Go-style directory: every context given (cmd/api's reading: a line
//     without a suffix holds in every context).
func recorded(a *apiFiles, sets map[string][]string) (checked, notRecorded, others []string) {
	given := slices.Sorted(maps.Keys(sets))
	switch {
	case a.dir || !a.exists || !a.hasFacts:
		return given, nil, nil
	case a.hasContexts && len(a.contexts) == 1 && len(given) == 1:
		return given, nil, nil
	case a.hasContexts:
		for _, c := range given {
			if slices.Contains(a.contexts, c) {
				checked = append(checked, c)
			} else {
				notRecorded = append(notRecorded, c)
			}
		}
		for _, c := range a.contexts {
			if _, ok := sets[c]; !ok {
				others = append(others, c)
			}
		}
		return checked, notRecorded, others
	case len(given) == 1:
		return given, nil, nil
	}
	required := a.requiredFeatures()
	mentioned := apicheck.Contexts(required)
	diffs := make(map[string]int)
	least := -1
	for _, c := range given {
		d := apicheck.Compare(sets[c], apicheck.Project(required, c), nil)
		diffs[c] = len(d.Added) + len(d.Removed)
		if least < 0 || diffs[c] < least {
			least = diffs[c]
		}
	}
	for _, c := range given {
		if slices.Contains(mentioned, c) || diffs[c] == least {
			checked = append(checked, c)
		} else {
			notRecorded = append(notRecorded, c)
		}
	}
	return checked, notRecorded, nil
}

// only returns the sets of the contexts ctxs.
func only[V any](sets map[string]V, ctxs []string) map[string]V {
	out := make(map[string]V, len(ctxs))
	for _, c := range ctxs {
		if s, ok := sets[c]; ok {
			out[c] = s
		}
	}
	return out
}
