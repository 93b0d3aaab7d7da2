package p

import "example.com/all/structs/q"

// T has unexported fields (they decide comparability and size), tags, field order, an embedded
// pointer, an unexported embedded struct with a promoted field and methods, and a field embedded
// through another package's alias, named after the alias.
type T struct {
	b    []int
	A, C string `json:"a"`
	*q.E
	inner
	q.Alias
}

type inner struct{ X int }

func (inner) M()  {}
func (*inner) m() {}

// V's unnamed struct type: cmd/api prints "var V struct".
var V struct{ B, A int }

var Ch chan (<-chan int)

var Fn func(string, ...int) (int, error)
