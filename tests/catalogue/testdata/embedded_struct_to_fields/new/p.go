package p

type T struct{ X int }
