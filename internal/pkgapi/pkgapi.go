// Package pkgapi turns compiled Go packages into their API features (internal/features prints
// one type-checked package): one package from its export data and sources (featgen's export mode,
// also as a Bazel worker), or every package with an API that go list found, in one build context
// or in several at once, sharing the work the contexts have in common (featgen's list modes).
package pkgapi

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rules-go-api/rules_go_api/internal/apidecl"
	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/deprecated"
	"github.com/rules-go-api/rules_go_api/internal/exportdata"
	"github.com/rules-go-api/rules_go_api/internal/features"
	"github.com/rules-go-api/rules_go_api/internal/golist"
	"github.com/rules-go-api/rules_go_api/internal/parallel"
)

// Package returns the features of pkg, imported through an importer whose file set is fset,
// with the deprecations of dep, printed under the import path printAs (the path importers write,
// where the export data records another: rules_go's importmap), followed by its facts (see
// features.Facts) as apiformat.FactLine lines and its declarations record (internal/apidecl) as
// an apiformat.DeclLine line, with which apidiff check type-checks its proofs. A package that
// apidecl.Print refuses gets no record: the check then does not verify its proofs. A main package has no features:
// its one line is apiformat.MainMarker, which says so. The result is never nil.
func Package(fset *token.FileSet, pkg *types.Package, printAs string, dep *deprecated.Set) []string {
	if pkg.Name() == "main" {
		return []string{apiformat.MainMarker(printAs)}
	}
	lines := features.Package(fset, pkg, dep)
	facts := features.Facts(pkg)
	if pkg.Path() != printAs {
		for _, ls := range [][]string{lines, facts} {
			for i, l := range ls {
				ls[i] = apiformat.WithPackage(l, pkg.Path(), printAs)
			}
		}
	}
	for _, f := range facts {
		lines = append(lines, apiformat.FactLine(f))
	}
	if record, err := apidecl.Print(pkg); err == nil {
		// The record's first section is the package, under the path the export data records;
		// a client imports it as printAs. Nothing in the record imports it (no section imports
		// the package it describes), so renaming the section is all.
		if pkg.Path() != printAs {
			record = bytes.Replace(record, []byte(apidecl.Header+"\n// package "+pkg.Path()+"\n"), []byte(apidecl.Header+"\n// package "+printAs+"\n"), 1)
		}
		lines = append(lines, apiformat.DeclLine(printAs, record))
	}
	if lines == nil {
		lines = []string{}
	}
	return lines
}

// Listed returns the sorted features of the packages among pkgs that have an API (not
// dependencies only, not internal, vendored, main or unsafe), reading all export data through one
// importer. A package that failed to build is an error; one without Go files for the context is
// skipped, like cmd/api skips it.
func Listed(pkgs []*golist.Package) ([]string, error) {
	return listedFeatures(pkgs, NewShared(), false)
}

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

// reusedCount returns how many packages' features were taken from another context.
func (s *Shared) reusedCount() int {
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
func listedFeatures(pkgs []*golist.Package, shared *Shared, reuse bool) ([]string, error) {
	files := make(map[string]string)
	var walk []*golist.Package
	for _, p := range pkgs {
		if p.Export != "" {
			files[p.ImportPath] = p.Export
		}
		if !p.HasAPI() {
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

// packageFeatures prints the features of one listed package. The result is not nil, which
// would mean "failed" to Shared.claim.
func packageFeatures(imp *exportdata.Importer, p *golist.Package, srcs []string, shared *Shared) ([]string, error) {
	pkg, err := imp.Import(p.ImportPath)
	if err != nil {
		return nil, err
	}
	dep, err := shared.deprecations(srcs)
	if err != nil {
		return nil, err
	}
	return Package(imp.Fset, pkg, p.ImportPath, dep), nil
}

// ContextLines is Contexts as one features file of several contexts (featgen -contexts): each
// context's features follow its apiformat.ContextHeader line, in the order of cfgs.
func ContextLines(cfgs []golist.Config, patterns []string) ([]string, error) {
	all, err := Contexts(cfgs, patterns, nil)
	if err != nil {
		return nil, err
	}
	var lines []string
	for i, cfg := range cfgs {
		lines = append(lines, apiformat.ContextHeader(cfg.String()))
		lines = append(lines, all[i]...)
	}
	return lines, nil
}

// Contexts lists the packages matching patterns in each build context and returns each
// context's features, in the order of cfgs. The go list commands and the printing run as many at
// a time as there are CPUs; shared holds what the contexts share (nil: a new Shared).
func Contexts(cfgs []golist.Config, patterns []string, shared *Shared) ([][]string, error) {
	if shared == nil {
		shared = NewShared()
	}
	out := make([][]string, len(cfgs))
	err := parallel.Each(len(cfgs), func(i int) error {
		pkgs, err := golist.List(cfgs[i], patterns)
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
