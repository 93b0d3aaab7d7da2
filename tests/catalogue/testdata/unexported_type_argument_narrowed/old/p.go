package p

type H[T any] struct{ F T }

type t int

var V H[t]
