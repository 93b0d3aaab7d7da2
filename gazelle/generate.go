package gazelle

import (
	"slices"

	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-go-api/rules_go_api/internal/contexts"
)

// GenerateRules generates an api_check for the directory's go_library, from the rules Gazelle's
// Go language generated for it (args.OtherGen), when the library's API is public and the
// configuration asks for a check. Otherwise it asks Gazelle to delete a stale api_check (unless
// the user keeps it with "# keep").
func (*goAPILang) GenerateRules(args language.GenerateArgs) language.GenerateResult {
	ac := getConfig(args.Config)
	stale := language.GenerateResult{Empty: []*rule.Rule{rule.NewRule(testKind, checkName)}}

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
		if embedded[":"+r.Name()] || contexts.IsInternal(r.AttrString("importpath")) {
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
