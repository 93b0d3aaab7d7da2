package p

type S struct{ f []int }
