package p

type S struct{ f [2]int }
