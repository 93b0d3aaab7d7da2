// Package deprec covers // Deprecated: marks.
package deprec

import "example.com/featgentest/dep"

// Deprecated: use New.
const Old = 1

// Grouped declarations share the doc comment of the group.
//
// Deprecated: all of them.
var (
	V1 int
	V2 string
)

const (
	// Deprecated: only this one.
	C1 = 1
	C2 = 2
)

// Deprecated: use G.
func F() {}

func G() {}

/* Deprecated: block comments do not count. */
func Block() {}

// Not deprecated, though the word Deprecated: appears here.
func Mention() {}

// Deprecated: the type itself.
type T struct {
	// Deprecated: a field.
	Field int
	// Deprecated: an embedded field.
	*Embedded
	// Deprecated: an embedded field of another package is not marked.
	dep.Base
	Fine int
}

type Embedded struct{}

// Deprecated: promoted into T, and reported there too (same package).
func (*Embedded) Promoted() {}

// Deprecated: a method.
func (T) M() {}

type I interface {
	// Deprecated: an interface method.
	Get() int
	Put(int)
}

// J embeds I: its Get is deprecated too (same package position).
type J interface {
	I
	dep.Reader
}

type (
	// Deprecated: a spec in a group.
	A int
	B int
)
