package apiformat

import "testing"

func TestSplitAndWithContext(t *testing.T) {
	for _, tc := range []struct{ line, feature, ctx string }{
		{"pkg syscall (linux-386), const AF_ALG = 38", "pkg syscall, const AF_ALG = 38", "linux-386"},
		{"pkg p, method (*T) M()", "pkg p, method (*T) M()", ""},
		{"pkg runtime/cgo (linux-amd64-cgo), type Handle uintptr", "pkg runtime/cgo, type Handle uintptr", "linux-amd64-cgo"},
		{"pkg p, func F(func(int), string)", "pkg p, func F(func(int), string)", ""},
	} {
		f, c := SplitContext(tc.line)
		if f != tc.feature || c != tc.ctx {
			t.Errorf("SplitContext(%q) = %q, %q; want %q, %q", tc.line, f, c, tc.feature, tc.ctx)
		}
		if c != "" && WithContext(f, c) != tc.line {
			t.Errorf("WithContext(%q, %q) = %q", f, c, WithContext(f, c))
		}
	}
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		line, path, ctx, decl string
		ok                    bool
	}{
		{"pkg a/b, func F()", "a/b", "", "func F()", true},
		{"pkg a/b (linux-386), const C = 1", "a/b", "linux-386", "const C = 1", true},
		{"pkg a, type T struct, F func(int, string)", "a", "", "type T struct, F func(int, string)", true},
		{"pkg p,func F()", "", "", "", false},
		{"# context linux-amd64", "", "", "", false},
		{"pkg , func F()", "", "", "", false},
		{"func F()", "", "", "", false},
	} {
		path, ctx, decl, ok := Split(tc.line)
		if path != tc.path || ctx != tc.ctx || decl != tc.decl || ok != tc.ok {
			t.Errorf("Split(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", tc.line, path, ctx, decl, ok, tc.path, tc.ctx, tc.decl, tc.ok)
		}
		if ok && ctx == "" && Head(path)+decl != tc.line {
			t.Errorf("Head(%q)+%q != %q", path, decl, tc.line)
		}
	}
}

func TestDeclKey(t *testing.T) {
	for line, want := range map[string]string{
		"pkg p, func F(int) error":                  "pkg p, func F",
		"pkg p, func G[T any](T)":                   "pkg p, func G",
		"pkg p, type T struct, X int":               "pkg p, type T struct, X",
		"pkg p, type T struct, embedded io.Reader":  "pkg p, type T struct, embedded io.Reader",
		"pkg p, type I interface, M(int) string":    "pkg p, type I interface, M",
		"pkg p, type I interface { M }":             "pkg p, type I",
		"pkg p, method (*T) M(int) error":           "pkg p, method (*T) M",
		"pkg p, const C = 1":                        "pkg p, const C =",
		"pkg p, const C ideal-int":                  "pkg p, const C",
		"pkg p, var V int":                          "pkg p, var V",
		"pkg p, func F //deprecated":                "pkg p, func F //deprecated",
		"pkg p (linux-amd64), func F(int)":          "pkg p (linux-amd64), func F",
		"not a feature":                             "not a feature",
		"pkg p, type T[P interface{ ~int }] struct": "pkg p, type T",
	} {
		if got := DeclKey(line); got != want {
			t.Errorf("DeclKey(%q) = %q, want %q", line, got, want)
		}
	}
}

func TestWithPackageAndDeprecated(t *testing.T) {
	if got := WithPackage("pkg a/internal/x, func F()", "a/internal/x", "vendor/x"); got != "pkg vendor/x, func F()" {
		t.Errorf("WithPackage = %q", got)
	}
	if got := WithPackage("pkg other, func F()", "a", "b"); got != "pkg other, func F()" {
		t.Errorf("WithPackage of another package = %q", got)
	}
	if base, ok := CutDeprecated("pkg p, func F" + DeprecatedSuffix); !ok || base != "pkg p, func F" {
		t.Errorf("CutDeprecated = %q, %v", base, ok)
	}
	if got := JoinLines(nil); got != "" {
		t.Errorf("JoinLines(nil) = %q", got)
	}
	if got := JoinLines([]string{"a", "b"}); got != "a\nb\n" {
		t.Errorf("JoinLines = %q", got)
	}
}

func TestObject(t *testing.T) {
	for line, want := range map[string]string{
		"pkg p, func F(int) error":                        "F",
		"pkg p, func G[T any](T)":                         "G",
		"pkg p (linux-amd64), var V int":                  "V",
		"pkg p, type T struct, X int":                     "T",
		"pkg p, type I interface, M()":                    "I",
		"pkg p, method (*T) M()":                          "T",
		"pkg p, method (L[$0]) Len() int":                 "L",
		"pkg p, const C = 1":                              "C",
		"pkg p, const C ideal-int":                        "C",
		"pkg p, func Batch //deprecated":                  "Batch",
		"pkg p, type T[$0 any] struct":                    "T",
		"pkg p, func Sum, type parameter $0 typeset ~int": "Sum",
		"not a line":                                      "",
	} {
		if got := Object(line); got != want {
			t.Errorf("Object(%q) = %q, want %q", line, got, want)
		}
	}
}
