package p

type Set[T ~int] map[T]bool
