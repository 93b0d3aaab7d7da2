package p

var V int64
