package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.starlark.net/syntax"
)

// rulesDoc returns docs/rules.md with the reference block of every symbol rules/defs.bzl exports
// rewritten from its doc string, and the example of apireport's output from a real run.
func rulesDoc(root string) ([]byte, error) {
	symbols, err := exportedSymbols(root)
	if err != nil {
		return nil, err
	}
	blocks := make(map[string]string) // by source
	for name, sym := range symbols {
		blocks["the doc string of "+name] = sym.markdown()
	}
	if blocks[reportSource], err = reportBlock(root); err != nil {
		return nil, err
	}
	return replaceBlocks(root, "docs/rules.md", "%s", blocks)
}

// symbol is a documented public symbol: a macro, an aspect or a provider.
type symbol struct {
	name      string
	signature string      // macros only
	doc       string      // the doc string, dedented, without its Args: section
	table     string      // "argument" or "field"
	rows      [][2]string // name, meaning
}

func (s *symbol) markdown() string {
	var b strings.Builder
	if s.signature != "" {
		fmt.Fprintf(&b, "\n```\n%s\n```\n", s.signature)
	}
	if s.doc != "" {
		fmt.Fprintf(&b, "\n%s\n", s.doc)
	}
	if len(s.rows) > 0 {
		fmt.Fprintf(&b, "\n| %s | meaning |\n|---|---|\n", s.table)
		for _, r := range s.rows {
			fmt.Fprintf(&b, "| `%s` | %s |\n", r[0], strings.ReplaceAll(r[1], "|", `\|`))
		}
	}
	b.WriteString("\n")
	return b.String()
}

// exportedSymbols returns the symbols rules/defs.bzl exports, from their definitions.
func exportedSymbols(root string) (map[string]*symbol, error) {
	defs, err := parseFile(root, "rules/defs.bzl")
	if err != nil {
		return nil, err
	}
	// alias -> (file, name) of each load; exported name -> alias.
	type origin struct{ file, name string }
	loaded := make(map[string]origin)
	out := make(map[string]*symbol)
	for _, stmt := range defs.Stmts {
		switch stmt := stmt.(type) {
		case *syntax.LoadStmt:
			file := strings.TrimPrefix(stmt.Module.Value.(string), "//")
			file = strings.Replace(file, ":", "/", 1)
			for i := range stmt.To {
				loaded[stmt.To[i].Name] = origin{file, stmt.From[i].Name}
			}
		case *syntax.AssignStmt:
			lhs, ok1 := stmt.LHS.(*syntax.Ident)
			rhs, ok2 := stmt.RHS.(*syntax.Ident)
			o, ok3 := loaded[identName(rhs)]
			if !ok1 || !ok2 || !ok3 {
				return nil, fmt.Errorf("rules/defs.bzl:%d: want NAME = _LOADED_NAME", stmt.OpPos.Line)
			}
			sym, err := definition(root, o.file, o.name)
			if err != nil {
				return nil, err
			}
			sym.name = lhs.Name
			if sym.signature != "" {
				sym.signature = lhs.Name + sym.signature
			}
			out[lhs.Name] = sym
		}
	}
	return out, nil
}

func identName(id *syntax.Ident) string {
	if id == nil {
		return ""
	}
	return id.Name
}

func parseFile(root, rel string) (*syntax.File, error) {
	src, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		return nil, err
	}
	return syntax.Parse(rel, src, 0)
}

// definition finds name's definition in file: a def (a macro), or NAME = aspect(...) or
// provider(...).
func definition(root, file, name string) (*symbol, error) {
	f, err := parseFile(root, file)
	if err != nil {
		return nil, err
	}
	for _, stmt := range f.Stmts {
		switch stmt := stmt.(type) {
		case *syntax.DefStmt:
			if stmt.Name.Name == name {
				return macro(file, stmt)
			}
		case *syntax.AssignStmt:
			if id, ok := stmt.LHS.(*syntax.Ident); ok && id.Name == name {
				if call, ok := stmt.RHS.(*syntax.CallExpr); ok {
					return builtinCall(file, name, call)
				}
			}
		}
	}
	return nil, fmt.Errorf("%s: no definition of %s", file, name)
}

func macro(file string, def *syntax.DefStmt) (*symbol, error) {
	var params []string
	for _, p := range def.Params {
		params = append(params, exprText(p))
	}
	doc := ""
	if len(def.Body) > 0 {
		if e, ok := def.Body[0].(*syntax.ExprStmt); ok {
			if lit, ok := e.X.(*syntax.Literal); ok && lit.Token == syntax.STRING {
				doc = lit.Value.(string)
			}
		}
	}
	if doc == "" {
		return nil, fmt.Errorf("%s: %s has no doc string", file, def.Name.Name)
	}
	text, args := splitArgs(dedent(doc))
	return &symbol{signature: "(" + strings.Join(params, ", ") + ")", doc: text, table: "argument", rows: args}, nil
}

// builtinCall documents NAME = aspect(doc = ...) or NAME = provider(doc = ..., fields = {...}).
func builtinCall(file, name string, call *syntax.CallExpr) (*symbol, error) {
	s := &symbol{table: "field"}
	for _, arg := range call.Args {
		kw, ok := arg.(*syntax.BinaryExpr)
		if !ok || kw.Op != syntax.EQ {
			continue
		}
		switch identName(kw.X.(*syntax.Ident)) {
		case "doc":
			if lit, ok := kw.Y.(*syntax.Literal); ok {
				s.doc = dedent(lit.Value.(string))
			}
		case "fields":
			dict, ok := kw.Y.(*syntax.DictExpr)
			if !ok {
				continue
			}
			for _, e := range dict.List {
				entry := e.(*syntax.DictEntry)
				k, ok1 := entry.Key.(*syntax.Literal)
				v, ok2 := entry.Value.(*syntax.Literal)
				if !ok1 || !ok2 {
					return nil, fmt.Errorf("%s: %s: fields must be string literals", file, name)
				}
				s.rows = append(s.rows, [2]string{k.Value.(string), oneLine(v.Value.(string))})
			}
		}
	}
	if s.doc == "" {
		return nil, fmt.Errorf("%s: %s has no doc", file, name)
	}
	return s, nil
}

// exprText prints a parameter as written: a name, NAME = DEFAULT, or **NAME.
func exprText(e syntax.Expr) string {
	switch e := e.(type) {
	case *syntax.Ident:
		return e.Name
	case *syntax.Literal:
		return e.Raw
	case *syntax.BinaryExpr:
		return exprText(e.X) + " = " + exprText(e.Y)
	case *syntax.UnaryExpr:
		return e.Op.String() + exprText(e.X)
	case *syntax.ListExpr:
		var elems []string
		for _, x := range e.List {
			elems = append(elems, exprText(x))
		}
		return "[" + strings.Join(elems, ", ") + "]"
	}
	return "..."
}

// dedent removes the indentation of a doc string's lines after the first, as Python's
// inspect.cleandoc does, and surrounding blank lines.
func dedent(doc string) string {
	lines := strings.Split(doc, "\n")
	indent := -1
	for _, l := range lines[1:] {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if n := len(l) - len(strings.TrimLeft(l, " ")); indent < 0 || n < indent {
			indent = n
		}
	}
	for i := 1; i < len(lines) && indent > 0; i++ {
		if len(lines[i]) >= indent {
			lines[i] = lines[i][indent:]
		} else {
			lines[i] = strings.TrimLeft(lines[i], " ")
		}
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n ")
}

// splitArgs splits a dedented macro doc string into its text and the entries of its Args:
// section ("name: meaning", continued on more deeply indented lines).
func splitArgs(doc string) (string, [][2]string) {
	lines := strings.Split(doc, "\n")
	for i, l := range lines {
		if l != "Args:" {
			continue
		}
		var rows [][2]string
		for _, l := range lines[i+1:] {
			if strings.TrimSpace(l) == "" {
				continue
			}
			if !strings.HasPrefix(l, " ") {
				break // another section (Returns:, ...)
			}
			if !strings.HasPrefix(l, "    ") {
				name, meaning, _ := strings.Cut(strings.TrimSpace(l), ":")
				rows = append(rows, [2]string{name, strings.TrimSpace(meaning)})
				continue
			}
			rows[len(rows)-1][1] += " " + strings.TrimSpace(l)
		}
		return strings.TrimRight(strings.Join(lines[:i], "\n"), "\n"), rows
	}
	return doc, nil
}

// oneLine joins a multi-line field description into one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
