package p

type Set[T ~int | ~string] map[T]bool
