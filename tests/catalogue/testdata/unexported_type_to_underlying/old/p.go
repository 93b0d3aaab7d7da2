package p

var V u

type u int
