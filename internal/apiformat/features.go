package apiformat

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rules-go-api/rules_go_api/internal/contexts"
)

// Features files are what featgen prints: feature lines without context suffixes, one context's
// per file, or several contexts' (featgen -contexts), each after a ContextHeader line. Two kinds
// of "#" comment lines frame them, and no feature line starts with "#".

// MainMarker returns the line featgen prints, instead of features, for a main package: a command
// has no API, and a check pointed at one should say so rather than pass on an empty API.
func MainMarker(importPath string) string {
	return "# " + importPath + mainMarkerSuffix
}

const mainMarkerSuffix = " is package main: a command has no API"

// ParseMainMarker returns the import path of a MainMarker line.
func ParseMainMarker(line string) (importPath string, ok bool) {
	rest, ok := strings.CutPrefix(line, "# ")
	if !ok {
		return "", false
	}
	return strings.CutSuffix(rest, mainMarkerSuffix)
}

// ContextHeader returns the line that starts one context's section in a features file of several
// contexts: the features that follow, up to the next such line, are that context's.
func ContextHeader(context string) string { return contextHeaderPrefix + context }

const contextHeaderPrefix = "# context "

// ParseContextHeader returns the context named by a ContextHeader line.
func ParseContextHeader(line string) (context string, ok bool) {
	return strings.CutPrefix(line, contextHeaderPrefix)
}

// FactLine returns the line that carries a fact (see internal/features.Facts) in a features
// file: facts travel with the features from featgen to apidiff, which keeps them apart.
func FactLine(fact string) string { return factPrefix + fact }

const factPrefix = "# fact "

// ParseFactLine returns the fact of a FactLine line.
func ParseFactLine(line string) (fact string, ok bool) { return strings.CutPrefix(line, factPrefix) }

// DeclLine returns the line that carries a package's declarations record (internal/apidecl) in
// a features file: the record, quoted as a Go string, on one line, so that the line survives
// sorting and merging like the facts do and cmd/api-style readers skip it as a comment.
func DeclLine(path string, record []byte) string {
	return declPrefix + path + " " + strconv.Quote(string(record))
}

const declPrefix = "# decl "

// ParseDeclLine returns the package path and the record of a DeclLine line; ok is false if the
// line is no DeclLine, err set if it is one that does not read.
func ParseDeclLine(line string) (path string, record []byte, ok bool, err error) {
	path, quoted, ok := splitDeclLine(line)
	if !ok {
		return "", nil, false, nil
	}
	record, err = unquoteRecord(path, quoted)
	return path, record, true, err
}

// splitDeclLine returns the path and the quoted record of a DeclLine line, unread.
func splitDeclLine(line string) (path, quoted string, ok bool) {
	rest, ok := strings.CutPrefix(line, declPrefix)
	if !ok {
		return "", "", false
	}
	path, quoted, _ = strings.Cut(rest, " ")
	return path, quoted, true
}

func unquoteRecord(path, quoted string) ([]byte, error) {
	text, err := strconv.Unquote(quoted)
	if path == "" || err != nil {
		return nil, fmt.Errorf("a %q line without a package path and a quoted record", declPrefix+"PATH")
	}
	return []byte(text), nil
}

// FeatureSets are the features read from features files.
type FeatureSets struct {
	// ByContext holds each context's feature lines, in the order read; a context named with
	// no features has an empty, non-nil list.
	ByContext map[string][]string
	// Facts holds each context's facts (FactLine lines without their prefix), in the order read.
	Facts map[string][]string
	// Decls holds each context's declarations records (DeclLine lines) by package path, still
	// quoted as on the line: most checks have no proof to verify, and unquoting std's records
	// would cost more than the rest of reading them (Record reads one).
	Decls map[string]map[string]string
	// Mains are the import paths of MainMarker lines, in the order read.
	Mains []string
}

// NewFeatureSets returns empty FeatureSets.
func NewFeatureSets() *FeatureSets {
	return &FeatureSets{ByContext: make(map[string][]string), Facts: make(map[string][]string), Decls: make(map[string]map[string]string)}
}

func (s *FeatureSets) start(ctx string) {
	if s.ByContext[ctx] == nil {
		s.ByContext[ctx] = []string{}
	}
	if s.Facts[ctx] == nil {
		s.Facts[ctx] = []string{}
	}
}

// Add adds the features file named name, with contents data, to s. A file of one context is
// given with its context ctx (CONTEXT=FILE on apidiff's command line); a file of several
// contexts, which names them in ContextHeader lines, with ctx "". Errors say which line of the
// file is wrong.
func (s *FeatureSets) Add(name string, data []byte, ctx string) error {
	if bytes.IndexByte(data, '\r') >= 0 {
		return fmt.Errorf("%s: CRLF line endings; features files are featgen output, with \\n line endings", name)
	}
	oneContext := ctx != ""
	if oneContext {
		s.start(ctx)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if l == "" {
			continue
		}
		if c, ok := ParseContextHeader(l); ok {
			if oneContext {
				return fmt.Errorf("%s:%d: a features file of several contexts (featgen -contexts) is given as -features %s, without CONTEXT=", name, i+1, name)
			}
			if _, err := contexts.Parse(c); err != nil {
				return fmt.Errorf("%s:%d: %v", name, i+1, err)
			}
			ctx = c
			s.start(ctx)
			continue
		}
		if ctx == "" {
			return fmt.Errorf("%s:%d: no %q line before the first feature: give a file of one context as -features CONTEXT=%s", name, i+1, ContextHeader("CONTEXT"), name)
		}
		if path, ok := ParseMainMarker(l); ok {
			s.Mains = append(s.Mains, path)
			continue
		}
		if path, quoted, ok := splitDeclLine(l); ok {
			if path == "" || len(quoted) < 2 || quoted[0] != '"' || quoted[len(quoted)-1] != '"' {
				return fmt.Errorf("%s:%d: a %q line without a package path and a quoted record", name, i+1, declPrefix+"PATH")
			}
			if s.Decls[ctx] == nil {
				s.Decls[ctx] = make(map[string]string)
			}
			// The same package from two files (two libraries' collections) must be the same
			// (strconv.Quote is deterministic: the same record, the same line).
			if old, dup := s.Decls[ctx][path]; dup && old != quoted {
				return fmt.Errorf("%s:%d: a second, different declarations record of %s for %s", name, i+1, path, ctx)
			}
			s.Decls[ctx][path] = quoted
			continue
		}
		if fact, ok := ParseFactLine(l); ok {
			if !IsFeature(fact) {
				return fmt.Errorf("%s:%d: a fact without a feature's head %q: %q", name, i+1, "pkg P, ", l)
			}
			s.Facts[ctx] = append(s.Facts[ctx], fact)
			continue
		}
		_, c, _, ok := Split(l)
		if !ok {
			return fmt.Errorf("%s:%d: not a feature line (want featgen output): %q", name, i+1, l)
		}
		if c != "" {
			return fmt.Errorf("%s:%d: feature has a context suffix; features files hold raw features: %q", name, i+1, l)
		}
		s.ByContext[ctx] = append(s.ByContext[ctx], l)
	}
	if ctx == "" {
		return fmt.Errorf("%s: no %q line: give a file of one context as -features CONTEXT=%s", name, ContextHeader("CONTEXT"), name)
	}
	return nil
}

// Record returns the declarations record of package path in context ctx, if the features carry
// one.
func (s *FeatureSets) Record(ctx, path string) ([]byte, bool, error) {
	quoted, ok := s.Decls[ctx][path]
	if !ok {
		return nil, false, nil
	}
	record, err := unquoteRecord(path, quoted)
	return record, err == nil, err
}

// SameRecord reports whether the features' record of package path in context ctx is record,
// without unquoting it: most checks find every record unchanged, and unquoting std's would cost
// more than the rest of the check.
func (s *FeatureSets) SameRecord(ctx, path string, record []byte) bool {
	quoted, ok := s.Decls[ctx][path]
	if !ok || len(quoted) < 2 || quoted[0] != '"' || quoted[len(quoted)-1] != '"' {
		return false
	}
	q := quoted[1 : len(quoted)-1]
	for len(q) > 0 {
		// A run of characters as they are, then one escape.
		n := strings.IndexByte(q, '\\')
		if n < 0 {
			n = len(q)
		}
		if len(record) < n || string(record[:n]) != q[:n] {
			return false
		}
		record, q = record[n:], q[n:]
		if len(q) == 0 {
			break
		}
		r, multibyte, tail, err := strconv.UnquoteChar(q, '"')
		if err != nil {
			return false
		}
		var enc []byte
		if r < utf8.RuneSelf || !multibyte {
			enc = []byte{byte(r)}
		} else {
			enc = utf8.AppendRune(nil, r)
		}
		if len(record) < len(enc) || string(record[:len(enc)]) != string(enc) {
			return false
		}
		record, q = record[len(enc):], tail
	}
	return len(record) == 0
}

// DeclLineQuoted returns the DeclLine line of a record still quoted (FeatureSets.Decls).
func DeclLineQuoted(path, quoted string) string { return declPrefix + path + " " + quoted }

// FactsFileHeader is the first line of a facts file (apifile.FactsPath).
const FactsFileHeader = "# API facts for the compatibility verdict, beside the API files: written by apidiff update, compared by apidiff check."

// ParseFacts reads a facts file: fact lines (a feature's head, a context suffix where a fact
// holds in some contexts only), "#" comment lines and blank lines. Errors name the line.
func ParseFacts(name string, data []byte) ([]string, error) {
	var facts []string
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSuffix(l, "\r")
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if !IsFeature(l) {
			return nil, fmt.Errorf("%s:%d: not a fact line (want \"pkg P, ...\", as apidiff update writes them): %q", name, i+1, l)
		}
		facts = append(facts, l)
	}
	return facts, nil
}

// FactsContextsPrefix starts the line of a snapshot's facts file that records the contexts the
// API files were written for (docs/format.md): "# contexts darwin-arm64 linux-amd64", the names
// sorted, one space apart. cmd/api-style readers, and facts readers before it existed, skip it as
// a comment.
const FactsContextsPrefix = "# contexts "

// FactsContextsLine returns the line that records ctxs (sorted, without duplicates).
func FactsContextsLine(ctxs []string) string {
	sorted := slices.Clone(ctxs)
	slices.Sort(sorted)
	return FactsContextsPrefix + strings.Join(slices.Compact(sorted), " ")
}

// ParseFactsContexts returns the contexts a facts file records (FactsContextsLine), sorted;
// recorded is false when it has no such line (it was written before contexts were recorded, or
// beside a Go-style directory). More than one such line, or one without names, duplicates or
// unsorted names, is an error naming the line; whether the names are known contexts is the
// caller's to check.
func ParseFactsContexts(name string, data []byte) (ctxs []string, recorded bool, err error) {
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSuffix(l, "\r")
		rest, ok := strings.CutPrefix(l, FactsContextsPrefix)
		if !ok && l != strings.TrimSpace(FactsContextsPrefix) {
			continue
		}
		if recorded {
			return nil, false, fmt.Errorf("%s:%d: a second %q line: the file records its contexts once", name, i+1, strings.TrimSpace(FactsContextsPrefix))
		}
		recorded = true
		ctxs = strings.Split(rest, " ")
		if rest == "" || slices.Contains(ctxs, "") || !slices.IsSorted(ctxs) || len(slices.Compact(slices.Clone(ctxs))) != len(ctxs) {
			return nil, false, fmt.Errorf("%s:%d: want %q and the context names, sorted, one space apart (as apidiff update writes it): %q", name, i+1, FactsContextsPrefix, l)
		}
	}
	return ctxs, recorded, nil
}
