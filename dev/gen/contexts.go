package main

import (
	"bytes"
	"fmt"

	"github.com/rules-go-api/rules_go_api/internal/contexts"
)

// contextsTable returns rules/private/contexts_table.bzl: internal/contexts' ports for Starlark.
func contextsTable() []byte {
	var b bytes.Buffer
	b.WriteString(`"""The context table of rules_go_api, for the Starlark rules.

Generated from internal/contexts (contexts.go) by
    go run ./dev/gen
Do not edit: change contexts.go and regenerate; the generator's test checks that this file is up
to date.
"""

# Per port (GOOS-GOARCH): whether Go supports cgo there, whether rules_go has a platform for it,
# with cgo, and whether Go removed the port.
PORTS = {
`)
	for _, p := range contexts.Ports {
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
