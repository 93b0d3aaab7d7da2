// Package apicheck merges per-context feature sets and compares them with
// the features of API files, with the rules of Go's API checker (cmd/api).
package apicheck

import (
	"maps"
	"slices"
	"strings"
)

// SplitContext splits a feature line "pkg P (CTX), REST" into the feature
// "pkg P, REST" and the context CTX. A line without a context suffix is
// returned unchanged with ctx "".
func SplitContext(line string) (feature, ctx string) {
	comma := strings.IndexByte(line, ',')
	if comma < 0 {
		return line, ""
	}
	head := line[:comma]
	open := strings.Index(head, " (")
	if open < 0 || !strings.HasSuffix(head, ")") {
		return line, ""
	}
	return head[:open] + line[comma:], head[open+2 : len(head)-1]
}

// WithContext returns feature with the context suffix ctx inserted after its
// "pkg P" part, as cmd/api writes context-specific features.
func WithContext(feature, ctx string) string {
	comma := strings.IndexByte(feature, ',')
	if comma < 0 {
		return feature
	}
	return feature[:comma] + " (" + ctx + ")" + feature[comma:]
}

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
		f, c := SplitContext(l)
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
		if _, c := SplitContext(l); c != "" {
			set[c] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}
