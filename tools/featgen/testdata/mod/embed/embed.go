// Package embed covers embedding, method promotion and aliases.
package embed

import (
	"io"

	"example.com/featgentest/dep"
)

type Inner struct{ X int }

func (Inner) ValueMethod()    {}
func (*Inner) PointerMethod() {}

type hidden struct{ Visible int }

func (hidden) FromHidden()   {}
func (*hidden) FromHiddenP() {}

// ByValue embeds Inner by value: *ByValue gets PointerMethod.
type ByValue struct {
	Inner
	Name string
	tag  int
}

// ByPointer embeds *Inner: both methods are in the value method set.
type ByPointer struct {
	*Inner
}

// Unexp embeds an unexported type: the field is not a feature, its methods are.
type Unexp struct {
	hidden
}

// Cross embeds types of other packages.
type Cross struct {
	dep.Base
	io.Writer
	Nested struct{ A, B int }
	Ch     <-chan struct{}
	Arr    [4]byte
	F      func(int, ...string) (bool, error)
	M      map[string][]*dep.Base
}

type Alias = dep.Base

type AliasAny = any

type Named dep.Base

type Handler func(w io.Writer, r *dep.Base)

func (Handler) Serve() {}

var DefaultHandler Handler

var (
	Ptr   *Inner
	iface dep.Reader
)

func New(r dep.Reader) (*ByValue, error) { return nil, nil }

func Hidden() hidden { return hidden{} }
