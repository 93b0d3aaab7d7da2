package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apifile"
	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/contexts"
)

// featuresFlag collects -features CONTEXT=FILE and -features FILE arguments.
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

// inputFlags are the flags check and update share: what to compare, and the command that
// accepts a change.
type inputFlags struct {
	features                  featuresFlag
	api, mode, approval, hint string
	proposal                  int
	// apiName is how reports name -api (check's -api-name); "" for -api itself.
	apiName string
}

// register defines the shared flags on fs.
func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.api, "api", "", "API directory (like Go's api/) or snapshot file")
	fs.StringVar(&f.mode, "mode", string(modeAuto), "layout of -api: snapshot (one file), go (a directory like Go's api/), or auto (an existing directory is go, anything else a snapshot)")
	fs.StringVar(&f.approval, "approval", string(apifile.DefaultApproval), "which files need \" #<proposal>\" suffixes: go, all or none")
	fs.IntVar(&f.proposal, "proposal", 0, "proposal number appended as \" #N\" to new lines where approvals are required (check: the number the update command passes, so that its hint need not ask for one)")
	fs.StringVar(&f.hint, "update-hint", "", "the command that accepts a change (e.g. bazel run //pkg:api_check.update); a failed check or a refused update prints it with every flag it needs after \" -- \"")
	fs.Var(&f.features, "features", "CONTEXT=FILE: featgen output for one context; FILE: featgen -contexts output (repeatable)")
}

// read checks the shared flags of command cmd and reads the features and the API files.
func (f *inputFlags) read(cmd string) (*apiformat.FeatureSets, *apiFiles, apifile.ApprovalPolicy, error) {
	policy, err := apifile.ParseApprovalPolicy(f.approval)
	if err != nil {
		return nil, nil, "", usageErrorf("%s: %v", cmd, err)
	}
	m, err := parseMode(f.mode)
	if err != nil {
		return nil, nil, "", usageErrorf("%s: %v", cmd, err)
	}
	if f.proposal < 0 {
		return nil, nil, "", usageErrorf("%s: -proposal %d: want a positive number", cmd, f.proposal)
	}
	sets, a, err := readInputs(f.features, f.api, f.apiName, m, policy)
	return sets, a, policy, err
}

// readInputs reads the features and the API files. The two are independent, and for a large
// check (the standard library's contexts against $GOROOT/api) each takes a few hundred
// milliseconds, so they are read at once; errors are reported in the order of reading them one
// after the other: the features' first.
func readInputs(featureArgs []string, api, apiName string, m mode, policy apifile.ApprovalPolicy) (*apiformat.FeatureSets, *apiFiles, error) {
	var a *apiFiles
	var apiErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		a, apiErr = readAPI(api, apiName, m, policy)
	}()
	sets, err := readFeatures(featureArgs)
	<-done
	if err == nil {
		err = noMains(sets)
	}
	if err == nil {
		err = apiErr
	}
	if err != nil {
		return nil, nil, err
	}
	return sets, a, nil
}

// readFeatures reads the -features arguments: CONTEXT=FILE pairs, whose FILE is featgen output
// for one context, and FILE alone, written by "featgen -contexts" (see apiformat.FeatureSets.Add).
func readFeatures(args []string) (*apiformat.FeatureSets, error) {
	if len(args) == 0 {
		return nil, usageErrorf("no features given: pass -features CONTEXT=FILE (featgen output) or -features FILE (featgen -contexts output)")
	}
	sets := apiformat.NewFeatureSets()
	for _, arg := range args {
		ctx, file, hasContext := strings.Cut(arg, "=")
		if !hasContext {
			ctx, file = "", arg
		}
		if file == "" || (hasContext && ctx == "") {
			return nil, usageErrorf("bad features argument %q: want CONTEXT=FILE or FILE", arg)
		}
		if hasContext {
			if _, err := contexts.Parse(ctx); err != nil {
				return nil, usageErrorf("%v", err)
			}
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, ioError(fmt.Errorf("reading features: %w", err))
		}
		if err := sets.Add(file, data, ctx); err != nil {
			return nil, ioError(err)
		}
	}
	slices.Sort(sets.Mains)
	sets.Mains = slices.Compact(sets.Mains)
	return sets, nil
}

// noMains reports main packages among the checked libraries: a command has
// no API, and a check of one would pass on nothing.
func noMains(sets *apiformat.FeatureSets) error {
	if len(sets.Mains) == 0 {
		return nil
	}
	return failf("%s: a command has no API to check; point the check at a library (a package that is not main), or remove it",
		strings.Join(quoted(sets.Mains), ", ")+pluralVerb(len(sets.Mains), " is package main", " are main packages"))
}

func quoted(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

func pluralVerb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// mode is how the API files at -api are laid out.
type mode string

const (
	modeAuto     mode = "auto"     // a directory is Go mode, anything else a snapshot
	modeSnapshot mode = "snapshot" // one file with the whole API
	modeGo       mode = "go"       // a directory like Go's api/
)

func parseMode(s string) (mode, error) {
	switch m := mode(s); m {
	case modeAuto, modeSnapshot, modeGo:
		return m, nil
	}
	return "", fmt.Errorf("unknown -mode %q (want snapshot, go or auto)", s)
}

// apiFiles is what the API files at -api say.
type apiFiles struct {
	path string
	// name is how messages and reports name path: check's -api-name (under Bazel the path the
	// user knows, where path is a runfiles path), else path. The files' names and problems are
	// spelled under it.
	name     string
	dir      bool // Go-style directory, else one snapshot file
	exists   bool // the path exists (a Go-style directory may still be empty)
	files    []string
	required []apiformat.Line
	except   []apiformat.Line
	problems []string
	// factsPath is where the facts beside the API files are (apifile.FactsPath); facts are
	// its lines, and hasFacts says whether it exists.
	factsPath string
	facts     []string
	hasFacts  bool
	// contexts are the contexts a snapshot's facts file records that its API files were written
	// for (docs/format.md), and hasContexts whether it records them; never in a Go-style
	// directory, whose lines keep cmd/api's meaning.
	contexts    []string
	hasContexts bool
	// declPath is where the declarations records beside the API files are
	// (apifile.DeclPath); declData is its contents, read only when a proof is to be verified
	// (parseDecls), and hasDecls says whether it exists.
	declPath string
	declData []byte
	hasDecls bool
}

// hasAPI reports whether the API files hold any: a snapshot that exists, or
// a directory with a release or next/ file.
func (a *apiFiles) hasAPI() bool {
	if !a.dir {
		return a.exists
	}
	return apifile.HasAPI(a.files)
}

func (a *apiFiles) requiredFeatures() []string { return apiformat.Features(a.required) }
func (a *apiFiles) exceptFeatures() []string   { return apiformat.Features(a.except) }

// readAPI reads -api PATH in the given mode, named name in messages ("" for PATH). A path that
// does not exist is an empty API with exists false; a snapshot file may be empty (a package
// without exported API).
func readAPI(path, name string, m mode, policy apifile.ApprovalPolicy) (*apiFiles, error) {
	if path == "" {
		return nil, usageErrorf("-api is required")
	}
	if name == "" {
		name = path
	}
	fi, err := os.Stat(path)
	switch {
	case os.IsNotExist(err):
		if m == modeAuto {
			m = modeSnapshot
		}
		return &apiFiles{path: path, name: name, dir: m == modeGo, files: []string{}, factsPath: apifile.FactsPath(path, m == modeGo), declPath: apifile.DeclPath(path, m == modeGo)}, nil
	case err != nil:
		return nil, ioError(fmt.Errorf("API files: %w", err))
	case m == modeSnapshot && fi.IsDir():
		return nil, usageErrorf("-api %s is a directory, but -mode snapshot wants one file", path)
	case m == modeGo && !fi.IsDir():
		return nil, usageErrorf("-api %s is a file, but -mode go wants a directory like Go's api/", path)
	}
	a := &apiFiles{path: path, name: name, dir: fi.IsDir(), exists: true}
	if a.dir {
		d, err := apifile.ReadDir(path, policy)
		if err != nil {
			return nil, ioError(fmt.Errorf("API files: %w", err))
		}
		a.files, a.required, a.except = d.Files, d.Required, d.Except
		for _, p := range d.Problems {
			a.problems = append(a.problems, p.String())
		}
	} else {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, ioError(fmt.Errorf("API files: %w", err))
		}
		a.files = []string{name}
		if len(data) > 0 {
			lines, problems := apiformat.Parse(name, data, apiformat.Options{NeedApproval: policy.SnapshotNeedsApproval()})
			a.required = lines
			for _, p := range problems {
				a.problems = append(a.problems, p.String())
			}
		}
	}
	a.factsPath = apifile.FactsPath(path, a.dir)
	if data, err := os.ReadFile(a.factsPath); err == nil {
		facts, err := apiformat.ParseFacts(apifile.FactsPath(name, a.dir), data)
		if err != nil {
			a.problems = append(a.problems, err.Error()+" (or delete the file: the next update writes it again)")
		}
		a.facts, a.hasFacts = facts, err == nil
		if !a.dir && err == nil {
			a.contexts, a.hasContexts, err = apiformat.ParseFactsContexts(a.factsPath, data)
			if err != nil {
				a.problems = append(a.problems, err.Error())
			}
			a.problems = append(a.problems, unrecordedContexts(a)...)
		}
	} else if !os.IsNotExist(err) {
		return nil, ioError(fmt.Errorf("API facts: %w", err))
	}
	a.declPath = apifile.DeclPath(path, a.dir)
	if data, err := os.ReadFile(a.declPath); err == nil {
		a.declData, a.hasDecls = data, true
	} else if !os.IsNotExist(err) {
		return nil, ioError(fmt.Errorf("API declarations: %w", err))
	}
	a.problems = append(a.problems, duplicates(a.required)...)
	a.problems = append(a.problems, unknownContexts(slices.Concat(a.required, a.except))...)
	return a, nil
}

// duplicates reports features listed twice in the same file. (Go's own
// api/ files repeat a few lines across files, which cmd/api accepts.)
func duplicates(lines []apiformat.Line) []string {
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
func unknownContexts(lines []apiformat.Line) []string {
	var out []string
	for _, l := range lines {
		if _, c := apiformat.SplitContext(l.Feature); c != "" {
			if _, err := contexts.Parse(c); err != nil {
				out = append(out, fmt.Sprintf("%s:%d: %v", l.File, l.Num, err))
			}
		}
	}
	return out
}

// unrecordedContexts reports the recorded contexts that name no context, and lines whose context
// suffix is not among them: the file would be read in contexts it was not written for.
func unrecordedContexts(a *apiFiles) []string {
	if !a.hasContexts {
		return nil
	}
	var out []string
	for _, c := range a.contexts {
		if _, err := contexts.Parse(c); err != nil {
			out = append(out, fmt.Sprintf("%s: %v", a.factsPath, err))
		}
	}
	for _, l := range a.required {
		if _, c := apiformat.SplitContext(l.Feature); c != "" && !slices.Contains(a.contexts, c) {
			out = append(out, fmt.Sprintf("%s:%d: a line of %s, which %s does not record (%q): give the contexts the file was written for there",
				l.File, l.Num, c, a.factsPath, apiformat.FactsContextsLine(a.contexts)))
		}
	}
	return out
}

// emptyFeatures reports contexts whose features are all empty while the API
// files are not: featgen printing nothing must never pass as "no API". One
// context without features is fine when another has some (a package with
// API on some platforms only).
func emptyFeatures(sets map[string][]string, a *apiFiles) error {
	if len(a.required) == 0 {
		return nil
	}
	for _, fs := range sets {
		if len(fs) > 0 {
			return nil
		}
	}
	return failf("the features of every context (%s) are empty but %s lists %d features; if the API really is gone, empty the API files",
		strings.Join(sortedKeys(sets), ", "), a.name, len(a.required))
}
