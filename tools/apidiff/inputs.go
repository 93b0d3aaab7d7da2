package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apicheck"
	"github.com/rules-go-api/rules_go_api/internal/apifile"
	"github.com/rules-go-api/rules_go_api/internal/contexts"
)

// featuresFlag collects -features CONTEXT=FILE arguments.
type featuresFlag []string

func (f *featuresFlag) String() string     { return strings.Join(*f, " ") }
func (f *featuresFlag) Set(v string) error { *f = append(*f, v); return nil }

// newFlagSet returns a flag set whose parse errors are usage errors.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return usageErrorf("%s: %v", fs.Name(), err)
	}
	return nil
}

// readFeatures reads CONTEXT=FILE pairs: featgen output, one feature per
// line, without context suffixes. Several files for one context (one per
// library) are combined.
func readFeatures(pairs []string) (map[string][]string, error) {
	if len(pairs) == 0 {
		return nil, usageErrorf("no features given: pass -features CONTEXT=FILE (featgen output)")
	}
	sets := make(map[string][]string)
	for _, p := range pairs {
		ctx, file, ok := strings.Cut(p, "=")
		if !ok || file == "" {
			return nil, usageErrorf("bad features argument %q: want CONTEXT=FILE", p)
		}
		if _, err := contexts.Parse(ctx); err != nil {
			return nil, usageErrorf("%v", err)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, ioError(fmt.Errorf("reading features: %w", err))
		}
		if bytes.IndexByte(data, '\r') >= 0 {
			return nil, ioError(fmt.Errorf("%s: CRLF line endings; features files are featgen output, with \\n line endings", file))
		}
		lines := sets[ctx]
		if lines == nil {
			lines = []string{}
		}
		for i, l := range strings.Split(string(data), "\n") {
			if l == "" {
				continue
			}
			if !strings.HasPrefix(l, "pkg ") || !strings.Contains(l, ", ") {
				return nil, ioError(fmt.Errorf("%s:%d: not a feature line (want featgen output): %q", file, i+1, l))
			}
			if _, c := apicheck.SplitContext(l); c != "" {
				return nil, ioError(fmt.Errorf("%s:%d: feature has a context suffix; features files hold one context's raw features: %q", file, i+1, l))
			}
			lines = append(lines, l)
		}
		sets[ctx] = lines
	}
	return sets, nil
}

// apiFiles is what the API files at -api say.
type apiFiles struct {
	path     string
	dir      bool // Go-style directory, else one snapshot file
	files    []string
	required []string
	except   []string
	problems []string
}

// readAPI reads -api PATH: a directory like Go's api/ or one snapshot file.
// A snapshot file may be empty (a package without exported API), a missing
// path is an I/O error.
func readAPI(path string, policy apifile.ApprovalPolicy) (*apiFiles, error) {
	if path == "" {
		return nil, usageErrorf("-api is required")
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, ioError(fmt.Errorf("API files: %w", err))
	}
	a := &apiFiles{path: path, dir: fi.IsDir()}
	if a.dir {
		d, err := apifile.ReadDir(path, policy)
		if err != nil {
			return nil, ioError(fmt.Errorf("API files: %w", err))
		}
		a.files = d.Files
		a.required = apifile.Features(d.Required)
		a.except = apifile.Features(d.Except)
		for _, p := range d.Problems {
			a.problems = append(a.problems, p.String())
		}
		a.problems = append(a.problems, duplicates(d.Required)...)
		a.problems = append(a.problems, unknownContexts(slices.Concat(d.Required, d.Except))...)
		return a, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, ioError(fmt.Errorf("API files: %w", err))
	}
	a.files = []string{path}
	if len(data) == 0 {
		return a, nil
	}
	lines, problems := apifile.Parse(path, data, apifile.Options{NeedApproval: policy == apifile.ApprovalAll})
	a.required = apifile.Features(lines)
	for _, p := range problems {
		a.problems = append(a.problems, p.String())
	}
	a.problems = append(a.problems, duplicates(lines)...)
	a.problems = append(a.problems, unknownContexts(lines)...)
	return a, nil
}

// duplicates reports features listed twice in the same file. (Go's own
// api/ files repeat a few lines across files, which cmd/api accepts.)
func duplicates(lines []apifile.Line) []string {
	type key struct{ file, feature string }
	first := make(map[key]int)
	var out []string
	for _, l := range lines {
		k := key{l.File, l.Feature}
		if n, dup := first[k]; dup {
			out = append(out, fmt.Sprintf("%s:%d: duplicate of line %d: %s", l.File, l.Num, n, l.Feature))
			continue
		}
		first[k] = l.Num
	}
	return out
}

// unknownContexts reports lines whose context suffix names no context: a
// typo there would leave the line unchecked forever.
func unknownContexts(lines []apifile.Line) []string {
	var out []string
	for _, l := range lines {
		if _, c := apicheck.SplitContext(l.Feature); c != "" {
			if _, err := contexts.Parse(c); err != nil {
				out = append(out, fmt.Sprintf("%s:%d: %v", l.File, l.Num, err))
			}
		}
	}
	return out
}

// emptyFeatures reports a context whose feature set is empty while the API
// files are not: featgen printing nothing must never pass as "no API".
func emptyFeatures(sets map[string][]string, a *apiFiles) error {
	if len(a.required) == 0 {
		return nil
	}
	for ctx, fs := range sets {
		if len(fs) == 0 {
			return failf("the features for %s are empty but %s lists %d features; if the API really is gone, empty the API files",
				ctx, a.path, len(a.required))
		}
	}
	return nil
}
