package p

var V struct{ A, B int }
