package gazelle

import (
	"bufio"
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-go-api/rules_go_api/internal/contexts"
)

// Directive names.
const (
	apiDirective         = "go_api"
	apiFileDirective     = "go_api_file"
	apiDirDirective      = "go_api_dir"
	apiModeDirective     = "go_api_mode"
	apiContextsDirective = "go_api_contexts"
	apiChecksDirective   = "go_api_checks"
)

// Values of the go_api directive.
const (
	enabledAuto = "auto" // a check where an API file or directory exists
	enabledOn   = "on"   // a check for every public library
	enabledOff  = "off"  // no checks
)

// Values of the go_api_mode directive.
const (
	modeSnapshot = "snapshot"
	modeGo       = "go"
)

// apiConfig is the go_api configuration of one directory.
type apiConfig struct {
	enabled  string
	file     string
	dir      string
	mode     string
	contexts []string
	suite    string // the root's go_api_checks name; "" for none
}

func (c *apiConfig) clone() *apiConfig {
	clone := *c
	clone.contexts = append([]string(nil), c.contexts...)
	return &clone
}

func getConfig(c *config.Config) *apiConfig {
	if ac, ok := c.Exts[languageName].(*apiConfig); ok {
		return ac
	}
	return &apiConfig{enabled: enabledAuto, file: "api.txt", dir: "api", mode: modeSnapshot, suite: defaultSuiteName}
}

// fatalf reports a bad directive and stops Gazelle. Gazelle's own languages mostly log a bad
// directive and go on; a go_api directive that is ignored would leave checks silently missing or
// pointed at the wrong files, so this extension stops instead. Tests replace it.
var fatalf = log.Fatalf

func (*goAPILang) KnownDirectives() []string {
	return []string{apiDirective, apiFileDirective, apiDirDirective, apiModeDirective, apiContextsDirective, apiChecksDirective}
}

func (*goAPILang) Configure(c *config.Config, rel string, f *rule.File) {
	ac := getConfig(c).clone()
	c.Exts[languageName] = ac
	if f == nil {
		return
	}
	for _, d := range f.Directives {
		bad := func(want string) {
			fatalf("%s: invalid value %q for directive %s: want %s", directivePos(f, d), d.Value, d.Key, want)
		}
		value := strings.TrimSpace(d.Value)
		switch d.Key {
		case apiDirective:
			switch value {
			case enabledAuto, enabledOn, enabledOff:
				ac.enabled = value
			default:
				bad("auto, on or off")
			}
		case apiFileDirective:
			if value == "" || strings.Contains(value, "..") || filepath.IsAbs(value) {
				bad("a file name in the package, such as api.txt")
				continue
			}
			ac.file = value
		case apiDirDirective:
			if value == "" || strings.Contains(value, "..") || filepath.IsAbs(value) {
				bad("a directory name in the package, such as api")
				continue
			}
			ac.dir = value
		case apiModeDirective:
			switch value {
			case modeSnapshot, modeGo:
				ac.mode = value
			default:
				bad("snapshot or go")
			}
		case apiChecksDirective:
			switch {
			case value == enabledOff:
				ac.suite = ""
			case value != "" && !strings.ContainsAny(value, ":/ \t"):
				ac.suite = value
			default:
				bad("a target name for the suite of all checks (default api_checks), or off")
			}
		case apiContextsDirective:
			names := contexts.SplitList(value)
			for _, name := range names {
				if _, err := contexts.ParseBazel(name); err != nil {
					fatalf("%s: directive %s: %v", directivePos(f, d), d.Key, err)
				}
			}
			ac.contexts = names
		}
	}
}

// directivePos returns "path:line" of directive d in f, for error messages. Gazelle records no
// positions for directives, so the line is found in the file's text.
func directivePos(f *rule.File, d rule.Directive) string {
	data, err := os.ReadFile(f.Path)
	if err != nil {
		return f.Path
	}
	want := "gazelle:" + d.Key
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		body, ok := strings.CutPrefix(line, "#")
		if !ok {
			continue
		}
		key, value, _ := strings.Cut(strings.TrimSpace(body), " ")
		if key == want && strings.TrimSpace(value) == strings.TrimSpace(d.Value) {
			return fmt.Sprintf("%s:%d", f.Path, n)
		}
	}
	return f.Path
}
