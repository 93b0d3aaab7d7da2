// Package apiformat owns the text formats of API features, the format of Go's cmd/api:
//
//   - a feature line, "pkg P, DECL" or, for a feature of one build context only, "pkg P (CTX), DECL",
//     with " //deprecated" ending the line that marks a declaration deprecated;
//   - a features file, what featgen prints: feature lines of one context, or of several, each
//     context's after a "# context CTX" header line (see ParseFeatures);
//   - an API file, what is checked in (Go's api/go1.N.txt, next/*.txt, except.txt): feature lines,
//     "#" comment lines, and in some files a " #N" proposal approval ending each line (see Parse).
//
// Every other package reads and writes these formats through this one.
package apiformat

import "strings"

// DeprecatedSuffix ends the feature line that marks a declaration deprecated: "pkg p, func F
// //deprecated" says F, which "pkg p, func F()" declares, is deprecated.
const DeprecatedSuffix = " //deprecated"

// pkgPrefix starts every feature line.
const pkgPrefix = "pkg "

// Head returns the start of the feature lines of the package with import path path, up to and
// including the ", " that comes before each declaration.
func Head(path string) string { return pkgPrefix + path + ", " }

// Split splits a feature line into the import path of its package, its context ("" for a
// feature of every context) and its declaration. ok is false if line is not a feature line.
func Split(line string) (path, ctx, decl string, ok bool) {
	feature, ctx := SplitContext(line)
	head, decl, found := strings.Cut(feature, ", ")
	path, isPkg := strings.CutPrefix(head, pkgPrefix)
	if !found || !isPkg || path == "" {
		return "", "", "", false
	}
	return path, ctx, decl, true
}

// HeadAndDecl splits a feature line at the ", " after its package: "pkg P" or "pkg P (CTX)", and
// the declaration. A line that is not a feature line is all declaration.
func HeadAndDecl(line string) (head, decl string) {
	head, decl, ok := strings.Cut(line, ", ")
	if !ok {
		return "", line
	}
	return head, decl
}

// Where names the package and context of a feature line as a reader would: "P", or "P (CTX)" for
// a feature of one context.
func Where(line string) string {
	head, _ := HeadAndDecl(line)
	return strings.TrimPrefix(head, pkgPrefix)
}

// IsFeature reports whether line has the shape of a feature line: "pkg P, DECL".
func IsFeature(line string) bool {
	_, _, _, ok := Split(line)
	return ok
}

// SplitContext splits a feature line "pkg P (CTX), DECL" into the feature "pkg P, DECL" and the
// context CTX. A line without a context suffix is returned unchanged with ctx "".
func SplitContext(line string) (feature, ctx string) {
	comma := strings.IndexByte(line, ',')
	if comma < 0 {
		return line, ""
	}
	head := line[:comma]
	open := strings.Index(head, " (")
	if open < 0 || !strings.HasSuffix(head, ")") {
		return line, ""
	}
	return head[:open] + line[comma:], head[open+2 : len(head)-1]
}

// WithContext returns feature with the context suffix ctx inserted after its "pkg P" part, as
// cmd/api writes the features of some contexts only.
func WithContext(feature, ctx string) string {
	comma := strings.IndexByte(feature, ',')
	if comma < 0 {
		return feature
	}
	return feature[:comma] + " (" + ctx + ")" + feature[comma:]
}

// WithPackage returns the feature line of package from moved to package to: line with its
// "pkg from, " head replaced. Lines of other packages are returned unchanged.
func WithPackage(line, from, to string) string {
	if rest, ok := strings.CutPrefix(line, Head(from)); ok {
		return Head(to) + rest
	}
	return line
}

// CutDeprecated returns the feature that a deprecation line marks deprecated ("pkg p, func F"
// for "pkg p, func F //deprecated"), and whether line is one.
func CutDeprecated(line string) (base string, ok bool) {
	return strings.CutSuffix(line, DeprecatedSuffix)
}

// DeclKey returns what a feature line declares, without its type or value: "pkg p, func
// F(int) error" declares "pkg p, func F"; "pkg p, type T struct, X int" declares "pkg p, type T
// struct, X". Two lines with the same key are one declaration changed. A deprecation line is its
// own key.
func DeclKey(line string) string {
	if _, ok := CutDeprecated(line); ok {
		return line
	}
	comma := strings.Index(line, ", ")
	if comma < 0 {
		return line
	}
	head, decl := line[:comma+2], line[comma+2:]
	// Member lines of structs and interfaces: key on the member name.
	for _, scope := range []string{" struct, ", " interface, "} {
		if i := strings.Index(decl, scope); i >= 0 && strings.HasPrefix(decl, "type ") {
			member := decl[i+len(scope):]
			if rest, ok := strings.CutPrefix(member, "embedded "); ok {
				return head + decl[:i+len(scope)] + "embedded " + rest
			}
			return head + decl[:i+len(scope)] + firstWord(member)
		}
	}
	kind, rest, _ := strings.Cut(decl, " ")
	switch kind {
	case "method":
		// method (R) Name(...)
		if end := strings.Index(rest, ") "); end >= 0 {
			return head + "method " + rest[:end+2] + firstWord(rest[end+2:])
		}
	case "const":
		name, tail, _ := strings.Cut(rest, " ")
		if strings.HasPrefix(tail, "= ") {
			return head + "const " + name + " ="
		}
		return head + "const " + name
	case "func", "var", "type":
		return head + kind + " " + firstWord(rest)
	}
	return line
}

// firstWord returns s up to the first space, "(" or "[".
func firstWord(s string) string {
	if i := strings.IndexAny(s, " (["); i >= 0 {
		return s[:i]
	}
	return s
}

// JoinLines returns lines as the text of a file: each line ends in "\n"; no lines is "".
func JoinLines(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// Object returns the name of the package-level declaration a feature line is about: "F" for
// "pkg p, func F(int)", "T" for "pkg p, method (*T) M()" and for "pkg p, type T struct, X int";
// "" for a line it cannot read.
func Object(line string) string {
	_, _, decl, ok := Split(line)
	if !ok {
		return ""
	}
	kind, rest, _ := strings.Cut(decl, " ")
	switch kind {
	case "method":
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, "("), "*")
		if i := strings.IndexAny(rest, ")["); i >= 0 {
			return rest[:i]
		}
	case "func", "var", "type", "const":
		// A fact line names the declaration before a comma: "func F, type parameter $0 ...".
		return strings.TrimSuffix(firstWord(rest), ",")
	}
	return ""
}
