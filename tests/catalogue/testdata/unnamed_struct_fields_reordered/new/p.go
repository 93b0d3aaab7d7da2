package p

var V struct{ B, A int }
