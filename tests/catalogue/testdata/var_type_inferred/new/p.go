package p

var V = 0
