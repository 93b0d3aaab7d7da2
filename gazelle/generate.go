package gazelle

import (
	"slices"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-go-api/rules_go_api/internal/contexts"
)

// GenerateRules generates an api_check for the directory's go_library, from the rules Gazelle's
// Go language generated for it (args.OtherGen), when the library's API is public and the
// configuration asks for a check. Otherwise it asks Gazelle to delete a stale api_check that it
// generated (unless the user keeps it with "# keep"); checks written by hand are never touched. In
// the root directory, which Gazelle visits last, it also generates go_api_checks over every check
// of the repository.
func (l *goAPILang) GenerateRules(args language.GenerateArgs) language.GenerateResult {
	ac := getConfig(args.Config)
	if l.visited == nil {
		l.visited = make(map[string]bool)
	}
	l.visited[args.Rel] = true
	res := l.generateCheck(args, ac)
	l.recordChecks(args, res)
	if args.Rel == "" {
		res = l.generateSuite(args, ac, res)
	}
	return res
}

func (*goAPILang) generateCheck(args language.GenerateArgs, ac *apiConfig) language.GenerateResult {
	var stale language.GenerateResult
	if existing := existingCheck(args.File); existing != nil {
		if !isGenerated(existing) {
			// Written by hand (a dependency's API, several libraries): the user's, not ours.
			return language.GenerateResult{}
		}
		stale.Empty = []*rule.Rule{rule.NewRule(testKind, checkName)}
	}
	lib := publicLibrary(args.OtherGen)
	if lib == nil || ac.enabled == enabledOff {
		return stale
	}
	hasFile := slices.Contains(args.RegularFiles, ac.file)
	hasDir := slices.Contains(args.Subdirs, ac.dir)
	if ac.enabled == enabledAuto && !hasFile && !hasDir {
		return stale
	}

	r := rule.NewRule(testKind, checkName)
	r.SetAttr("library", ":"+existingName(args.File, lib))
	switch {
	case hasDir || (!hasFile && ac.mode == modeGo):
		r.SetAttr("api_dir", ac.dir)
	default:
		r.SetAttr("api", ac.file)
	}
	if len(ac.contexts) > 0 {
		r.SetAttr("contexts", ac.contexts)
	}
	return language.GenerateResult{Gen: []*rule.Rule{r}, Imports: []interface{}{nil}}
}

// existingCheck returns the BUILD file's go_api_test named api_check, or nil.
func existingCheck(f *rule.File) *rule.Rule {
	if f == nil {
		return nil
	}
	for _, r := range f.Rules {
		if r.Kind() == testKind && r.Name() == checkName {
			return r
		}
	}
	return nil
}

// isGenerated reports whether r has the shape of a check this extension generates: one library of
// its own package (library = ":name") against API files. Only such a check is updated or removed;
// one that checks a dependency (library = "@org_x//:x"), several libraries, or against a baseline
// (another version's library) was written by hand.
func isGenerated(r *rule.Rule) bool {
	return strings.HasPrefix(r.AttrString("library"), ":") && r.Attr("libraries") == nil &&
		r.Attr("baseline") == nil && r.Attr("baselines") == nil
}

// recordChecks notes the checks the directory will have after this run: the generated one, those
// written by hand, and an api_check kept with "# keep".
func (l *goAPILang) recordChecks(args language.GenerateArgs, res language.GenerateResult) {
	names := make(map[string]bool)
	for _, r := range res.Gen {
		names[r.Name()] = true
	}
	if args.File != nil {
		for _, r := range args.File.Rules {
			if r.Kind() == testKind && (r.Name() != checkName || !isGenerated(r) || r.ShouldKeep()) {
				names[r.Name()] = true
			}
		}
	}
	for name := range names {
		l.checks = append(l.checks, label.New("", args.Rel, name).String())
	}
}

// generateSuite adds the root's go_api_checks over every check, or deletes a stale one. A run that
// did not visit the whole repository (gazelle -r=false, or a subset of directories) has not seen
// every check, and leaves the suite as it is.
func (l *goAPILang) generateSuite(args language.GenerateArgs, ac *apiConfig, res language.GenerateResult) language.GenerateResult {
	checks := slices.Clone(l.checks)
	visited := l.visited
	l.checks, l.visited = nil, nil
	for _, sub := range args.Subdirs {
		if !visited[sub] {
			return res
		}
	}
	slices.Sort(checks)
	name := ac.suite
	if name == "" || len(checks) == 0 {
		if name == "" {
			name = defaultSuiteName
		}
		res.Empty = append(res.Empty, rule.NewRule(suiteKind, name))
		return res
	}
	for i, c := range checks {
		if strings.HasPrefix(c, "//:") {
			checks[i] = c[2:] // a check in the root package: ":api_check"
		}
	}
	r := rule.NewRule(suiteKind, name)
	r.SetAttr("checks", checks)
	res.Gen = append(res.Gen, r)
	res.Imports = append(res.Imports, nil)
	return res
}

// publicLibrary returns the go_library among rules whose API is public: not a command's library
// (one a go_binary embeds) and not under an internal directory.
func publicLibrary(rules []*rule.Rule) *rule.Rule {
	embedded := make(map[string]bool)
	for _, r := range rules {
		if r.Kind() == "go_binary" {
			for _, e := range r.AttrStrings("embed") {
				embedded[e] = true
			}
		}
	}
	for _, r := range rules {
		if r.Kind() != "go_library" {
			continue
		}
		if embedded[":"+r.Name()] || !contexts.IsPublicPath(r.AttrString("importpath")) {
			return nil
		}
		return r
	}
	return nil
}

// existingName returns the name under which lib exists in the BUILD file, which Gazelle's Go
// language matches by import path and leaves alone when the user renamed it; lib's own name is the
// naming convention's.
func existingName(f *rule.File, lib *rule.Rule) string {
	if f != nil {
		for _, r := range f.Rules {
			if r.Kind() == "go_library" && r.AttrString("importpath") == lib.AttrString("importpath") {
				return r.Name()
			}
		}
	}
	return lib.Name()
}
