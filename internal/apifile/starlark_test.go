package apifile

import (
	"testing"

	"go.starlark.net/starlark"

	"github.com/rules-go-api/rules_go_api/internal/starlarktest"
)

// TestFactsPathStarlark checks that rules/private/facts_path.bzl, with which the macros find the
// facts file to put in a check's runfiles, names the file FactsPath names.
func TestFactsPathStarlark(t *testing.T) {
	g := starlarktest.Load(t, "../../rules/private", "facts_path.bzl")
	for _, tc := range []struct {
		path string
		dir  bool
	}{{"api.txt", false}, {"apis/x.txt", false}, {"api", false}, {"x.txt.txt", false}, {"api", true}, {"a/b", true}} {
		got, err := starlark.Call(&starlark.Thread{}, g["facts_path"], starlark.Tuple{starlark.String(tc.path), starlark.Bool(tc.dir)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := FactsPath(tc.path, tc.dir); got != starlark.String(want) {
			t.Errorf("facts_path(%q, %v) = %v, FactsPath says %q", tc.path, tc.dir, got, want)
		}
	}
}
