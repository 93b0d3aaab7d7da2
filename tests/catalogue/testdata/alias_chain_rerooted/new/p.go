package p

type A = B

type C = B

type B struct{ X int }
