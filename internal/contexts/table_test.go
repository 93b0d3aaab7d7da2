package contexts

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite rules/private/contexts_table.bzl")

// tablePath is the generated Starlark form of Ports.
const tablePath = "../../rules/private/contexts_table.bzl"

// starlarkTable returns the contents of contexts_table.bzl.
func starlarkTable() []byte {
	var b bytes.Buffer
	b.WriteString(`"""The context table of rules_go_api, for the Starlark rules.

Generated from internal/contexts (contexts.go) by
    go test ./internal/contexts -update
Do not edit: change contexts.go and regenerate; the tests check that this file is up to date.
"""

# Per port (GOOS-GOARCH): whether Go supports cgo there, whether rules_go has a platform for it,
# with cgo, and whether Go removed the port.
PORTS = {
`)
	for _, p := range Ports {
		fmt.Fprintf(&b, "    %q: struct(cgo = %s, bazel = %s, bazel_cgo = %s, removed = %s),\n",
			p.Name, starlarkBool(p.Cgo), starlarkBool(p.Bazel), starlarkBool(p.BazelCgo), starlarkBool(p.Removed))
	}
	b.WriteString("}\n")
	return b.Bytes()
}

func starlarkBool(v bool) string {
	if v {
		return "True"
	}
	return "False"
}

func TestStarlarkTableUpToDate(t *testing.T) {
	want := starlarkTable()
	if *update {
		if err := os.WriteFile(tablePath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(tablePath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: run go test ./internal/contexts -update", tablePath)
	}
}
