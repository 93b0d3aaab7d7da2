package apidecl

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
)

// Load type-checks a record that Print wrote and returns the package it describes (its first
// section). The record's other sections are its only imports besides unsafe: no export data is
// read. sizes are the context's (nil: gc on amd64); they decide which constants fit int and
// uintptr for a client.
func Load(fset *token.FileSet, record []byte, sizes types.Sizes) (*types.Package, error) {
	l, err := NewLoader(fset, record, sizes)
	if err != nil {
		return nil, err
	}
	return l.Import(l.Root)
}

// Loader type-checks a record's sections on demand. As a types.Importer it is what a client
// checked against the record imports: the described package and the dependencies' sections are
// then the very packages the described one refers to.
type Loader struct {
	Root     string // the described package's import path
	fset     *token.FileSet
	conf     types.Config
	sections map[string][]byte
	pkgs     map[string]*types.Package
	busy     map[string]bool // being checked: an import back to one is a cycle
}

// NewLoader reads a record; see Load.
func NewLoader(fset *token.FileSet, record []byte, sizes types.Sizes) (*Loader, error) {
	sections, order, err := split(record)
	if err != nil {
		return nil, err
	}
	l := &Loader{Root: order[0], fset: fset, sections: sections, pkgs: make(map[string]*types.Package), busy: make(map[string]bool)}
	if sizes == nil {
		sizes = types.SizesFor("gc", "amd64")
	}
	l.conf = types.Config{Importer: l, Sizes: sizes}
	return l, nil
}

// Has reports whether the record holds a section for the package path.
func (l *Loader) Has(path string) bool {
	_, ok := l.sections[path]
	return ok
}

// Imports returns the import paths of the section of path, those only needed to spell a type
// included: every package its types may refer to.
func (l *Loader) Imports(path string) ([]string, error) {
	src, ok := l.sections[path]
	if !ok {
		return nil, fmt.Errorf("apidecl: the record has no section for package %s", path)
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ImportsOnly)
	if err != nil {
		return nil, fmt.Errorf("apidecl: section %s: %v", path, err)
	}
	var paths []string
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// split returns a record's sections by import path and the paths in the record's order.
func split(record []byte) (map[string][]byte, []string, error) {
	rest, ok := bytes.CutPrefix(record, []byte(Header+"\n"))
	if !ok {
		return nil, nil, fmt.Errorf("apidecl: not a declarations record: the first line is not %q", Header)
	}
	sections := make(map[string][]byte)
	var order []string
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		path, ok := strings.CutPrefix(string(line), sectionPrefix)
		if !ok || path == "" {
			return nil, nil, fmt.Errorf("apidecl: %q where a section's %q line belongs", line, sectionPrefix+"PATH")
		}
		if _, dup := sections[path]; dup {
			return nil, nil, fmt.Errorf("apidecl: two sections for package %s", path)
		}
		// The section runs to the next line that opens one: Print never writes such a line
		// inside Go text (strings and tags are quoted on one line).
		end := bytes.Index(after, []byte("\n"+sectionPrefix))
		if end < 0 {
			end = len(after)
		} else {
			end++
		}
		sections[path] = after[:end]
		order = append(order, path)
		rest = after[end:]
	}
	if len(order) == 0 {
		return nil, nil, fmt.Errorf("apidecl: a record without sections")
	}
	return sections, order, nil
}

// Import type-checks the section of path, once.
func (l *Loader) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if pkg := l.pkgs[path]; pkg != nil {
		return pkg, nil
	}
	src, ok := l.sections[path]
	if !ok {
		return nil, fmt.Errorf("apidecl: the record has no section for package %s", path)
	}
	if l.busy[path] {
		return nil, fmt.Errorf("apidecl: package %s imports itself through the record's sections", path)
	}
	l.busy[path] = true
	defer delete(l.busy, path)
	// The file name is the import path: positions in errors point into the record's section,
	// and no absolute path enters.
	f, err := parser.ParseFile(l.fset, path, src, parser.SkipObjectResolution|parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("apidecl: section %s: %v", path, err)
	}
	pkg, err := l.conf.Check(path, l.fset, []*ast.File{f}, nil)
	if err != nil {
		return nil, fmt.Errorf("apidecl: section %s: %v", path, err)
	}
	if err := dropSpellingImports(pkg, f); err != nil {
		return nil, err
	}
	l.pkgs[path] = pkg
	return pkg, nil
}

// contextsPrefix starts a file of several contexts' records, after the header: the line names
// the contexts.
const contextsPrefix = "// contexts "

// Join writes the records of several contexts (by context name) as one file, as features files
// merge contexts: after the header, a line "// contexts NAME..." naming them all, then each
// distinct section once, its "// package PATH" line followed by " (NAME...)" naming its contexts
// when not all of them have it. Most sections are the same in every context (of std's records
// for four contexts, sharing sections takes 2.4 MB where sharing whole records takes 3.4), so
// the file is rarely much larger than one record. The records must describe one package.
func Join(records map[string][]byte) ([]byte, error) {
	ctxs := make([]string, 0, len(records))
	for ctx := range records {
		if ctx == "" || strings.ContainsAny(ctx, " ()\n") {
			return nil, fmt.Errorf("apidecl: context name %q", ctx)
		}
		ctxs = append(ctxs, ctx)
	}
	slices.Sort(ctxs)
	type group struct {
		path, text string
		ctxs       []string
	}
	var groups []*group
	byKey := make(map[[2]string]*group)
	var root string
	for _, ctx := range ctxs {
		sections, order, err := split(records[ctx])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ctx, err)
		}
		if root == "" {
			root = order[0]
		} else if order[0] != root {
			return nil, fmt.Errorf("apidecl: the records describe %s and %s", root, order[0])
		}
		for _, path := range order {
			key := [2]string{path, string(sections[path])}
			g := byKey[key]
			if g == nil {
				g = &group{path: path, text: key[1]}
				byKey[key] = g
				groups = append(groups, g)
			}
			g.ctxs = append(g.ctxs, ctx)
		}
	}
	// The described package first, then by path; a path's variants by their first context.
	slices.SortStableFunc(groups, func(a, b *group) int {
		if (a.path == root) != (b.path == root) {
			if a.path == root {
				return -1
			}
			return 1
		}
		if c := strings.Compare(a.path, b.path); c != 0 {
			return c
		}
		return strings.Compare(a.ctxs[0], b.ctxs[0])
	})
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n%s%s\n", Header, contextsPrefix, strings.Join(ctxs, " "))
	for _, g := range groups {
		b.WriteString(sectionPrefix + g.path)
		if len(g.ctxs) < len(ctxs) {
			fmt.Fprintf(&b, " (%s)", strings.Join(g.ctxs, " "))
		}
		b.WriteString("\n" + g.text)
	}
	return b.Bytes(), nil
}

// Split reads a file that Join wrote and returns each context's record.
func Split(file []byte) (map[string][]byte, error) {
	rest, ok := bytes.CutPrefix(file, []byte(Header+"\n"))
	if !ok {
		return nil, fmt.Errorf("apidecl: not a declarations file: the first line is not %q", Header)
	}
	line, rest, _ := bytes.Cut(rest, []byte("\n"))
	names, ok := strings.CutPrefix(string(line), contextsPrefix)
	if !ok || len(strings.Fields(names)) == 0 {
		return nil, fmt.Errorf("apidecl: %q where the %q line belongs", line, contextsPrefix+"NAME...")
	}
	out := make(map[string]*bytes.Buffer)
	all := strings.Fields(names)
	for _, ctx := range all {
		if out[ctx] != nil {
			return nil, fmt.Errorf("apidecl: context %s named twice", ctx)
		}
		out[ctx] = bytes.NewBufferString(Header + "\n")
	}
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		head, ok := strings.CutPrefix(string(line), sectionPrefix)
		if !ok || head == "" {
			return nil, fmt.Errorf("apidecl: %q where a section's %q line belongs", line, sectionPrefix+"PATH")
		}
		ctxs := all
		if path, list, ok := strings.Cut(head, " ("); ok {
			head = path
			ctxs = strings.Fields(strings.TrimSuffix(list, ")"))
		}
		end := bytes.Index(after, []byte("\n"+sectionPrefix))
		if end < 0 {
			end = len(after)
		} else {
			end++
		}
		for _, ctx := range ctxs {
			if out[ctx] == nil {
				return nil, fmt.Errorf("apidecl: section %s of context %s, which the file does not name", head, ctx)
			}
			fmt.Fprintf(out[ctx], "%s%s\n", sectionPrefix, head)
			out[ctx].Write(after[:end])
		}
		rest = after[end:]
	}
	records := make(map[string][]byte)
	for ctx, b := range out {
		records[ctx] = b.Bytes()
	}
	return records, nil
}

// dropSpellingImports removes from pkg's Imports() the imports its file marks spellingOnly, so
// that they are the real package's.
func dropSpellingImports(pkg *types.Package, f *ast.File) error {
	drop := make(map[string]bool)
	for _, spec := range f.Imports {
		if spec.Comment != nil && strings.TrimSpace(spec.Comment.Text()) == strings.TrimPrefix(spellingOnly, "// ") {
			path, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				return err
			}
			drop[path] = true
		}
	}
	if len(drop) > 0 {
		pkg.SetImports(slices.DeleteFunc(slices.Clone(pkg.Imports()), func(p *types.Package) bool { return drop[p.Path()] }))
	}
	return nil
}
