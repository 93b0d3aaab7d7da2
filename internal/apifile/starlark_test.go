package apifile

import (
	"testing"

	"go.starlark.net/starlark"

	"github.com/rules-go-api/rules_go_api/internal/starlarktest"
)

// TestFactsPathStarlark checks that rules/private/facts_path.bzl, with which the macros find the
// facts and declarations files to put in a check's runfiles, names the files FactsPath and
// DeclPath name.
func TestFactsPathStarlark(t *testing.T) {
	g := starlarktest.Load(t, "../../rules/private", "facts_path.bzl")
	for _, tc := range []struct {
		path string
		dir  bool
	}{{"api.txt", false}, {"apis/x.txt", false}, {"api", false}, {"x.txt.txt", false}, {"api", true}, {"a/b", true}} {
		for _, f := range []struct {
			name string
			goFn func(string, bool) string
		}{{"facts_path", FactsPath}, {"decl_path", DeclPath}} {
			got, err := starlark.Call(&starlark.Thread{}, g[f.name], starlark.Tuple{starlark.String(tc.path), starlark.Bool(tc.dir)}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if want := f.goFn(tc.path, tc.dir); got != starlark.String(want) {
				t.Errorf("%s(%q, %v) = %v, the Go function says %q", f.name, tc.path, tc.dir, got, want)
			}
		}
	}
}
