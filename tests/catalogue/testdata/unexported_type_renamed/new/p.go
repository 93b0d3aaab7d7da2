package p

var V u2

type u2 struct{ A int }
