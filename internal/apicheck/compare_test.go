package apicheck

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestCompare reproduces the cases of cmd/api's TestCompareAPI, then the
// quirks of cmd/api's comparison as this package decides them.
func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		name                       string
		features, required, except []string
		want                       string // cmd/api's output lines
	}{
		// cmd/api's own cases.
		{name: "equal", features: []string{"A", "B", "C"}, required: []string{"A", "B", "C"}},
		{name: "feature added", features: []string{"A", "B", "C", "D", "E", "F"}, required: []string{"B", "D"},
			want: "+A\n+C\n+E\n+F\n"},
		{name: "feature removed", features: []string{"C", "A"}, required: []string{"A", "B", "C"}, want: "-B\n"},
		{name: "exception removal", features: []string{"A", "C"}, required: []string{"A", "B", "C"}, except: []string{"B"}},
		{name: "contexts reconverging after api/next/* update",
			features: []string{"A", "pkg syscall, type RawSockaddrInet6 struct"},
			required: []string{"A", "pkg syscall (darwin-amd64), type RawSockaddrInet6 struct", "pkg syscall, type RawSockaddrInet6 struct"}},
		{name: "contexts reconverging before api/next/* update",
			features: []string{"A", "pkg syscall, type RawSockaddrInet6 struct"},
			required: []string{"A", "pkg syscall (darwin-amd64), type RawSockaddrInet6 struct"},
			want:     "+pkg syscall, type RawSockaddrInet6 struct\n"},

		// Decisions on cmd/api's quirks (docs/format.md, Comparison).
		{name: "except never excuses an addition",
			features: []string{"pkg p, func F()", "pkg p, func G()"}, required: []string{"pkg p, func F()"},
			except: []string{"pkg p, func G()"}, want: "+pkg p, func G()\n"},
		{name: "except entry that still exists is harmless",
			features: []string{"pkg p, func F()"}, required: []string{"pkg p, func F()"}, except: []string{"pkg p, func F()"}},
		{name: "removed ports are ignored",
			features: []string{"pkg p, func F()"},
			required: []string{"pkg p, func F()", "pkg p (darwin-386), func G()", "pkg p (darwin-386-cgo), func G()"}},
		{name: "other contexts are required",
			features: []string{"pkg p, func F()"}, required: []string{"pkg p, func F()", "pkg p (plan9-386), func G()"},
			want: "-pkg p (plan9-386), func G()\n"},
		{name: "a common line is not satisfied by per-context lines",
			features: []string{"pkg p (linux-amd64), func F()"}, required: []string{"pkg p, func F()"},
			want: "+pkg p (linux-amd64), func F()\n-pkg p, func F()\n"},
		// cmd/api strips every " (...)" group to find the context-free form,
		// receivers included, and so reports a reconverged method as "-" and
		// "+". Only the context suffix is stripped here.
		{name: "reconverged method (deliberate difference from cmd/api)",
			features: []string{"pkg p, method (*T) M()"},
			required: []string{"pkg p (linux-amd64), method (*T) M()", "pkg p, method (*T) M()"}},
		// A line repeated in the API files (Go's go1.21.txt and go1.22.txt
		// share five) is required once.
		{name: "duplicate required line",
			features: []string{"pkg p (linux-amd64), method (T) M()"},
			required: []string{"pkg p (linux-amd64), method (T) M()", "pkg p (linux-amd64), method (T) M()"}},
		{name: "output is sorted by feature, signs interleaved",
			features: []string{"B", "D"}, required: []string{"A", "C"}, want: "-A\n+B\n-C\n+D\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Compare(tc.features, tc.required, tc.except)
			got := strings.Join(d.CmdAPILines(), "\n")
			if got != "" {
				got += "\n"
			}
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			if d.OK() != (tc.want == "") {
				t.Errorf("OK() = %v with output %q", d.OK(), got)
			}
		})
	}
}

func TestMerge(t *testing.T) {
	got := Merge(map[string][]string{
		"linux-amd64":   {"pkg p, func All()", "pkg p, func Unix()"},
		"darwin-arm64":  {"pkg p, func All()", "pkg p, func Unix()"},
		"windows-amd64": {"pkg p, func All()", "pkg p, func Win()"},
	})
	want := []string{
		"pkg p (darwin-arm64), func Unix()",
		"pkg p (linux-amd64), func Unix()",
		"pkg p (windows-amd64), func Win()",
		"pkg p, func All()",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Merge = %q\nwant %q", got, want)
	}
	if got := Merge(map[string][]string{"linux-amd64": {"pkg p, func F()"}}); !slices.Equal(got, []string{"pkg p, func F()"}) {
		t.Errorf("one context: %q", got)
	}
}

func TestCheckProjection(t *testing.T) {
	required := []string{
		"pkg p, func All()",
		"pkg p (linux-amd64), func Unix()",
		"pkg p (darwin-arm64), func Unix()",
		"pkg p (windows-amd64), func Win()",
	}
	// Only linux-amd64 built: the windows and darwin lines are not checked.
	res := Check(map[string][]string{"linux-amd64": {"pkg p, func All()", "pkg p, func Unix()"}}, required, nil)
	if !res.Diff.OK() || !slices.Equal(res.NotChecked, []string{"darwin-arm64", "windows-amd64"}) || res.NotCheckedLines != 2 {
		t.Errorf("projection: %+v", res)
	}
	// A feature missing from the one context checked.
	res = Check(map[string][]string{"linux-amd64": {"pkg p, func All()"}}, required, nil)
	if !slices.Equal(res.Diff.Removed, []string{"pkg p, func Unix()"}) {
		t.Errorf("missing in the only context: %+v", res.Diff)
	}
	// All contexts: cmd/api's merged compare.
	res = Check(map[string][]string{
		"linux-amd64":   {"pkg p, func All()", "pkg p, func Unix()"},
		"darwin-arm64":  {"pkg p, func All()", "pkg p, func Unix()", "pkg p, func New()"},
		"windows-amd64": {"pkg p, func All()", "pkg p, func Win()"},
	}, required, nil)
	if len(res.NotChecked) != 0 || !slices.Equal(res.Diff.Added, []string{"pkg p (darwin-arm64), func New()"}) || len(res.Diff.Removed) != 0 {
		t.Errorf("full: %+v", res)
	}
}

func TestChanges(t *testing.T) {
	d := Diff{
		Removed: []string{"pkg p, func F(int)", "pkg p, method (*T) M() error", "pkg p, func Gone()", "pkg p, type S struct, X int"},
		Added:   []string{"pkg p, func F(int, string)", "pkg p, method (*T) M() (int, error)", "pkg p, func New()", "pkg p, type S struct, X int64", "pkg p, type S //deprecated"},
	}
	changed, removed, added := Changes(d)
	wantChanged := []Change{
		{"pkg p, func F(int)", "pkg p, func F(int, string)"},
		{"pkg p, method (*T) M() error", "pkg p, method (*T) M() (int, error)"},
		{"pkg p, type S struct, X int", "pkg p, type S struct, X int64"},
	}
	if !slices.Equal(changed, wantChanged) || !slices.Equal(removed, []string{"pkg p, func Gone()"}) ||
		!slices.Equal(added, []string{"pkg p, func New()", "pkg p, type S //deprecated"}) {
		t.Errorf("Changes:\nchanged %q\nremoved %q\nadded %q", changed, removed, added)
	}
}

// TestCheckProjectionManyContexts compares many contexts at once (compareEach): each context's
// differences must carry that context's suffix, and a difference in every checked context none.
func TestCheckProjectionManyContexts(t *testing.T) {
	names := []string{"darwin-amd64", "darwin-arm64", "freebsd-amd64", "linux-386", "linux-amd64", "linux-arm", "windows-386", "windows-amd64"}
	required := []string{
		"pkg p, func All()",
		"pkg p (netbsd-arm64), func NetBSD()", // not given: not checked
	}
	features := make(map[string][]string)
	var wantAdded, wantRemoved []string
	for i, ctx := range names {
		own := fmt.Sprintf("func F%d()", i)
		features[ctx] = []string{"pkg p, " + own, "pkg p, func Every()"}
		if i%2 == 0 {
			features[ctx] = append(features[ctx], "pkg p, func All()")
		} else {
			wantRemoved = append(wantRemoved, "pkg p ("+ctx+"), func All()")
		}
		wantAdded = append(wantAdded, "pkg p ("+ctx+"), "+own)
	}
	wantAdded = append(wantAdded, "pkg p, func Every()")
	slices.Sort(wantAdded)
	slices.Sort(wantRemoved)
	res := Check(features, required, nil)
	if !slices.Equal(res.NotChecked, []string{"netbsd-arm64"}) {
		t.Errorf("NotChecked = %v, want [netbsd-arm64]", res.NotChecked)
	}
	if !slices.Equal(res.Diff.Added, wantAdded) {
		t.Errorf("Added:\n got %q\nwant %q", res.Diff.Added, wantAdded)
	}
	if !slices.Equal(res.Diff.Removed, wantRemoved) {
		t.Errorf("Removed:\n got %q\nwant %q", res.Diff.Removed, wantRemoved)
	}
}

// TestUndeprecations: a "//deprecated" line gone while its declaration stays (unchanged, or
// changed: removed and added again) is an undeprecation; gone with its declaration, a removal.
func TestUndeprecations(t *testing.T) {
	removed := []string{
		"pkg p, func Changed(int)", "pkg p, func Changed //deprecated",
		"pkg p, func Gone()", "pkg p, func Gone //deprecated",
		"pkg p, func Kept //deprecated",
	}
	added := []string{"pkg p, func Changed(int64)"}
	undeprecated, rest := Undeprecations(removed, added)
	if want := []string{"pkg p, func Changed //deprecated", "pkg p, func Kept //deprecated"}; !slices.Equal(undeprecated, want) {
		t.Errorf("undeprecated %q, want %q", undeprecated, want)
	}
	if want := []string{"pkg p, func Changed(int)", "pkg p, func Gone()", "pkg p, func Gone //deprecated"}; !slices.Equal(rest, want) {
		t.Errorf("rest %q, want %q", rest, want)
	}
}
