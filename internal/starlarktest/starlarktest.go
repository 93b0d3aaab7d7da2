// Package starlarktest runs the rules' pure Starlark files with go.starlark.net, for tests that
// compare them with the Go code they mirror. (It is not built by Bazel: the root module does not
// declare go.starlark.net.)
package starlarktest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
)

// Load executes the .bzl file name in dir as Bazel would load it, with the loads it makes of
// files in the same directory (":other.bzl") and the one built-in beyond the core language that
// such files use: struct. It returns the file's globals.
func Load(t testing.TB, dir, name string) starlark.StringDict {
	t.Helper()
	predeclared := starlark.StringDict{"struct": starlark.NewBuiltin("struct", starlarkstruct.Make)}
	cache := make(map[string]starlark.StringDict)
	var load func(thread *starlark.Thread, module string) (starlark.StringDict, error)
	load = func(thread *starlark.Thread, module string) (starlark.StringDict, error) {
		if g, ok := cache[module]; ok {
			return g, nil
		}
		file := strings.TrimPrefix(module, ":")
		src, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			return nil, err
		}
		g, err := starlark.ExecFile(&starlark.Thread{Name: file, Load: load}, file, src, predeclared)
		cache[module] = g
		return g, err
	}
	g, err := load(nil, ":"+name)
	if err != nil {
		t.Fatal(err)
	}
	return g
}
