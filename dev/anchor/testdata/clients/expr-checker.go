// v1.17.6 → v1.17.7 (a patch release): checker.FieldIndex takes a *nature.Cache first, and
// nature.Nature lost its methods (Kind, String, ...).
package main

import (
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/checker/nature"
)

func main() {
	var env nature.Nature
	var node ast.Node
	ok, index, name := checker.FieldIndex(env, node)
	var k reflect.Kind = env.Kind()
	_, _, _, _ = ok, index, name, k
}
