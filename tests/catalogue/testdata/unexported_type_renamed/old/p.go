package p

var V u1

type u1 struct{ A int }
