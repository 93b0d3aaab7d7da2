// Package deprecated finds the declarations that a Go package marks with a
// "// Deprecated:" doc comment, and matches them with type-checker objects.
//
// Go's API checker (cmd/api) type-checks sources, so it can mark deprecated
// identifiers by their exact token.Pos. Export data carries no comments and
// records positions only as file and line, so a Set keys each deprecated
// identifier by (file base name, line, identifier name) instead. That key is
// exactly as selective as cmd/api's position for gofmt'd code: two
// identifiers with the same name on the same line of the same file would be
// needed to tell them apart.
package deprecated

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/parallel"
)

// Set is the set of deprecated identifiers of one package's source files.
// The zero value and a nil *Set are empty sets.
type Set struct {
	marks map[key]bool
	// files maps a base name to the scanned paths with that base name
	// (usually exactly one).
	files map[string][]string
}

type key struct {
	path string
	line int
	name string
}

// ParseFiles parses the named Go source files (comments only matter; no type
// checking is done) and returns their deprecation marks. A file that cannot
// be read or parsed is an error: silently skipping it would hide
// deprecations.
func ParseFiles(paths []string) (*Set, error) {
	return parseFiles(paths, true)
}

// ParseCompiledFiles is ParseFiles for files that the go command has just compiled successfully:
// files that do not mention "Deprecated:" cannot mark anything and are known to parse, so they are
// not parsed at all, which makes scanning a large package several times faster.
func ParseCompiledFiles(paths []string) (*Set, error) {
	return parseFiles(paths, false)
}

func parseFiles(paths []string, strict bool) (*Set, error) {
	fset := token.NewFileSet()
	files := make([]*ast.File, len(paths))
	// Files are parsed concurrently: parsing, not reading export data, is
	// most of featgen's work for a large package.
	err := parallel.Each(len(paths), func(i int) error {
		var err error
		files[i], err = parseFile(fset, paths[i], strict)
		return err
	})
	if err != nil {
		return nil, err // the first failing file, in argument order
	}
	s := Scan(fset, slices.DeleteFunc(files, func(f *ast.File) bool { return f == nil }))
	for _, path := range paths {
		base := filepath.Base(path)
		if !slices.Contains(s.files[base], path) {
			s.files[base] = append(s.files[base], path)
		}
	}
	return s, nil
}

// parseFile parses one file. Comments are kept only if the file mentions
// "Deprecated:" at all: without that text no comment can mark anything. A
// strict parse reads every file in full, so syntax errors are found either
// way; otherwise such a file is not parsed (nil, nil).
func parseFile(fset *token.FileSet, path string, strict bool) (*ast.File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading source file: %w", err)
	}
	mode := parser.SkipObjectResolution
	if bytes.Contains(src, []byte("Deprecated:")) {
		mode |= parser.ParseComments
	} else if !strict {
		return nil, nil
	}
	f, err := parser.ParseFile(fset, path, src, mode)
	if err != nil {
		return nil, fmt.Errorf("parsing source file %s: %w", path, firstError(err))
	}
	return f, nil
}

// firstError reduces a scanner.ErrorList to its first entry, so that a file
// with many syntax errors still produces a one-line message.
func firstError(err error) error {
	type lister interface{ Unwrap() []error }
	if l, ok := err.(lister); ok && len(l.Unwrap()) > 0 {
		return l.Unwrap()[0]
	}
	if s := err.Error(); strings.Contains(s, "\n") {
		return fmt.Errorf("%s", s[:strings.Index(s, "\n")])
	}
	return err
}

// Scan returns the deprecation marks of parsed files, which must have been
// parsed with parser.ParseComments.
//
// The marking rules are those of cmd/api: a doc comment group is deprecated
// when one of its comments starts with "// Deprecated:". Such a doc on a
// declaration group marks every name it declares; on a spec, func, method,
// struct field or interface method it marks that name; on an embedded field
// it marks the field only when its type is written T or *T.
func Scan(fset *token.FileSet, files []*ast.File) *Set {
	s := &Set{marks: make(map[key]bool), files: make(map[string][]string)}
	for _, f := range files {
		path := fset.File(f.Pos()).Name()
		base := filepath.Base(path)
		s.files[base] = append(s.files[base], path)
		mark := func(id *ast.Ident) {
			// Positions are taken without //line directives, as the
			// compiler's export data records them for ordinary files.
			p := fset.PositionFor(id.Pos(), false)
			s.marks[key{path: path, line: p.Line, name: id.Name}] = true
		}
		markAll := func(ids []*ast.Ident) {
			for _, id := range ids {
				mark(id)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.File:
				return true
			case *ast.GenDecl:
				if isDeprecated(n.Doc) {
					for _, spec := range n.Specs {
						switch spec := spec.(type) {
						case *ast.ValueSpec:
							markAll(spec.Names)
						case *ast.TypeSpec:
							mark(spec.Name)
						}
					}
				}
				return true
			case *ast.FuncDecl:
				if isDeprecated(n.Doc) {
					mark(n.Name)
				}
				return false
			case *ast.ValueSpec:
				if isDeprecated(n.Doc) {
					markAll(n.Names)
				}
				return false
			case *ast.TypeSpec:
				if isDeprecated(n.Doc) {
					mark(n.Name)
				}
				return true // into the fields of a struct or interface type
			case *ast.StructType, *ast.InterfaceType, *ast.FieldList:
				return true
			case *ast.Field:
				if isDeprecated(n.Doc) {
					markAll(n.Names)
					if len(n.Names) == 0 {
						typ := n.Type
						if star, ok := typ.(*ast.StarExpr); ok {
							typ = star.X
						}
						if id, ok := typ.(*ast.Ident); ok {
							mark(id)
						}
					}
				}
				return false
			default:
				return false
			}
		})
	}
	return s
}

func isDeprecated(doc *ast.CommentGroup) bool {
	if doc == nil {
		return false
	}
	for _, c := range doc.List {
		if strings.HasPrefix(c.Text, "// Deprecated:") {
			return true
		}
	}
	return false
}

// HasFile reports whether a file with the base name of path was scanned.
func (s *Set) HasFile(path string) bool {
	return s != nil && len(s.files[filepath.Base(path)]) > 0
}

// Contains reports whether the identifier name declared at pos is marked
// deprecated. pos is a position as export data records it: the file name may
// be spelled differently from the scanned path (for example
// "$GOROOT/src/io/io.go" or a path relative to Bazel's execution root), so
// files are matched by base name, and by the longest common path suffix when
// several scanned files share that base name.
func (s *Set) Contains(pos token.Position, name string) bool {
	if s == nil || !pos.IsValid() {
		return false
	}
	candidates := s.files[filepath.Base(pos.Filename)]
	if len(candidates) == 0 {
		return false
	}
	path, best := candidates[0], -1
	for _, c := range candidates {
		if n := commonSuffix(pos.Filename, c); n > best {
			path, best = c, n
		}
	}
	return s.marks[key{path: path, line: pos.Line, name: name}]
}

// commonSuffix returns the number of trailing path elements a and b share.
func commonSuffix(a, b string) int {
	as := strings.Split(filepath.ToSlash(a), "/")
	bs := strings.Split(filepath.ToSlash(b), "/")
	n := 0
	for n < len(as) && n < len(bs) && as[len(as)-1-n] == bs[len(bs)-1-n] {
		n++
	}
	return n
}
