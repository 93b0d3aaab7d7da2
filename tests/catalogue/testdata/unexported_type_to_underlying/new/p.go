package p

var V int
