package p

type A = B

type B = C

type C struct{ X int }
