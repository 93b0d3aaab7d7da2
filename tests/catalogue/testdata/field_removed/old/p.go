package p

type S struct{ X, Y int }
