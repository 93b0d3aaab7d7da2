package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apidecl"
	"github.com/rules-go-api/rules_go_api/internal/apifile"
	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/contexts"
	"github.com/rules-go-api/rules_go_api/internal/verdict"
)

// A proof (internal/verdict) is a client program written from the text of the API lines, and
// text can be wrong: a proof that also fails against the old API, or compiles against the new
// one, would make the report say something false. So where the API files have declarations
// records (apifile.DeclPath) and the features carry the new ones, every proof is type-checked
// in process with go/types against the old record of its context (it must compile) and the new
// one (it must not). A proof that does not pass both is not printed; its change says why it is
// unproven instead, as does a breaking change without a proof.

// proofChecker type-checks proofs against the records of both sides.
type proofChecker struct {
	old map[string]map[string][]byte // context -> package -> record
	new *apiformat.FeatureSets
	// newPkgs holds, by context, the packages the new features have lines for: a package with
	// no lines and no record is gone, and a program importing it truly fails.
	newPkgs map[string]map[string]bool
	fset    *token.FileSet
	loaders map[loaderKey]*loaderEntry
}

type loaderKey struct {
	ctx, pkg string
	newSide  bool
}

type loaderEntry struct {
	l   *apidecl.Loader
	err error
}

// newProofChecker reads the records beside the API files. It returns nil and no error when there
// is nothing to check against (the API files or the features have no records), and an error
// when the API files' records do not read.
func newProofChecker(a *apiFiles, fs *apiformat.FeatureSets) (*proofChecker, error) {
	if !a.hasDecls || len(fs.Decls) == 0 {
		return nil, nil
	}
	old, err := parseDecls(apifile.DeclPath(a.name, a.dir), a.declData)
	if err != nil {
		return nil, err
	}
	pc := &proofChecker{old: old, new: fs, fset: token.NewFileSet(), loaders: make(map[loaderKey]*loaderEntry),
		newPkgs: make(map[string]map[string]bool)}
	for ctx, lines := range fs.ByContext {
		pc.newPkgs[ctx] = make(map[string]bool)
		for _, l := range lines {
			if path, _, _, ok := apiformat.Split(l); ok {
				pc.newPkgs[ctx][path] = true
			}
		}
	}
	return pc, nil
}

// verifyProofs checks every breaking change's proof of v (see above) against the records pc
// read (or failed to read: pcErr) and returns the reasons of those left unproven by index in
// v.Changes, removing their proofs. ok is false when there is nothing to check against: v is
// unchanged.
func verifyProofs(pc *proofChecker, pcErr error, checked []string, v *verdict.Result) (unproven map[int]string, ok bool) {
	if pc == nil && pcErr == nil {
		return nil, false
	}
	unproven = make(map[int]string)
	for i := range v.Changes {
		c := &v.Changes[i]
		if c.Verdict != verdict.Breaking {
			continue
		}
		switch {
		case pcErr != nil:
			// Not a problem of the API files that fails the check: the update writes the file again.
			unproven[i] = fmt.Sprintf("the declarations beside the API files do not read (the next update writes them again): %v", pcErr)
			c.Proof = ""
		case c.Proof == "":
			unproven[i] = "no client program is written for this change yet"
		default:
			if why := pc.verify(c.Package, c.Proof, checked); why != "" {
				unproven[i] = why
				c.Proof = ""
			}
		}
	}
	return unproven, true
}

// proofContextPrefix starts the first line of a proof for one context (internal/verdict).
const proofContextPrefix = "// Build for "

// verify type-checks the proof of a change of package pkg in its context, or in each checked
// context with an old record of pkg, and returns "" if it compiles against every old record and
// fails against every new one, else why not.
func (pc *proofChecker) verify(pkg, proof string, checked []string) string {
	ctxs := checked
	if rest, ok := strings.CutPrefix(proof, proofContextPrefix); ok {
		ctx, _, _ := strings.Cut(rest, ":")
		ctxs = []string{ctx}
	}
	var tried []string
	for _, ctx := range ctxs {
		if pc.old[ctx][pkg] == nil {
			continue
		}
		tried = append(tried, ctx)
		errs, why := pc.check(ctx, pkg, proof, false)
		if why != "" {
			return why
		}
		if len(errs) > 0 {
			return fmt.Sprintf("the program written as its proof does not compile against the API files' declarations either (%s): %s", ctx, errs[0])
		}
		errs, why = pc.check(ctx, pkg, proof, true)
		if why != "" {
			return why
		}
		if len(errs) == 0 {
			return fmt.Sprintf("the program written as its proof compiles against the new API too (%s)", ctx)
		}
	}
	if len(tried) == 0 {
		return fmt.Sprintf("the API files' declarations have no record of %s for %s", pkg, strings.Join(ctxs, ", "))
	}
	return ""
}

// check type-checks proof against one side's record of pkg in ctx and returns its errors, or
// why it could not be checked.
func (pc *proofChecker) check(ctx, pkg, proof string, newSide bool) ([]string, string) {
	side := "the API files' declarations"
	if newSide {
		side = "the new declarations"
	}
	l, err := pc.loader(ctx, pkg, newSide)
	if err != nil {
		return nil, fmt.Sprintf("%s of %s (%s) do not load: %v", side, pkg, ctx, err)
	}
	if l == nil {
		// The package is gone from the new API: a client importing it fails, as it should.
		return []string{fmt.Sprintf("package %s is not in the new API", pkg)}, ""
	}
	f, err := parser.ParseFile(pc.fset, "proof.go", proof, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Sprintf("the program written as its proof does not parse: %v", err)
	}
	var why string
	var errs []string
	conf := types.Config{
		Sizes: sizesOf(ctx),
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == pkg || l.Has(path) || path == "unsafe" {
				return l.Import(path)
			}
			if dep := pc.borrowed(ctx, pkg, path, l, !newSide); dep != nil {
				return dep, nil
			}
			// A package the record does not hold (only what p's API reaches is there): the
			// proof cannot be checked without its export data.
			why = fmt.Sprintf("its program imports %s, which the declarations of %s do not hold", path, pkg)
			return nil, fmt.Errorf("%s", why)
		}),
		Error: func(err error) { errs = append(errs, err.Error()) },
	}
	conf.Check("main", pc.fset, []*ast.File{f}, nil)
	if why != "" {
		return nil, why
	}
	return errs, ""
}

// borrowed returns, for a proof checked against the new record newL, a standard library
// package dep that the new record does not hold (the new API no longer reaches it: a field's
// type changed from *strings.Builder to io.Writer) from the old record, which the proof compiled
// against. That is sound when dep's section and the sections it imports, transitively, are none
// the new record holds: then no type of dep can be one of the new API's, as none of the real
// package's is (the new API does not reach it), and the section holds all the proof uses of it.
// Only std: the standard library is the same on both sides, a module's package may not be. nil
// when it cannot be borrowed.
//
// The other way (fromNew), for a proof checked against the old record that names a standard
// library package only the new API reaches (a defined interface made an alias of io.Writer: a
// type switch with a case for each), the same holds with the sides swapped.
func (pc *proofChecker) borrowed(ctx, pkg, dep string, into *apidecl.Loader, fromNew bool) *types.Package {
	if first, _, _ := strings.Cut(dep, "/"); strings.Contains(first, ".") {
		return nil
	}
	from, err := pc.loader(ctx, pkg, fromNew)
	if err != nil || from == nil || !from.Has(dep) {
		return nil
	}
	seen := map[string]bool{dep: true}
	for queue := []string{dep}; len(queue) > 0; queue = queue[1:] {
		if into.Has(queue[0]) {
			return nil
		}
		imports, err := from.Imports(queue[0])
		if err != nil {
			return nil
		}
		for _, p := range imports {
			if !seen[p] && p != "unsafe" {
				seen[p] = true
				queue = append(queue, p)
			}
		}
	}
	p, err := from.Import(dep)
	if err != nil {
		return nil
	}
	return p
}

// loader returns the loader of one side's record of pkg in ctx, nil without an error when the
// new side has no record because the package is gone.
func (pc *proofChecker) loader(ctx, pkg string, newSide bool) (*apidecl.Loader, error) {
	key := loaderKey{ctx, pkg, newSide}
	if e := pc.loaders[key]; e != nil {
		return e.l, e.err
	}
	e := new(loaderEntry)
	pc.loaders[key] = e
	record := pc.old[ctx][pkg]
	if newSide {
		if record, _, e.err = pc.new.Record(ctx, pkg); e.err != nil {
			return nil, e.err
		}
	}
	switch {
	case record != nil:
		e.l, e.err = apidecl.NewLoader(pc.fset, record, sizesOf(ctx))
	case newSide && !pc.newPkgs[ctx][pkg]:
		// gone: e.l stays nil
	default:
		e.err = fmt.Errorf("no record")
	}
	return e.l, e.err
}

// sizesOf returns the sizes of the context's architecture, which decide what fits int.
func sizesOf(ctx string) types.Sizes {
	if c, err := contexts.Parse(ctx); err == nil {
		if s := types.SizesFor("gc", c.GOARCH); s != nil {
			return s
		}
	}
	return types.SizesFor("gc", "amd64")
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
