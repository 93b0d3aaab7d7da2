package p

var V interface{ M() }
