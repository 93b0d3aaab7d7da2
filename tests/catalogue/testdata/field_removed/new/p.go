package p

type S struct{ X int }
