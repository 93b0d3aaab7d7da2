package p

type H[T any] struct{ F T }

type t byte

var V H[t]
