package gazelle

import "github.com/bazelbuild/bazel-gazelle/rule"

// testKind is the macro generated for every checked library.
const testKind = "go_api_test"

// checkName is the conventional name of the check (and of its .update companion).
const checkName = "api_check"

var kinds = map[string]rule.KindInfo{
	testKind: {
		NonEmptyAttrs: map[string]bool{"library": true},
		MergeableAttrs: map[string]bool{
			"library":  true,
			"api":      true,
			"api_dir":  true,
			"contexts": true,
		},
	},
}

func (*goAPILang) Kinds() map[string]rule.KindInfo { return kinds }

func (*goAPILang) Loads() []rule.LoadInfo {
	return []rule.LoadInfo{{
		Name:    "@rules_go_api//rules:defs.bzl",
		Symbols: []string{testKind},
	}}
}
