package p

type A int

type B int
