package gazelle

import "github.com/bazelbuild/bazel-gazelle/rule"

// testKind is the macro generated for every checked library.
const testKind = "go_api_test"

// checkName is the conventional name of the check (and of its .update companion).
const checkName = "api_check"

// suiteKind is the macro that gathers every check of the repository (in the root BUILD file).
const suiteKind = "go_api_checks"

// defaultSuiteName is the conventional name of the suite (and of its .update companion).
const defaultSuiteName = "api_checks"

var kinds = map[string]rule.KindInfo{
	suiteKind: {
		NonEmptyAttrs:  map[string]bool{"checks": true},
		MergeableAttrs: map[string]bool{"checks": true},
	},
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

// moduleName is rules_go_api's Bazel module name, and its repository name under WORKSPACE.
const moduleName = "rules_go_api"

// Loads is for Gazelle versions that predate ModuleAwareLanguage; newer ones call ApparentLoads.
//
// Deprecated: Gazelle calls ApparentLoads.
func (l *goAPILang) Loads() []rule.LoadInfo {
	return l.ApparentLoads(func(string) string { return "" })
}

// ApparentLoads loads go_api_test from rules_go_api under the name the repository's MODULE.bazel
// gives it (bazel_dep(name = "rules_go_api", repo_name = ...)), or the WORKSPACE name.
func (*goAPILang) ApparentLoads(moduleToApparentName func(string) string) []rule.LoadInfo {
	repo := moduleToApparentName(moduleName)
	if repo == "" {
		repo = moduleName
	}
	return []rule.LoadInfo{{
		Name:    "@" + repo + "//rules:defs.bzl",
		Symbols: []string{suiteKind, testKind},
	}}
}
