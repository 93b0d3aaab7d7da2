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
	sections, order, err := split(record)
	if err != nil {
		return nil, err
	}
	l := &loader{fset: fset, sections: sections, pkgs: make(map[string]*types.Package), busy: make(map[string]bool)}
	if sizes == nil {
		sizes = types.SizesFor("gc", "amd64")
	}
	l.conf = types.Config{Importer: l, Sizes: sizes}
	return l.Import(order[0])
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

type loader struct {
	fset     *token.FileSet
	conf     types.Config
	sections map[string][]byte
	pkgs     map[string]*types.Package
	busy     map[string]bool // being checked: an import back to one is a cycle
}

// Import type-checks the section of path, once.
func (l *loader) Import(path string) (*types.Package, error) {
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

// contextPrefix starts the line that opens a context's record in a file of several contexts.
const contextPrefix = "// context "

// Join writes the records of several contexts (by context name) as one file: each distinct
// record once, after a line naming the contexts that have it, sorted. Most of std's packages
// have one record for every context, so the file is rarely much larger than one record.
func Join(records map[string][]byte) []byte {
	byText := make(map[string][]string)
	for ctx, r := range records {
		byText[string(r)] = append(byText[string(r)], ctx)
	}
	type group struct {
		ctxs []string
		text string
	}
	var groups []group
	for text, ctxs := range byText {
		slices.Sort(ctxs)
		groups = append(groups, group{ctxs, text})
	}
	slices.SortFunc(groups, func(a, b group) int { return strings.Compare(a.ctxs[0], b.ctxs[0]) })
	var b bytes.Buffer
	for _, g := range groups {
		fmt.Fprintf(&b, "%s%s\n", contextPrefix, strings.Join(g.ctxs, " "))
		b.WriteString(g.text)
	}
	return b.Bytes()
}

// Split reads a file that Join wrote and returns each context's record.
func Split(file []byte) (map[string][]byte, error) {
	out := make(map[string][]byte)
	rest := file
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		names, ok := strings.CutPrefix(string(line), contextPrefix)
		if !ok || strings.TrimSpace(names) == "" {
			return nil, fmt.Errorf("apidecl: %q where a %q line belongs", line, contextPrefix+"NAME...")
		}
		end := bytes.Index(after, []byte("\n"+contextPrefix))
		if end < 0 {
			end = len(after)
		} else {
			end++
		}
		for _, ctx := range strings.Fields(names) {
			if _, dup := out[ctx]; dup {
				return nil, fmt.Errorf("apidecl: two records for context %s", ctx)
			}
			out[ctx] = after[:end]
		}
		rest = after[end:]
	}
	return out, nil
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
