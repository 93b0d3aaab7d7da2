package apiformat

import (
	"slices"
	"strings"
	"testing"
)

func TestFeatureSetsAdd(t *testing.T) {
	for _, tc := range []struct {
		name, data, ctx string
		want            map[string][]string // nil: an error containing err
		mains           []string
		err             string
	}{
		{name: "one context", data: "pkg p, func F()\npkg p, func G()\n", ctx: "linux-amd64",
			want: map[string][]string{"linux-amd64": {"pkg p, func F()", "pkg p, func G()"}}},
		{name: "one context, no features", data: "", ctx: "linux-amd64",
			want: map[string][]string{"linux-amd64": {}}},
		{name: "sections", data: ContextHeader("linux-amd64") + "\npkg p, func F()\n" + ContextHeader("windows-amd64") + "\n",
			want: map[string][]string{"linux-amd64": {"pkg p, func F()"}, "windows-amd64": {}}},
		{name: "main marker", data: MainMarker("example.com/cmd") + "\n", ctx: "linux-amd64",
			want: map[string][]string{"linux-amd64": {}}, mains: []string{"example.com/cmd"}},
		{name: "sections given one context", data: ContextHeader("linux-amd64") + "\n", ctx: "linux-amd64", err: "f.txt:1: a features file of several contexts"},
		{name: "unknown context", data: ContextHeader("linux-amd65") + "\n", err: "f.txt:1: "},
		{name: "no header", data: "pkg p, func F()\n", err: "f.txt:1: no \"# context CONTEXT\" line before the first feature"},
		{name: "empty file of sections", data: "", err: "f.txt: no \"# context CONTEXT\" line"},
		{name: "not a feature", data: "hello\n", ctx: "linux-amd64", err: "f.txt:1: not a feature line"},
		{name: "context suffix", data: "pkg p (linux-amd64), func F()\n", ctx: "linux-amd64", err: "f.txt:1: feature has a context suffix"},
		{name: "CRLF", data: "pkg p, func F()\r\n", ctx: "linux-amd64", err: "f.txt: CRLF line endings"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := NewFeatureSets()
			err := s.Add("f.txt", []byte(tc.data), tc.ctx)
			if tc.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
					t.Fatalf("error %v, want one starting %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(s.ByContext) != len(tc.want) {
				t.Errorf("contexts %v, want %v", s.ByContext, tc.want)
			}
			for ctx, want := range tc.want {
				if got, ok := s.ByContext[ctx]; !ok || got == nil || !slices.Equal(got, want) {
					t.Errorf("%s: %q (present %v), want %q", ctx, got, ok, want)
				}
			}
			if !slices.Equal(s.Mains, tc.mains) {
				t.Errorf("mains %q, want %q", s.Mains, tc.mains)
			}
		})
	}
}

func TestSameRecord(t *testing.T) {
	for _, record := range []string{"", "package p\n\nfunc F() { panic(0) }\n", "const S = \"a\\tb\\x00é\"\n", "\xff\xfe bytes", "naïve 世界 \\ \""} {
		s := NewFeatureSets()
		if err := s.Add("f", []byte(ContextHeader("linux-amd64")+"\n"+DeclLine("p", []byte(record))+"\n"), ""); err != nil {
			t.Fatal(err)
		}
		if !s.SameRecord("linux-amd64", "p", []byte(record)) {
			t.Errorf("SameRecord(%q) = false", record)
		}
		for _, other := range []string{record + "x", "x" + record, strings.TrimSuffix(record, "\n")} {
			if other != record && s.SameRecord("linux-amd64", "p", []byte(other)) {
				t.Errorf("SameRecord(%q) of %q = true", other, record)
			}
		}
		if s.SameRecord("linux-amd64", "q", []byte(record)) || s.SameRecord("linux-386", "p", []byte(record)) {
			t.Errorf("SameRecord of another package or context = true")
		}
	}
}
