package verdict

import (
	"slices"
	"strings"
	"testing"
)

const h = "pkg example.com/p, "

func lines(ls ...string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = h + l
	}
	return out
}

// The verdicts are Go's compatibility rules applied by hand to each difference; the catalogue
// (tests/catalogue) proves them by compiling clients.
func TestDecide(t *testing.T) {
	for _, tc := range []struct {
		name             string
		old, new         []string // feature lines
		oldFacts, facts  []string
		noFacts          bool
		verdict          Verdict
		classes          []string
		lacked, hasProof bool
	}{
		{name: "nothing", old: lines("func F()"), new: lines("func F()"), verdict: None},
		{name: "undeprecated", old: lines("func F()", "func F //deprecated"), new: lines("func F()"),
			verdict: None, classes: []string{"undeprecated"}},
		{name: "removed with a proof", old: lines("func F()", "func G()"), new: lines("func G()"),
			verdict: Breaking, classes: []string{"func_removed"}, hasProof: true},
		{name: "interface summary line follows its members", old: lines("type I interface { M }", "type I interface, M()"),
			new:     lines("type I interface { M, N }", "type I interface, M()", "type I interface, N()"),
			verdict: Breaking, classes: []string{"interface_method_added_open"}, hasProof: true},
		{name: "sealed interface grows", old: lines("type I interface, M()", "type I interface, unexported methods"),
			new:     lines("type I interface, M()", "type I interface, N()", "type I interface, unexported methods"),
			verdict: Compatible, classes: []string{"interface_method_added_sealed"}},
		{name: "comparability lost: a fact", old: lines("type S struct"), new: lines("type S struct"),
			oldFacts: lines("type S comparable"), verdict: Breaking, classes: []string{"comparable_lost"}, hasProof: true},
		{name: "a type removed takes its facts along", old: lines("type S struct", "func F()"), new: lines("func F()"),
			oldFacts: lines("type S comparable"), verdict: Breaking, classes: []string{"type_removed"}, hasProof: true},
		{name: "constraint relaxed", old: lines("func F[$0 interface{ ~int }]($0)"), new: lines("func F[$0 interface{ ~int | ~string }]($0)"),
			oldFacts: lines("func F, type parameter $0 typeset ~int"), facts: lines("func F, type parameter $0 typeset ~int | ~string"),
			verdict: Compatible, classes: []string{"constraint_relaxed"}},
		{name: "without facts a constraint change is breaking, and the verdict says what it lacked",
			old: lines("func F[$0 interface{ ~int }]($0)"), new: lines("func F[$0 interface{ ~int | ~string }]($0)"), noFacts: true,
			verdict: Breaking, classes: []string{"constraint_changed"}, lacked: true},
		{name: "import facts are no change", old: lines("func F()"), new: lines("func F()"),
			oldFacts: lines(`import io "io"`), verdict: None},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{OldLines: tc.old, NewLines: tc.new, OldFacts: tc.oldFacts, NewFacts: tc.facts,
				HaveOldFacts: !tc.noFacts, Contexts: []string{"linux-amd64"}}
			in.Removed, in.Added = diff(tc.old, tc.new)
			in.FactsRemoved, in.FactsAdded = diff(tc.oldFacts, tc.facts)
			res := Decide(in)
			var classes []string
			proof := false
			for _, c := range res.Changes {
				classes = append(classes, c.Class)
				proof = proof || c.Proof != ""
			}
			if res.Verdict != tc.verdict || !slices.Equal(classes, tc.classes) || (res.Lacked != nil) != tc.lacked || proof != tc.hasProof {
				t.Errorf("verdict %s, classes %q, lacked %q, proof %v; want %s, %q, lacked %v, proof %v\n%+v",
					res.Verdict, classes, res.Lacked, proof, tc.verdict, tc.classes, tc.lacked, tc.hasProof, res.Changes)
			}
		})
	}
}

func diff(old, new []string) (removed, added []string) {
	for _, o := range old {
		if !slices.Contains(new, o) {
			removed = append(removed, o)
		}
	}
	for _, n := range new {
		if !slices.Contains(old, n) {
			added = append(added, n)
		}
	}
	return removed, added
}

func TestSubsetTypeSet(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		want     bool
	}{
		{"~int", "~int | ~string", true},
		{"~int | ~string", "~int", false},
		{"int", "~int", true},
		{"~int", "int", false},
		{"any", "comparable", false},
		{"comparable", "any", true},
		{"~int", "comparable", true}, // every type in ~int is comparable
		{"M(); N()", "M()", true},
		{"M()", "M(); N()", false},
		{"none", "~int", true},
	} {
		if got := subsetTypeSet(tc.old, tc.new); got != tc.want {
			t.Errorf("subsetTypeSet(%q, %q) = %v, want %v", tc.old, tc.new, got, tc.want)
		}
	}
}

// TestDeprecatedRemoved: a deprecated generic function removed is one break, its declaration's,
// with its "//deprecated" line, which has no proof of its own (it once read `var _ = p.F
// //deprecated`, which does not compile against the old API either).
func TestDeprecatedRemoved(t *testing.T) {
	old := []string{"pkg p, func F[$0 comparable]($0) bool", "pkg p, func F //deprecated"}
	res := Decide(Input{Removed: old, OldLines: old, Contexts: []string{"linux-amd64"}})
	var got []string
	for _, c := range res.Changes {
		got = append(got, c.Class+" "+c.Verdict.String()+" "+strings.Join(c.Lines, " | "))
		if strings.Contains(c.Proof, "//deprecated") {
			t.Errorf("%s: proof spells the deprecation marker:\n%s", c.Class, c.Proof)
		}
	}
	want := []string{"func_removed breaking -pkg p, func F[$0 comparable]($0) bool | -pkg p, func F //deprecated"}
	if !slices.Equal(got, want) {
		t.Errorf("changes %q, want %q", got, want)
	}
}
