package p

type A = int
