package p

import iopkg "io"

type G[T any, P *T] struct {
	X T
	p P
}

// A is a generic alias.
type A[T comparable] = G[T, *T]

type t int

// V's type argument is an unexported type.
var V G[t, *t]

func F[S ~[]E, E interface {
	~int
	String() string
}](s S) E {
	var e E
	return e
}

type L[T any] struct{}

func (l *L[U]) Push(U) {}

// The trailing comma keeps [P *int] from parsing as an array length.
type Ptr[P *int,] struct{}

// The type parameter io shadows the package name io: the record imports io under another name.
func Read[io any](r iopkg.Reader, v io) {}
