package contexts

import (
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"github.com/rules-go-api/rules_go_api/internal/starlarktest"
)

// loadStarlark executes rules/private/context_names.bzl, as Bazel would load it.
func loadStarlark(t *testing.T) starlark.StringDict {
	t.Helper()
	return starlarktest.Load(t, "../../rules/private", "context_names.bzl")
}

func call(t *testing.T, g starlark.StringDict, fn string, arg starlark.Value) starlark.Value {
	t.Helper()
	v, err := starlark.Call(&starlark.Thread{}, g[fn], starlark.Tuple{arg}, nil)
	if err != nil {
		t.Fatalf("%s(%v): %v", fn, arg, err)
	}
	return v
}

// TestStarlarkAgrees runs the Starlark functions the rules use and checks that
// they give the same answers and messages as this package.
func TestStarlarkAgrees(t *testing.T) {
	g := loadStarlark(t)
	inputs := append(Names(false),
		"", "linux", "linux-amd46", "windows-amd46", "linux-amd64-cgo-cgo", "Linux-amd64", "linux_amd64",
		"freebsd-arm64-cgo", "freebsd-riscv64", "js-wasm-cgo", "plan9-386-cgo", "darwin-386", "linux-loong64",
		"windws-amd64", "darwin-arm65-cgo", "amd64-linux")
	for _, name := range inputs {
		want, wantErr := ParseBazel(name)
		got := call(t, g, "parse_context", starlark.String(name))
		if wantErr != nil {
			if s, ok := got.(starlark.String); !ok || string(s) != wantErr.Error() {
				t.Errorf("parse_context(%q) = %v, want %q", name, got, wantErr.Error())
			}
			continue
		}
		st, ok := got.(*starlarkstruct.Struct)
		if !ok {
			t.Errorf("parse_context(%q) = %v, want a struct", name, got)
			continue
		}
		attr := func(n string) starlark.Value { v, _ := st.Attr(n); return v }
		if attr("goos") != starlark.String(want.GOOS) || attr("goarch") != starlark.String(want.GOARCH) ||
			attr("cgo") != starlark.Bool(want.Cgo) || attr("name") != starlark.String(name) {
			t.Errorf("parse_context(%q) = %v, want %+v", name, got, want)
		}
	}

	for _, bazel := range []bool{false, true} {
		got := call(t, g, "context_names", starlark.Bool(bazel))
		list, _ := got.(*starlark.List)
		want := Names(bazel)
		if list == nil || list.Len() != len(want) {
			t.Fatalf("context_names(%v) = %v, want %q", bazel, got, want)
		}
		for i, n := range want {
			if list.Index(i) != starlark.String(n) {
				t.Errorf("context_names(%v)[%d] = %v, want %q", bazel, i, list.Index(i), n)
			}
		}
	}

	for _, path := range []string{"internal", "internal/x", "a/internal", "a/internal/b", "a/internalx", "xinternal/a",
		"a/b", "", "internals", "a/_internal/b", "example.com/m/internal"} {
		if got := call(t, g, "is_internal", starlark.String(path)); got != starlark.Bool(IsInternal(path)) {
			t.Errorf("is_internal(%q) = %v, Go says %v", path, got, IsInternal(path))
		}
	}
	for _, path := range []string{"unsafe", "vendor/golang.org/x/net", "a/vendor/b", "a/internal", "example.com/m", "unsafe/x"} {
		if got := call(t, g, "is_public_path", starlark.String(path)); got != starlark.Bool(IsPublicPath(path)) {
			t.Errorf("is_public_path(%q) = %v, Go says %v", path, got, IsPublicPath(path))
		}
	}
}
