// Package verdict decides what kind of difference an API check found: whether it breaks
// importers (breaking), only adds to the API (compatible) or changes nothing a client can use
// (none), under Go's compatibility rules. It reads the difference of cmd/api's feature lines and
// of the facts recorded beside them (internal/features.Facts; docs/format.md), names each
// change's class, and for each breaking change prints a client program that compiled against the
// old API and does not compile against the new one (see Proof).
//
// tests/catalogue holds the change classes whose verdict is decided by compiling clients.
package verdict

import (
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
)

// Verdict is the kind of an API difference. The order is by severity: the verdict of several
// changes is the greatest of theirs.
type Verdict int

const (
	None       Verdict = iota // nothing a client can use changed (patch)
	Compatible                // the API grew; every client still compiles (minor)
	Breaking                  // some client that compiled no longer does (major)
)

// String returns "none", "compatible" or "breaking".
func (v Verdict) String() string { return [...]string{"none", "compatible", "breaking"}[v] }

// Semver returns the semantic version step the verdict implies: patch, minor or major.
func (v Verdict) Semver() string { return [...]string{"patch", "minor", "major"}[v] }

// Change is one classified change of a declaration.
type Change struct {
	// Package is the import path of the package it is in.
	Package string
	// Object is the package-level declaration it is to (for a method or field, its type); ""
	// when the lines name none, or for the package itself.
	Object string
	// Class names the kind of change (e.g. "comparable_lost", "interface_method_added_open").
	Class string
	// Verdict is what the class means for clients.
	Verdict Verdict
	// Lines are the difference behind it: feature lines, and facts, each after "-" (old) or
	// "+" (new).
	Lines []string
	// Why says in a few words why the change has its verdict.
	Why string
	// Proof is, for a breaking change, a client program that compiled against the old API and
	// does not against the new; "" when none can be written from the lines and facts.
	Proof string
}

// Input is what a check compares.
type Input struct {
	// Removed and Added are the feature lines only the API files, and only the new features,
	// have (apicheck.Diff).
	Removed, Added []string
	// OldLines are the features the API files require; NewLines the merged new features.
	OldLines, NewLines []string
	// OldFacts are the facts recorded with the API files, NewFacts the merged new facts, and
	// FactsRemoved and FactsAdded their difference. HaveOldFacts is false when the API files
	// have no facts file (written before facts existed): the facts are then not compared.
	OldFacts, NewFacts       []string
	FactsRemoved, FactsAdded []string
	HaveOldFacts             bool
	// Contexts are the build contexts checked.
	Contexts []string
}

// Result is the verdict on a whole difference.
type Result struct {
	// Verdict is the greatest of the changes' verdicts; None when there are none.
	Verdict Verdict
	// Packages maps each import path with a change to its verdict.
	Packages map[string]Verdict
	// Changes are the classified changes, sorted by package, then by their first line.
	Changes []Change
	// Lacked names the facts the verdict could not compare (the API files have none yet).
	Lacked []string
}

// LackedWithoutFacts is what a verdict cannot see when the API files have no facts file.
var LackedWithoutFacts = []string{"comparability", "promoted fields", "sealed interfaces' implementations",
	"members of unexported types", "type sets", "types behind aliases"}

// Decide classifies the difference in in.
func Decide(in Input) Result {
	c := newClassifier(in)
	c.run()
	res := Result{Packages: make(map[string]Verdict)}
	for _, ch := range c.changes {
		res.Verdict = max(res.Verdict, ch.Verdict)
		res.Packages[ch.Package] = max(res.Packages[ch.Package], ch.Verdict)
	}
	slices.SortFunc(c.changes, func(a, b Change) int {
		if a.Package != b.Package {
			return strings.Compare(a.Package, b.Package)
		}
		return strings.Compare(strings.TrimLeft(a.Lines[0], "+-"), strings.TrimLeft(b.Lines[0], "+-"))
	})
	res.Changes = c.changes
	if !in.HaveOldFacts && len(in.OldLines) > 0 {
		res.Lacked = LackedWithoutFacts
	}
	return res
}

// classifier holds the difference while its lines are claimed by classes.
type classifier struct {
	in       Input
	removed  map[string]bool // not yet classified
	added    map[string]bool
	fRemoved map[string]bool
	fAdded   map[string]bool
	// Sets of the old and new lines and new facts, made on first use: most differences never
	// need them, and for a large API they cost more than the rest of the verdict.
	oldSet, newSet, newFactSet map[string]bool
	imports                    map[string]map[string]string // importFacts, made on first use
	changes                    []Change
}

// inOld, inNew and inNewFacts report whether the old lines, new lines or new facts hold l.
func (c *classifier) inOld(l string) bool { return inSet(&c.oldSet, c.in.OldLines, l) }
func (c *classifier) inNew(l string) bool { return inSet(&c.newSet, c.in.NewLines, l) }
func (c *classifier) inNewFacts(l string) bool {
	return inSet(&c.newFactSet, c.in.NewFacts, l)
}

func inSet(set *map[string]bool, lines []string, l string) bool {
	if *set == nil {
		*set = setOf(lines)
	}
	return (*set)[l]
}

func setOf(lines []string) map[string]bool {
	m := make(map[string]bool, len(lines))
	for _, l := range lines {
		m[l] = true
	}
	return m
}

func newClassifier(in Input) *classifier {
	c := &classifier{in: in, removed: setOf(in.Removed), added: setOf(in.Added)}
	if in.HaveOldFacts {
		c.fRemoved, c.fAdded = setOf(in.FactsRemoved), setOf(in.FactsAdded)
	} else {
		c.fRemoved, c.fAdded = map[string]bool{}, map[string]bool{}
	}
	// Import facts say how to spell a proof's imports; they are no change of their own.
	for _, m := range []map[string]bool{c.fRemoved, c.fAdded} {
		for f := range m {
			if _, _, d, _ := apiformat.Split(f); strings.HasPrefix(d, "import ") {
				delete(m, f)
			}
		}
	}
	return c
}

// add records a change made of the given lines (each "-" or "+" and a line), which it claims.
func (c *classifier) add(class string, v Verdict, why string, lines ...string) *Change {
	var pkg string
	var out []string
	for _, l := range lines {
		sign, line := l[:1], l[1:]
		if pkg == "" {
			pkg, _, _, _ = apiformat.Split(line)
		}
		out = append(out, l)
		switch sign {
		case "-":
			delete(c.removed, line)
			delete(c.fRemoved, line)
		case "+":
			delete(c.added, line)
			delete(c.fAdded, line)
		}
	}
	var object string
	if len(out) > 0 {
		object = apiformat.Object(out[0][1:])
	}
	c.changes = append(c.changes, Change{Package: pkg, Object: object, Class: class, Verdict: v, Lines: out, Why: why})
	return &c.changes[len(c.changes)-1]
}

func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// parts splits a feature line into its head ("pkg P, " or "pkg P (CTX), ") and declaration.
func parts(line string) (head, decl string) {
	head, decl = apiformat.HeadAndDecl(line)
	return head + ", ", decl
}

func (c *classifier) run() {
	c.someContexts()
	c.deprecations()
	c.receivers()
	c.funcToVar()
	c.interfaces()
	c.aliases()
	c.generics()
	c.changed()
	c.removedLines()
	c.addedLines()
	c.facts()
}
