package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/contexts"
	"github.com/rules-go-api/rules_go_api/internal/golist"
	"github.com/rules-go-api/rules_go_api/internal/pkgapi"
	rpt "github.com/rules-go-api/rules_go_api/internal/report"
)

// defaultReleaseContexts are the contexts release compares when -contexts is not given: the
// three platforms most Go code is built for, which are the ones whose APIs differ most often
// (files with build constraints for unix, darwin and windows). All three are pure Go builds, so
// they need no C toolchain and build on any host.
const defaultReleaseContexts = "linux-amd64,darwin-arm64,windows-amd64"

// releaseEnv is the environment the go commands that fetch and build the published version run
// with, after the user's: the copy is a module of its own (no go.work), and the go command may
// complete its go.sum (the copy is in a temporary directory). -trimpath keeps the copy's directory
// out of the build cache's keys, so that the next run, in another temporary directory, finds
// its export data there: without it every run compiles the base again.
var releaseEnv = []string{"GOFLAGS=-mod=mod -trimpath", "GOWORK=off"}

// workingTreeEnv is the environment featgen's go list runs with in the working tree: as for the
// base, no go.work (the release is built with its go.mod's requirements) and -trimpath (the two
// sides share the standard library's export data); the go command's default -mod, so that
// nothing in the working tree is written.
var workingTreeEnv = []string{"GOFLAGS=-trimpath", "GOWORK=off"}

// release compares the module in the current directory with a published version of itself and
// says which version the changes need (docs/release.md).
func release(args []string, stdout io.Writer) error {
	fs := newFlagSet("release")
	baseFlag := fs.String("base", "latest", "the published version to compare with, or latest: the newest release the module proxy lists (below -version, if given)")
	versionFlag := fs.String("version", "", "the version to be released: refused (exit status 1) if it is too small for the changes")
	ctxList := fs.String("contexts", defaultReleaseContexts, "build contexts to compare, such as linux-amd64,windows-amd64,linux-amd64-cgo")
	format := fs.String("format", "text", "report format: text or json")
	jsonOut := fs.String("json-out", "", "also write the report as JSON to this file (apireport makes Markdown of it)")
	junitOut := fs.String("junit-out", "", "also write the report as JUnit XML to this file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageErrorf("release: unknown -format %q (want text or json)", *format)
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	ctxs, err := releaseContexts(*ctxList)
	if err != nil {
		return err
	}
	var proposed *semVersion
	if *versionFlag != "" {
		v, err := parseVersion(*versionFlag)
		if err != nil {
			return argErrorf("release: -version %v", err)
		}
		proposed = &v
	}
	var base *semVersion
	if *baseFlag != "latest" {
		v, err := parseVersion(*baseFlag)
		if err != nil {
			return argErrorf("release: -base %v (or latest)", err)
		}
		base = &v
	}
	root, modPath, err := findModule()
	if err != nil {
		return err
	}
	if proposed != nil {
		if why := versionFitsPath(modPath, *proposed); why != "" {
			return argErrorf("release: -version %s", why)
		}
	}
	if base != nil {
		if why := versionFitsPath(modPath, *base); why != "" {
			return argErrorf("release: -base %s", why)
		}
	}

	tmp, err := os.MkdirTemp("", "apidiff-release-")
	if err != nil {
		return ioError(err)
	}
	defer os.RemoveAll(tmp)
	if base == nil {
		v, err := latestRelease(modPath, proposed, tmp)
		if err != nil {
			return err
		}
		base = &v
	}
	if proposed != nil && compareVersions(*proposed, *base) <= 0 {
		return argErrorf("release: -version %s is not greater than the base version %s", proposed, base)
	}
	baseDir, err := fetchModule(modPath, *base, tmp)
	if err != nil {
		return err
	}

	// Both sides' features, one after the other: the two go commands would compile the same
	// standard library packages at once on a cold cache (they do not share work in flight), and
	// the second side finds them in the build cache.
	newLines, newErr := contextFeatures(root, ctxs, patterns, workingTreeEnv)
	var baseLines []string
	var baseErr error
	if newErr == nil {
		baseLines, baseErr = contextFeatures(baseDir, ctxs, patterns, releaseEnv)
	}
	if baseErr != nil {
		return argErrorf("release: the base version %s@%s: %s", modPath, base, oneLine(baseErr.Error()))
	}
	if newErr != nil {
		return argErrorf("release: the working tree of %s: %s", modPath, oneLine(newErr.Error()))
	}
	baseFile, newFile := filepath.Join(tmp, "base.features"), filepath.Join(tmp, "new.features")
	for _, f := range []struct {
		path  string
		lines []string
	}{{baseFile, baseLines}, {newFile, newLines}} {
		if err := os.WriteFile(f.path, []byte(apiformat.JoinLines(f.lines)), 0o644); err != nil {
			return ioError(err)
		}
	}

	// The base is the baseline of a check, as a go_api_test's baseline target is.
	in := inputFlags{features: featuresFlag{newFile}}
	r, _, err := in.checkBaseline("release", []string{baseFile}, modPath+"@"+base.String())
	if err != nil {
		return err
	}
	rel, refused := decideRelease(modPath, *base, r.Verdict, proposed)
	r.Release = rel
	r.OK = !refused
	if err := writeReportFiles(r, *jsonOut, *junitOut); err != nil {
		return err
	}
	if *format == "json" {
		if err := r.WriteJSON(stdout); err != nil {
			return ioError(err)
		}
	} else {
		r.WriteText(stdout)
		if !refused {
			fmt.Fprintf(stdout, "\n%s\n", rel.Message)
		}
	}
	if refused {
		return failf("%s", rel.Message)
	}
	return nil
}

// releaseContexts parses -contexts: context names, each once.
func releaseContexts(list string) ([]golist.Config, error) {
	var cfgs []golist.Config
	seen := make(map[string]bool)
	for _, name := range contexts.SplitList(list) {
		c, err := contexts.Parse(name)
		if err != nil {
			return nil, argErrorf("release: %v", err)
		}
		if seen[name] {
			return nil, argErrorf("release: -contexts names %s twice", name)
		}
		seen[name] = true
		cfgs = append(cfgs, golist.Config{GOOS: c.GOOS, GOARCH: c.GOARCH, Cgo: c.Cgo})
	}
	if len(cfgs) == 0 {
		return nil, argErrorf("release: -contexts names no context")
	}
	return cfgs, nil
}

// contextFeatures is featgen -contexts for the packages matching patterns in the module at dir,
// with env added to the go command's environment: each context's features after its
// "# context NAME" line.
func contextFeatures(dir string, ctxs []golist.Config, patterns, env []string) ([]string, error) {
	cfgs := make([]golist.Config, len(ctxs))
	for i, c := range ctxs {
		c.Dir, c.Env = dir, env
		cfgs[i] = c
	}
	return pkgapi.ContextLines(cfgs, patterns)
}

// goCommand runs the go command in dir with env after the user's environment and returns its
// standard output; its error is the go command's message, in one line.
func goCommand(dir string, env []string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimPrefix(oneLine(stderr.String()), "go: ")
		if msg == "" {
			msg = err.Error()
		}
		return out, fmt.Errorf("%s", msg)
	}
	return out, nil
}

// oneLine joins the lines of a message with "; ".
func oneLine(s string) string {
	var parts []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, "; ")
}

// findModule returns the root directory and the path of the module the current directory is in.
func findModule() (root, path string, err error) {
	out, err := goCommand("", []string{"GOFLAGS=", "GOWORK=off"}, "env", "GOMOD")
	if err != nil {
		return "", "", argErrorf("release: go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", "", argErrorf("release: not in a module: run apidiff release in a module's directory (there is no go.mod here or above)")
	}
	out, err = goCommand("", []string{"GOFLAGS=", "GOWORK=off"}, "mod", "edit", "-json", gomod)
	if err != nil {
		return "", "", argErrorf("release: %s: %v", gomod, err)
	}
	var mod struct{ Module struct{ Path string } }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Module.Path == "" {
		return "", "", argErrorf("release: %s names no module path", gomod)
	}
	return filepath.Dir(gomod), mod.Module.Path, nil
}

// latestRelease returns the newest release version of the module that the module proxy lists
// (go list -m -versions, which leaves out retracted versions and pseudo-versions), below
// proposed when it is given. Pre-releases are not bases.
func latestRelease(modPath string, proposed *semVersion, tmp string) (semVersion, error) {
	out, err := goCommand(tmp, releaseEnv, "list", "-m", "-versions", "-json", modPath)
	if err != nil {
		return semVersion{}, argErrorf("release: listing the versions of %s: %v", modPath, err)
	}
	var list struct{ Versions []string }
	if err := json.Unmarshal(out, &list); err != nil {
		return semVersion{}, argErrorf("release: listing the versions of %s: %v", modPath, err)
	}
	var best *semVersion
	for _, s := range list.Versions {
		v, err := parseVersion(s)
		if err != nil || !v.isRelease() || proposed != nil && compareVersions(v, *proposed) >= 0 {
			continue
		}
		if best == nil || compareVersions(v, *best) > 0 {
			best = &v
		}
	}
	if best == nil {
		below := ""
		if proposed != nil {
			below = " below " + proposed.String()
		}
		listed := "none"
		if len(list.Versions) > 0 {
			listed = strings.Join(list.Versions, " ")
		}
		return semVersion{}, argErrorf("release: the module proxy lists no release of %s%s (go list -m -versions: %s): pass -base VERSION",
			modPath, below, listed)
	}
	return *best, nil
}

// fetchModule downloads a version of the module as the go command does (go mod download, with
// the user's GOPROXY, GONOSUMDB, GOPRIVATE, module cache ...) and copies it out of the read-only
// module cache into a directory under tmp, which it returns.
func fetchModule(modPath string, v semVersion, tmp string) (string, error) {
	out, err := goCommand(tmp, releaseEnv, "mod", "download", "-json", modPath+"@"+v.String())
	var info struct{ Version, Dir, GoMod, Error string }
	if jerr := json.Unmarshal(out, &info); jerr == nil && info.Error != "" {
		return "", argErrorf("release: the base version: %s", oneLine(info.Error))
	} else if err != nil {
		return "", argErrorf("release: the base version: go mod download %s@%s: %v", modPath, v, err)
	} else if jerr != nil || info.Dir == "" {
		return "", argErrorf("release: the base version: go mod download %s@%s printed no module directory", modPath, v)
	}
	if info.Version != v.String() {
		return "", argErrorf("release: the base version: go mod download %s@%s fetched %s", modPath, v, info.Version)
	}
	dir := filepath.Join(tmp, "base")
	if err := copyTree(info.Dir, dir); err != nil {
		return "", ioError(fmt.Errorf("copying %s@%s out of the module cache: %w", modPath, v, err))
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); os.IsNotExist(err) {
		// A version from before modules: the go command made its go.mod (module path only).
		data, err := os.ReadFile(info.GoMod)
		if err != nil {
			return "", ioError(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), data, 0o644); err != nil {
			return "", ioError(err)
		}
	}
	return dir, nil
}

// copyTree copies the directories and regular files under src to dst, writable.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case !d.Type().IsRegular():
			return nil // a module's zip holds no other files
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// decideRelease says which version the changes of the given verdict need after base, and whether
// proposed (if given) is allowed; refused is true when it is not, or, for breaking changes in a
// v1+ module, when no version of the module path can hold them.
func decideRelease(modPath string, base semVersion, verdict string, proposed *semVersion) (rel *rpt.Release, refused bool) {
	what := map[string]string{"breaking": "breaking changes", "compatible": "compatible changes", "none": "no change for clients"}[verdict]
	need := "need"
	if verdict == "none" {
		need = "needs"
	}
	s := map[string]step{"breaking": stepMajor, "compatible": stepMinor, "none": stepPatch}[verdict]
	v0 := s == stepMajor && base.major == 0
	if v0 {
		s = stepMinor // v0 promises nothing, but a v0 minor version is read as a major one
	}
	n := next(base, s)
	rel = &rpt.Release{Module: modPath, Base: base.String(), Step: s.String(), Next: n.String()}
	if proposed != nil {
		rel.Version = proposed.String()
	}
	since := fmt.Sprintf("%s since %s", what, base)
	switch {
	case !base.isRelease():
		// Pre-releases promise nothing (semver item 9): any greater version is allowed.
		if proposed != nil {
			rel.Message = fmt.Sprintf("%s is allowed: %s, a pre-release, which promises nothing", proposed, since)
		} else {
			rel.Message = fmt.Sprintf("%s, a pre-release, which promises nothing: next version %s", since, n)
		}
		return rel, false
	case s == stepMajor:
		prefix, _ := pathMajor(modPath)
		rel.NewModulePath = withMajor(modPath, prefix, n.major)
		req := fmt.Sprintf("%s %s a new major version, %s, which for Go is a new module path, %s", since, need, n, rel.NewModulePath)
		if proposed != nil {
			rel.Message = fmt.Sprintf("%s is too small: %s", proposed, req)
		} else {
			rel.Message = fmt.Sprintf("%s: no version of %s can hold them", req, modPath)
		}
		return rel, true
	}
	req := fmt.Sprintf("%s %s a %s version", since, need, s)
	note := ""
	if v0 {
		req += " in v0"
		note = " (v0 promises no compatibility; from v1 on, breaking changes need a new major version)"
	}
	switch {
	case proposed == nil:
		rel.Message = fmt.Sprintf("%s: next version %s%s", req, n, note)
	case stepBetween(base, *proposed) >= s:
		rel.Message = fmt.Sprintf("%s is allowed: %s, %s or later%s", proposed, req, n, note)
	default:
		rel.Message = fmt.Sprintf("%s is too small: %s, %s or later%s", proposed, req, n, note)
		return rel, true
	}
	return rel, false
}
