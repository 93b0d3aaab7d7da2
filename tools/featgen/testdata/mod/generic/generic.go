// Package generic covers type parameters, constraints and instantiations.
package generic

import "strings"

type Number interface {
	~int | ~int64 | float64
}

type Stringish interface {
	~string
	Len() int
}

func Map[S ~[]E, E any, R any](s S, f func(E) R) []R { return nil }

func Sum[T Number](xs ...T) T { var t T; return t }

func Keys[M ~map[K]V, K comparable, V any](m M) []K { return nil }

func Inline[T interface {
	~int | ~uint
	String() string
}](T) {
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) Entry() (K, V) { return p.Key, p.Val }

func (p *Pair[K, V]) Set(k K, v V) {}

type List[T any] []T

func (l List[T]) Len() int { return len(l) }

type Seq[V any] func(yield func(V) bool)

func Collect[V any](seq Seq[V]) List[V] { return nil }

func Builder() Pair[string, *strings.Builder] { return Pair[string, *strings.Builder]{} }

type Set[T comparable] = map[T]struct{}
