// Package apicheck merges per-context feature sets and compares them with
// the features of API files, with the rules of Go's API checker (cmd/api).
package apicheck

import (
	"maps"
	"slices"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
)

// Merge combines the feature sets of several contexts the way cmd/api does:
// a feature present in every context is written once without a suffix; any
// other feature is written once per context that has it, with that
// context's suffix. The result is sorted.
func Merge(sets map[string][]string) []string {
	in := make(map[string][]string) // feature -> contexts
	for ctx, features := range sets {
		for _, f := range features {
			if ctxs := in[f]; len(ctxs) == 0 || ctxs[len(ctxs)-1] != ctx {
				in[f] = append(ctxs, ctx)
			}
		}
	}
	return suffixed(in, len(sets))
}

// Project returns the features that lines state for one context: the lines
// without a suffix, and the lines with suffix ctx with the suffix removed.
// The result is sorted and free of duplicates.
func Project(lines []string, ctx string) []string {
	set := make(map[string]bool)
	for _, l := range lines {
		f, c := apiformat.SplitContext(l)
		if c == "" || c == ctx {
			set[f] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// Contexts returns the sorted context names that lines mention.
func Contexts(lines []string) []string {
	set := make(map[string]bool)
	for _, l := range lines {
		if _, c := apiformat.SplitContext(l); c != "" {
			set[c] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}
