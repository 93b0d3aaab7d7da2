package p

var F = func() {}
