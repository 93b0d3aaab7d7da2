// Package golist lists Go packages and their export data with "go list -export" for one build
// context, and prints the API features of those that have an API, the way cmd/api selects them.
package golist

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rules-go-api/rules_go_api/internal/contexts"
	"github.com/rules-go-api/rules_go_api/internal/deprecated"
	"github.com/rules-go-api/rules_go_api/internal/exportdata"
	"github.com/rules-go-api/rules_go_api/internal/features"
	"github.com/rules-go-api/rules_go_api/internal/parallel"
)

// Config is a build context.
type Config struct {
	Dir          string // directory to run go list in; "" for the current one
	GOOS, GOARCH string // "" for the go command's default
	Cgo          bool
}

// Package is the part of "go list -json" output that is used.
type Package struct {
	ImportPath string
	Name       string
	Dir        string
	Export     string
	DepOnly    bool
	Standard   bool
	GoFiles    []string
	CgoFiles   []string
	Incomplete bool
	Error      *struct{ Err string }
	DepsErrors []*struct{ Err string }
}

// isAPI reports whether a matched package's API is checked: cmd/api skips
// internal and vendored packages and unsafe, and commands have no API.
func isAPI(p *Package) bool {
	return !p.DepOnly && p.Name != "main" && contexts.IsPublicPath(p.ImportPath)
}

// Features returns the sorted features of the packages among pkgs that have an API (not
// dependencies only, not internal, vendored, main or unsafe), reading all export data through one
// importer. A package that failed to build is an error; one without Go files for the context is
// skipped, like cmd/api skips it.
func Features(pkgs []*Package) ([]string, error) { return listedFeatures(pkgs, NewShared(), false) }

// Shared is the work that the build contexts of one run can share: the deprecation marks of each
// set of source files, parsed once, and the features of each package whose export data is the
// same in several contexts, printed once. It is safe for concurrent use.
type Shared struct {
	mu       sync.Mutex
	marks    map[string]*marksEntry
	features map[[sha256.Size]byte]*featuresEntry
	reused   int
}

type marksEntry struct {
	once sync.Once
	set  *deprecated.Set
	err  error
}

type featuresEntry struct {
	ready chan struct{} // closed when lines is set; lines stays nil if printing failed
	lines []string
}

// NewShared returns an empty Shared.
func NewShared() *Shared {
	return &Shared{marks: make(map[string]*marksEntry), features: make(map[[sha256.Size]byte]*featuresEntry)}
}

// Reused returns how many packages' features were taken from another context.
func (s *Shared) Reused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reused
}

// deprecations parses srcs for deprecation marks, once per run for each list of files.
func (s *Shared) deprecations(srcs []string) (*deprecated.Set, error) {
	key := strings.Join(srcs, "\x00")
	s.mu.Lock()
	e := s.marks[key]
	if e == nil {
		e = new(marksEntry)
		s.marks[key] = e
	}
	s.mu.Unlock()
	// go list just compiled these files: no need to parse those without deprecations.
	e.once.Do(func() { e.set, e.err = deprecated.ParseCompiledFiles(srcs) })
	return e.set, e.err
}

// claim looks up the features printed for the key (export data and files). If another context has
// printed them it returns them with ok set, after waiting for a print under way. Otherwise the
// caller prints them, and passes them to done (nil if printing failed, so that a waiting context
// prints them itself).
func (s *Shared) claim(sum [sha256.Size]byte) (lines []string, ok bool, done func([]string)) {
	s.mu.Lock()
	e := s.features[sum]
	if e == nil {
		e = &featuresEntry{ready: make(chan struct{})}
		s.features[sum] = e
		s.mu.Unlock()
		return nil, false, func(lines []string) { e.lines = lines; close(e.ready) }
	}
	s.mu.Unlock()
	<-e.ready
	if e.lines == nil {
		return nil, false, func([]string) {} // the other context failed; print here
	}
	s.mu.Lock()
	s.reused++
	s.mu.Unlock()
	return e.lines, true, nil
}

// listedFeatures prints the features of the listed packages of one context; with reuse set, a
// package whose export data another context of shared has printed is not printed again.
func listedFeatures(pkgs []*Package, shared *Shared, reuse bool) ([]string, error) {
	files := make(map[string]string)
	var walk []*Package
	for _, p := range pkgs {
		if p.Export != "" {
			files[p.ImportPath] = p.Export
		}
		if !isAPI(p) {
			continue
		}
		if p.Error != nil {
			return nil, fmt.Errorf("go list: package %s: %s", p.ImportPath, strings.TrimSpace(p.Error.Err))
		}
		if len(p.DepsErrors) > 0 {
			return nil, fmt.Errorf("go list: package %s: dependency: %s", p.ImportPath, strings.TrimSpace(p.DepsErrors[0].Err))
		}
		if p.Export == "" {
			if len(p.GoFiles)+len(p.CgoFiles) > 0 || p.Incomplete {
				return nil, fmt.Errorf("go list: package %s was not compiled (see the errors of its dependencies)", p.ImportPath)
			}
			continue // no Go files for this context, like cmd/api's NoGoError
		}
		walk = append(walk, p)
	}
	srcs := make([][]string, len(walk))
	for i, p := range walk {
		for _, f := range slices.Concat(p.GoFiles, p.CgoFiles) {
			srcs[i] = append(srcs[i], filepath.Join(p.Dir, f))
		}
	}
	// Parse the sources for deprecations while the export data is decoded: the parse of each
	// package is ready, or under way, when the loop below needs it.
	var stop atomic.Bool
	defer stop.Store(true)
	go func() {
		for i := range walk {
			if stop.Load() {
				return
			}
			shared.deprecations(srcs[i])
		}
	}()

	imp := exportdata.NewImporter(files)
	var lines []string
	for i, p := range walk {
		done := func([]string) {}
		if reuse {
			sum, err := imp.Fingerprint(p.ImportPath)
			if err != nil {
				return nil, err
			}
			// The files are part of the key: the deprecation marks come from them.
			h := sha256.New()
			h.Write(sum[:])
			io.WriteString(h, strings.Join(srcs[i], "\x00"))
			cached, ok, finish := shared.claim([sha256.Size]byte(h.Sum(nil)))
			if ok {
				lines = append(lines, cached...)
				continue
			}
			done = finish
		}
		pkgLines, err := packageFeatures(imp, p, srcs[i], shared)
		if err != nil {
			done(nil)
			return nil, err
		}
		done(pkgLines)
		lines = append(lines, pkgLines...)
	}
	slices.Sort(lines)
	return slices.Compact(lines), nil
}

// packageFeatures imports one package and prints its features.
func packageFeatures(imp *exportdata.Importer, p *Package, srcs []string, shared *Shared) ([]string, error) {
	pkg, err := imp.Import(p.ImportPath)
	if err != nil {
		return nil, err
	}
	dep, err := shared.deprecations(srcs)
	if err != nil {
		return nil, err
	}
	lines := features.Package(imp.Fset, pkg, dep)
	if lines == nil {
		lines = []string{} // printed, with no features: not nil, which means "failed" to claim
	}
	return lines, nil
}

// ListFeatures lists the packages matching patterns in each build context and returns each
// context's features, in the order of cfgs. The go list commands and the printing run as many at
// a time as there are CPUs; shared holds what the contexts share (nil: a new Shared).
func ListFeatures(cfgs []Config, patterns []string, shared *Shared) ([][]string, error) {
	if shared == nil {
		shared = NewShared()
	}
	out := make([][]string, len(cfgs))
	err := parallel.Each(len(cfgs), func(i int) error {
		pkgs, err := List(cfgs[i], patterns)
		if err == nil {
			out[i], err = listedFeatures(pkgs, shared, true)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", cfgs[i], err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// String names the context as cmd/api does: GOOS-GOARCH, with "-cgo" when cgo is on.
func (c Config) String() string {
	goos, goarch := c.GOOS, c.GOARCH
	if goos == "" {
		goos = "default GOOS"
	}
	if goarch == "" {
		goarch = "default GOARCH"
	}
	return contexts.Name(goos, goarch, c.Cgo)
}

// List runs "go list -e -deps -export -json" for one build context, which builds the export data
// of every listed package. GOFLAGS and GOEXPERIMENT are cleared, in the environment and in the go
// env file (go env -w), so that they cannot change the API that is printed; the env file's other
// settings (GOPROXY, GOPRIVATE, ...) still apply. A pattern that matches no package is an error.
func List(cfg Config, patterns []string) ([]*Package, error) {
	args := []string{"list", "-e", "-deps", "-export",
		"-json=ImportPath,Name,Dir,Export,DepOnly,Standard,GoFiles,CgoFiles,Incomplete,Error,DepsErrors"}
	args = append(args, "--")
	args = append(args, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = cfg.Dir
	cgo := "0"
	if cfg.Cgo {
		cgo = "1"
	}
	cmd.Env = append(Environ(), "GOFLAGS=", "GOEXPERIMENT=", "CGO_ENABLED="+cgo)
	if cfg.GOOS != "" {
		cmd.Env = append(cmd.Env, "GOOS="+cfg.GOOS)
	}
	if cfg.GOARCH != "" {
		cmd.Env = append(cmd.Env, "GOARCH="+cfg.GOARCH)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	msg := strings.Join(strings.Fields(strings.ReplaceAll(strings.TrimSpace(stderr.String()), "\n", "; ")), " ")
	if err != nil {
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("go list %s: %s", strings.Join(patterns, " "), msg)
	}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, "matched no packages") {
			return nil, fmt.Errorf("go list: %s", strings.TrimPrefix(strings.TrimSpace(l), "go: "))
		}
	}
	var pkgs []*Package
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(Package)
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("decoding go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if !slices.ContainsFunc(pkgs, func(p *Package) bool { return !p.DepOnly }) {
		return nil, fmt.Errorf("go list: %s matched no packages", strings.Join(patterns, " "))
	}
	return pkgs, nil
}

// Environ returns the environment for the go command with the user's go env file read here
// instead of by the go command (GOENV=off), without GOFLAGS and GOEXPERIMENT: the file's values
// apply only where the environment does not set a variable, as the go command applies them.
func Environ() []string {
	env := os.Environ()
	file := os.Getenv("GOENV")
	if file == "" {
		if dir, err := os.UserConfigDir(); err == nil {
			file = filepath.Join(dir, "go", "env")
		}
	}
	if file != "" && file != "off" {
		if data, err := os.ReadFile(file); err == nil {
			for _, line := range strings.Split(string(data), "\n") {
				key, value, ok := strings.Cut(strings.TrimSpace(line), "=")
				if !ok || key == "GOFLAGS" || key == "GOEXPERIMENT" || os.Getenv(key) != "" {
					continue
				}
				env = append(env, key+"="+value)
			}
		}
	}
	return append(env, "GOENV=off")
}
