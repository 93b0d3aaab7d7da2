package p

type A = B

type B int
