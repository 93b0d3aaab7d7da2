// Package gazelle is a Gazelle language extension, named "go_api", that generates go_api_test
// targets (named api_check) next to go_library targets whose API is public, and in the root
// BUILD file a go_api_checks suite (named api_checks) over every check of the repository, whose
// .update accepts every change at once.
//
// Add it to a gazelle_binary after Gazelle's Go language, whose generated rules it reads:
//
//	gazelle_binary(
//	    name = "gazelle_binary",
//	    languages = [
//	        "@bazel_gazelle//language/go",
//	        "@rules_go_api//gazelle",
//	    ],
//	)
//
// Directives (inherited by subdirectories):
//
//	# gazelle:go_api auto|on|off       auto (default): a check where an API file exists;
//	                                   on: everywhere (the first bazel test then fails until
//	                                   bazel run :api_check.update writes the file); off: nowhere
//	# gazelle:go_api_file PATH         snapshot file, relative to the package (default api.txt)
//	# gazelle:go_api_dir NAME          Go-style API directory name (default api)
//	# gazelle:go_api_mode snapshot|go  layout used by "on" where no API file exists yet
//	# gazelle:go_api_contexts A B ...  cmd/api context names to check (default: current only)
//	# gazelle:go_api_checks NAME|off   in the root BUILD file: the go_api_checks suite over every
//	                                   check of the repository (default api_checks)
package gazelle

import (
	"flag"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/repo"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

// languageName is the name of the extension, as Gazelle and its users know it.
const languageName = "go_api"

// goAPILang is the extension. Gazelle generates the root directory last, so by then checks holds
// every check of the repository, for the root's go_api_checks, when the run visited every
// directory.
type goAPILang struct {
	checks  []string        // labels of the go_api_test targets seen so far
	visited map[string]bool // the directories (slash-separated, relative to the root) seen so far
}

// NewLanguage returns the go_api Gazelle extension.
func NewLanguage() language.Language { return &goAPILang{} }

var _ language.ModuleAwareLanguage = (*goAPILang)(nil)

func (*goAPILang) Name() string { return languageName }

func (*goAPILang) RegisterFlags(fs *flag.FlagSet, cmd string, c *config.Config) {}

func (*goAPILang) CheckFlags(fs *flag.FlagSet, c *config.Config) error { return nil }

func (*goAPILang) Fix(c *config.Config, f *rule.File) {}

// The checks reference their library by a local label and import nothing: nothing to index or
// resolve.

func (*goAPILang) Imports(c *config.Config, r *rule.Rule, f *rule.File) []resolve.ImportSpec {
	return nil
}

func (*goAPILang) Embeds(r *rule.Rule, from label.Label) []label.Label { return nil }

func (*goAPILang) Resolve(c *config.Config, ix *resolve.RuleIndex, rc *repo.RemoteCache, r *rule.Rule, imports interface{}, from label.Label) {
}
