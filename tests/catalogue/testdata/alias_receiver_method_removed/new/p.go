package p

type T = t

type t struct{}
