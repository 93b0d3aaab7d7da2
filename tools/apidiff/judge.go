package main

import (
	"fmt"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apidecl"
	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/clients"
	"github.com/rules-go-api/rules_go_api/internal/verdict"
)

// Where both sides have declarations records, the compiler decides what breaks
// (internal/clients): for each package whose record changed, the clients of its old API are
// type-checked against the old record and the new one, and each client that fails against the
// new one is a breaking change, its proof the client itself. The rules of internal/verdict still
// pair and classify the lines; in a package the compiler judged, a change the rules called
// breaking that no client confirms is not breaking ("no_client_breaks"), and each break
// takes the lines of its declaration.

// judged is a break found in some contexts.
type judged struct {
	pkg      string
	brk      clients.Break
	contexts []string
}

// judge replaces the breaking changes of v in every package the compiler judged in each checked
// context (see above) and recomputes v's verdicts.
func judge(pc *proofChecker, checked []string, v *verdict.Result) {
	var breaks []*judged
	index := make(map[string]*judged)
	broken := make(map[[2]string]bool)                   // package, object with a break
	brokenMembers := make(map[[2]string]map[string]bool) // ... and its members with one
	judgedIn := make(map[string][]string)                // package -> contexts judged
	for _, ctx := range checked {
		for _, path := range sortedKeys(pc.old[ctx]) {
			res, ok := pc.compare(ctx, path)
			if !ok {
				continue
			}
			judgedIn[path] = append(judgedIn[path], ctx)
			for _, b := range res.Breaks {
				key := strings.Join([]string{path, b.Object, b.Member, b.Class.Name, b.Proof}, "\x00")
				j := index[key]
				if j == nil {
					j = &judged{pkg: path, brk: b}
					index[key] = j
					breaks = append(breaks, j)
				}
				j.contexts = append(j.contexts, ctx)
				broken[[2]string{path, b.Object}] = true
				if b.Member != "" {
					k := [2]string{path, b.Object}
					if brokenMembers[k] == nil {
						brokenMembers[k] = make(map[string]bool)
					}
					brokenMembers[k][b.Member] = true
				}
			}
		}
	}
	// A package is the compiler's to decide when it was judged in every context checked; where
	// some context has no record of it (API files of fewer contexts, a package of some
	// platforms), the rules decide it and their proofs are type-checked where they can be.
	all := func(path string) bool { return slices.Equal(judgedIn[path], checked) }
	gone := make(map[string]bool) // packages removed in every context checked
	for _, j := range breaks {
		if j.brk.Class == clients.PackageRemoved && slices.Equal(j.contexts, checked) {
			gone[j.pkg] = true
		}
	}
	// The rules' changes of judged packages give their lines to the breaks of their objects;
	// the others are decided by compiling the other way (grew), for their objects only.
	lines := make(map[[2]string][]string) // package, object -> lines
	var kept []verdict.Change
	var undecided []int // indexes in kept
	// unexported holds, by package, the lines of unexported types the API reaches that changed:
	// every exported declaration of such a package is compiled the other way.
	unexported := make(map[string][]string)
	added := addedPackages(pc, checked)
	for _, c := range v.Changes {
		if added[c.Package] {
			// A package added as a whole is one change: its lines are the package_added's.
			lines[[2]string{c.Package, ""}] = append(lines[[2]string{c.Package, ""}], c.Lines...)
			continue
		}
		if !all(c.Package) {
			kept = append(kept, c)
			continue
		}
		if gone[c.Package] {
			// A package removed is one change: its declarations' lines are the break's.
			lines[[2]string{c.Package, ""}] = append(lines[[2]string{c.Package, ""}], c.Lines...)
			continue
		}
		if unexportedOnly(c) {
			// A type the API reaches but does not export: what a client can do with it is
			// judged through the exported declarations that reach it, which carry the break or
			// the gain; these lines are no change of their own.
			unexported[c.Package] = append(unexported[c.Package], c.Lines...)
			continue
		}
		if c.Verdict != verdict.Breaking {
			if c.Object != "" && broken[[2]string{c.Package, c.Object}] && (ownLines(c) || membersLines(c, brokenMembers[[2]string{c.Package, c.Object}])) {
				// The declaration itself changed and broke: these lines are its break's, not a
				// change of their own (a defined type's comparable fact, an alias re-pointed).
				k := [2]string{c.Package, c.Object}
				lines[k] = append(lines[k], c.Lines...)
				continue
			}
			undecided = append(undecided, len(kept))
			kept = append(kept, c)
			continue
		}
		claimed := false
		for _, l := range c.Lines {
			obj := apiformat.Object(l[1:])
			if obj != "" && broken[[2]string{c.Package, obj}] {
				k := [2]string{c.Package, obj}
				lines[k] = append(lines[k], l)
				claimed = true
			}
		}
		if !claimed {
			c.Proof = ""
			c.Verdict = verdict.None
			c.Class, c.Why = clients.NoClientBreaks.Name, clients.NoClientBreaks.Why
			undecided = append(undecided, len(kept))
			kept = append(kept, c)
		}
	}
	// gains holds, by package and object, what a client of the new API that does not compile
	// against the old one met there: the API grew.
	gains := make(map[string]map[string]string)
	wanted := make(map[string]map[string]bool)
	for _, i := range undecided {
		c := kept[i]
		if wanted[c.Package] == nil {
			wanted[c.Package] = make(map[string]bool)
		}
		wanted[c.Package][c.Object] = true
	}
	for path := range unexported {
		wanted[path] = nil // all
	}
	for _, ctx := range checked {
		for _, path := range sortedKeys(wanted) {
			var only func(string) bool
			if objects := wanted[path]; objects != nil {
				only = func(name string) bool { return objects[name] }
			}
			for _, g := range pc.gains(ctx, path, only).Breaks {
				if gains[path] == nil {
					gains[path] = make(map[string]string)
				}
				if _, seen := gains[path][g.Object]; !seen {
					gains[path][g.Object] = g.Error
				}
			}
		}
	}
	for _, i := range undecided {
		kept[i] = grew(kept[i], gains[kept[i].Package])
	}
	// An exported declaration that grew only through an unexported type it reaches (a field
	// added to the struct a constructor returns) has no line of its own: the unexported lines
	// are its change.
	described := make(map[[2]string]bool)
	for _, c := range kept {
		described[[2]string{c.Package, c.Object}] = true
	}
	for _, path := range sortedKeys(unexported) {
		for _, obj := range sortedKeys(gains[path]) {
			if described[[2]string{path, obj}] || broken[[2]string{path, obj}] {
				continue
			}
			kept = append(kept, verdict.Change{Package: path, Object: obj, Class: clients.ClientGained.Name, Verdict: clients.ClientGained.Verdict,
				Lines: unexported[path], Why: clients.ClientGained.Why + "; against the old API: " + gains[path][obj]})
		}
	}
	given := make(map[[2]string]bool)
	for _, j := range breaks {
		if !all(j.pkg) {
			continue
		}
		k := [2]string{j.pkg, j.brk.Object}
		c := verdict.Change{Package: j.pkg, Object: j.brk.Object, Class: j.brk.Class.Name, Verdict: verdict.Breaking,
			Why: j.brk.Class.Why + "; against the new API: " + j.brk.Error, Proof: j.brk.Proof}
		switch {
		case !given[k]:
			c.Lines = lines[k]
			given[k] = true
		case j.brk.Member != "":
			// Another break of the declaration: the lines of its member, if some changed.
			for _, l := range lines[k] {
				if strings.Contains(apiformat.DeclKey(l[1:]), " "+j.brk.Member) {
					c.Lines = append(c.Lines, l)
				}
			}
		}
		if len(c.Lines) == 0 {
			c.Lines = objectLines(pc, j.pkg, j.brk.Object, j.contexts[0])
		}
		if !slices.Equal(j.contexts, judgedIn[j.pkg]) {
			c.Proof = proofContextPrefix + j.contexts[0] + ":\n" + c.Proof
		}
		kept = append(kept, c)
	}
	for _, path := range sortedKeys(added) {
		if ls := lines[[2]string{path, ""}]; len(ls) > 0 {
			kept = append(kept, verdict.Change{Package: path, Class: clients.PackageAdded.Name, Verdict: clients.PackageAdded.Verdict,
				Lines: ls, Why: clients.PackageAdded.Why})
		}
	}
	v.Changes = mergeUnchanged(kept)
	v.Verdict = verdict.None
	v.Packages = make(map[string]verdict.Verdict)
	for _, c := range v.Changes {
		v.Verdict = max(v.Verdict, c.Verdict)
		v.Packages[c.Package] = max(v.Packages[c.Package], c.Verdict)
	}
	slices.SortStableFunc(v.Changes, func(a, b verdict.Change) int {
		if a.Package != b.Package {
			return strings.Compare(a.Package, b.Package)
		}
		return strings.Compare(changeFirstLine(a), changeFirstLine(b))
	})
}

// addedPackages returns the packages the new API has in every checked context and the old API
// in none (the old records are of every package the API files have there).
func addedPackages(pc *proofChecker, checked []string) map[string]bool {
	added := make(map[string]bool)
	for _, ctx := range checked {
		for path := range pc.newPkgs[ctx] {
			added[path] = true
		}
	}
	for path := range added {
		for _, ctx := range checked {
			if _, inOld := pc.old[ctx][path]; inOld || !pc.newPkgs[ctx][path] {
				delete(added, path)
				break
			}
		}
	}
	return added
}

// grew gives a change that breaks nothing its verdict by compiling the other way: compatible
// when a client of the new API that uses its declaration does not compile against the old one
// (the API grew there), none when every such client does.
func grew(c verdict.Change, gains map[string]string) verdict.Change {
	msg, ok := gains[c.Object]
	switch {
	case ok && c.Verdict != verdict.Compatible:
		// (A change the rules called breaking that no client confirms comes here as none.)
		c.Class, c.Verdict = clients.ClientGained.Name, clients.ClientGained.Verdict
		c.Why = clients.ClientGained.Why + "; against the old API: " + msg
	case !ok && c.Verdict == verdict.Compatible:
		c.Class, c.Verdict, c.Why = clients.NoClientGains.Name, clients.NoClientGains.Verdict, clients.NoClientGains.Why
	}
	return c
}

var (
	noClientBreaks = clients.NoClientBreaks.Name
	noClientGains  = clients.NoClientGains.Name
)

func changeFirstLine(c verdict.Change) string {
	if len(c.Lines) == 0 {
		return ""
	}
	return strings.TrimLeft(c.Lines[0], "+-")
}

// mergeUnchanged makes the changes the compiler found no client of, in either direction, one per
// declaration: the rules may read one declaration's lines as several changes (an alias made a
// defined type, its comparable fact, its fields), but its clients were judged together.
func mergeUnchanged(changes []verdict.Change) []verdict.Change {
	unchanged := func(c verdict.Change) bool {
		return c.Object != "" && (c.Class == noClientBreaks || c.Class == noClientGains)
	}
	first := make(map[[2]string]int)
	var out []verdict.Change
	for _, c := range changes {
		if !unchanged(c) {
			out = append(out, c)
			continue
		}
		k := [2]string{c.Package, c.Object}
		i, seen := first[k]
		if !seen {
			first[k] = len(out)
			out = append(out, c)
			continue
		}
		out[i].Lines = append(out[i].Lines, c.Lines...)
		if c.Class == noClientBreaks && out[i].Class != noClientBreaks {
			out[i].Class, out[i].Why = c.Class, c.Why
		}
	}
	return out
}

// unexportedOnly reports whether every line of a change is a fact of an unexported type.
func unexportedOnly(c verdict.Change) bool {
	for _, l := range c.Lines {
		if _, _, decl, ok := apiformat.Split(l[1:]); !ok || !strings.HasPrefix(decl, "unexported, ") {
			return false
		}
	}
	return len(c.Lines) > 0
}

// membersLines reports whether every line of a change is about one of the given members of its
// object (a promoted field's lines, when the field's type changed and broke).
func membersLines(c verdict.Change, members map[string]bool) bool {
	for _, l := range c.Lines {
		key := apiformat.DeclKey(l[1:])
		if _, decl, ok := strings.Cut(l, " struct, promoted field "); ok {
			key = " " + strings.Fields(decl)[0] // DeclKey keys promoted fields by "promoted"
		}
		if !slices.ContainsFunc(slices.Collect(maps.Keys(members)), func(m string) bool { return strings.HasSuffix(key, " "+m) }) {
			return false
		}
	}
	return len(c.Lines) > 0 && len(members) > 0
}

// ownLines reports whether every line of a change is its object's own declaration or one of its
// facts ("type A int", "type A comparable"), none of them a member's.
func ownLines(c verdict.Change) bool {
	for _, l := range c.Lines {
		if !strings.HasSuffix(apiformat.DeclKey(l[1:]), " "+c.Object) {
			return false
		}
	}
	return true
}

// objectLines returns the lines of a break no changed line belongs to (a field order inside an
// unnamed struct type, which cmd/api's lines do not spell; a second break of one declaration):
// the line that declares it, the same before and after.
func objectLines(pc *proofChecker, pkg, object, ctx string) []string {
	for _, l := range pc.new.ByContext[ctx] {
		path, _, decl, ok := apiformat.Split(l)
		if !ok || path != pkg || apiformat.Object(l) != object || strings.HasPrefix(decl, "method ") {
			continue
		}
		return []string{"-" + l, "+" + l}
	}
	return []string{"-" + apiformat.Head(pkg) + object}
}

// compare runs the clients of pkg's old record in ctx against its new one; ok is false when the
// package cannot be judged there (a record that does not load; no new record for a package that
// is still there).
func (pc *proofChecker) compare(ctx, pkg string) (clients.Result, bool) {
	if pc.new.SameRecord(ctx, pkg, pc.old[ctx][pkg]) {
		return clients.Result{}, true // the same API: no client can tell them apart
	}
	if _, _, err := pc.new.Record(ctx, pkg); err != nil {
		return clients.Result{}, false
	}
	oldSide, newSide, ok := pc.sides(ctx, pkg)
	if !ok {
		return clients.Result{}, false
	}
	res, err := clients.Compare(oldSide, newSide, sizesOf(ctx))
	return res, err == nil
}

// gains runs the clients of the objects of pkg's new record in ctx against its old one: those
// that fail are what grew. (Packages the old record lacks are not borrowed: those clients are
// not judged.)
func (pc *proofChecker) gains(ctx, pkg string, only func(string) bool) clients.Result {
	if _, ok := pc.new.Decls[ctx][pkg]; !ok || pc.new.SameRecord(ctx, pkg, pc.old[ctx][pkg]) {
		return clients.Result{}
	}
	oldSide, newSide, ok := pc.sides(ctx, pkg)
	if !ok || newSide.Package == nil {
		return clients.Result{}
	}
	res, _ := clients.CompareOnly(newSide, oldSide, sizesOf(ctx), only)
	return res
}

// sides loads both records of pkg in ctx; the new side's Package is nil when the package is gone.
func (pc *proofChecker) sides(ctx, pkg string) (oldSide, newSide clients.Side, ok bool) {
	oldL, err := pc.loader(ctx, pkg, false)
	if err != nil {
		return oldSide, newSide, false
	}
	oldPkg, err := oldL.Import(pkg)
	if err != nil {
		return oldSide, newSide, false
	}
	newL, err := pc.loader(ctx, pkg, true)
	if err != nil {
		return oldSide, newSide, false
	}
	oldSide = clients.Side{Package: oldPkg, Importer: importerFunc(func(path string) (*types.Package, error) {
		if path == pkg || path == "unsafe" || oldL.Has(path) {
			return oldL.Import(path)
		}
		if dep := pc.borrowed(ctx, pkg, path, oldL, true); dep != nil {
			return dep, nil // a client informed by the new API (internal/clients' foreign cases)
		}
		return nil, fmt.Errorf("the declarations of %s do not hold %s", pkg, path)
	})}
	if newL != nil {
		newPkg, err := newL.Import(pkg)
		if err != nil {
			return oldSide, newSide, false
		}
		newSide = clients.Side{Package: newPkg, Importer: pc.newImporter(ctx, pkg, newL)}
	}
	return oldSide, newSide, true
}

// newImporter imports, for the clients of pkg checked against its new record, the record's
// packages, and standard library packages the new record no longer reaches from the old one
// (see borrowed).
func (pc *proofChecker) newImporter(ctx, pkg string, newL *apidecl.Loader) types.Importer {
	return importerFunc(func(path string) (*types.Package, error) {
		if path == pkg || path == "unsafe" || newL.Has(path) {
			return newL.Import(path)
		}
		if dep := pc.borrowed(ctx, pkg, path, newL, false); dep != nil {
			return dep, nil
		}
		return nil, fmt.Errorf("the new declarations of %s do not hold %s", pkg, path)
	})
}
