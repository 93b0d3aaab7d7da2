package p

var F = func(x int) int { return x }
